"""The availability service's domain errors (codes are part of the API)."""
from shared.errors import ApiError


class VenueNotFound(ApiError):
    status, code, message = 404, "venue_not_found", "No venue with that name."


class SlotNotFound(ApiError):
    status, code, message = 404, "slot_not_found", "The venue offers no slot at that date and time."


class SlotFull(ApiError):
    status, code, message = 409, "slot_full", "The slot does not have enough capacity left."


class SlotNotBookable(ApiError):
    status, code, message = 422, "slot_not_bookable", "That slot cannot be booked now."


class PartyTooLarge(ApiError):
    status, code, message = 422, "party_too_large", "The party is larger than the venue accepts."


class DateInPast(ApiError):
    status, code, message = 422, "date_in_past", "The date is in the past."


class HoldNotFound(ApiError):
    status, code, message = 404, "hold_not_found", "No hold with that id."


class HoldKeyReused(ApiError):
    status, code, message = 409, "hold_key_reused", "That hold key was already used for another request."


class HoldNotActive(ApiError):
    status, code, message = 409, "hold_not_active", "The hold was released or has expired."
