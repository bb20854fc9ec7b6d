"""The availability service's domain errors (codes are part of the API)."""

from shared.errors import ApiError


class VenueNotFound(ApiError):
    status, code, message = 404, "venue_not_found", "No venue with that name."


class VenueExists(ApiError):
    status, code, message = 409, "venue_exists", "A venue with that name already exists."


class ResourceNotFound(ApiError):
    status, code, message = 404, "resource_not_found", "The venue has no resource with that id."


class ResourceExists(ApiError):
    status, code, message = 409, "resource_exists", "The venue already has a resource with that name."


class ResourceUnavailable(ApiError):
    status, code, message = 409, "resource_unavailable", "The resource is not free for the whole of that time."


class RuleNotFound(ApiError):
    status, code, message = 404, "opening_rule_not_found", "The venue has no opening rule with that id."


class ClosureNotFound(ApiError):
    status, code, message = 404, "closure_not_found", "The venue is not closed on that date."


class ClosureExists(ApiError):
    status, code, message = 409, "closure_exists", "The venue is already closed on that date."


class SlotNotFound(ApiError):
    status, code, message = 404, "slot_not_found", "The venue offers no slot at that date and time."


class SlotFull(ApiError):
    status, code, message = 409, "slot_full", "The slot does not have enough capacity left."


class SlotNotBookable(ApiError):
    status, code, message = 422, "slot_not_bookable", "That slot cannot be booked now."


class RangeNotBookable(ApiError):
    status, code, message = 422, "range_not_bookable", "That time range cannot be booked."


class PartyTooLarge(ApiError):
    status, code, message = 422, "party_too_large", "The party is larger than the venue accepts."


class DateInPast(ApiError):
    status, code, message = 422, "date_in_past", "The date is in the past."


class DateBeyondHorizon(ApiError):
    status, code, message = 422, "date_beyond_horizon", "The date is further ahead than the venue takes bookings."


class CapacityBelowHeld(ApiError):
    status, code, message = 409, "capacity_below_held", "The capacity would be lower than what is already held."


class HoldNotFound(ApiError):
    status, code, message = 404, "hold_not_found", "No hold with that id."


class HoldKeyReused(ApiError):
    status, code, message = 409, "hold_key_reused", "That hold key was already used for another request."


class HoldNotActive(ApiError):
    status, code, message = 409, "hold_not_active", "The hold was released or has expired."


class StayNotBookable(ApiError):
    status, code, message = 422, "stay_not_bookable", "That stay cannot be booked."


class RoomTypeNotFound(ApiError):
    status, code, message = 404, "room_type_not_found", "The venue has no room type with that code."


class RoomTypeExists(ApiError):
    status, code, message = 409, "room_type_exists", "The venue already has a room type with that code."


class RoomNotFound(ApiError):
    status, code, message = 404, "room_not_found", "The venue has no room with that number."


class RoomExists(ApiError):
    status, code, message = 409, "room_exists", "The venue already has a room with that number."


class RoomBlockNotFound(ApiError):
    status, code, message = 404, "room_block_not_found", "The venue has no out-of-order block with that id."


class RoomTypeSoldOut(ResourceUnavailable):
    """A stay's refusal keeps the range holds' code (docs/architecture.md lists it) with its own words."""

    message = "No room of that type is free for every night of the stay."


class CapacityFollowsRooms(ApiError):
    status, code = 409, "capacity_follows_rooms"
    message = "A room type's units are its rooms in service: add or take rooms out of service instead."


class RoomNotInService(ApiError):
    status, code, message = 409, "room_not_in_service", "The room is out of service: put it back in service first."


class RoomTaken(ApiError):
    status, code, message = (
        409,
        "room_taken",
        "The room is taken on some of those nights: by another stay, or out of order.",
    )


class RoomOfAnotherType(ApiError):
    status, code, message = 422, "room_of_another_type", "That room is not of the stay's room type."


class NoRoomFree(ApiError):
    status, code, message = 409, "no_room_free", "No room of the type is free on every night of the stay: move a stay."


class RoomHasStays(ApiError):
    status, code, message = 409, "room_has_stays", "Stays are given this room on future nights: move them first."


class RoomHasBlocks(ApiError):
    status, code, message = 409, "room_has_blocks", "The room is out of order on future nights: end those blocks first."


class BlockNotFound(ApiError):
    status, code, message = 404, "block_not_found", "The resource has no block with that id."


class ServiceNotFound(ApiError):
    status, code, message = 404, "service_not_found", "The venue has no service with that code."


class ServiceExists(ApiError):
    status, code, message = 409, "service_exists", "The venue already has a service with that code."


class StaffNotFound(ApiError):
    status, code, message = 404, "staff_not_found", "The venue has no staff member with that id."


class StaffNotForService(ApiError):
    status, code, message = 422, "staff_not_for_service", "That staff member does not perform the service."


class StaffUnavailable(ApiError):
    status, code, message = 409, "staff_unavailable", "No staff member who performs the service is free then."


class AppointmentNotBookable(ApiError):
    status, code, message = 422, "appointment_not_bookable", "That appointment can't be booked."


class ReservationNotBookable(ApiError):
    status, code, message = 422, "reservation_not_bookable", "That reservation can't be booked."


class SeriesTooLong(ApiError):
    status, code, message = 422, "series_too_long", "A series can have at most 366 occurrences."


class ClassFull(ApiError):
    status, code, message = 409, "class_full", "The class has no places left at that time."
