"""The booking service's domain errors (codes are part of the API)."""

from shared.errors import ApiError


class BookingNotFound(ApiError):
    status, code, message = 404, "booking_not_found", "No booking with that reference for that e-mail."


class IdempotencyKeyReused(ApiError):
    status, code, message = 422, "idempotency_key_reused", "That Idempotency-Key was used with a different request."


class HoldExpiredBeforeCommit(ApiError):
    status, code, message = 503, "upstream_unavailable", "The booking took too long to complete. Try again."


class IdempotencyKeySpent(ApiError):
    status, code, message = (
        409,
        "idempotency_key_spent",
        "The request with this Idempotency-Key failed and its capacity was given back; send a new key.",
    )


class BookingNotModifiable(ApiError):
    status, code, message = 409, "booking_not_modifiable", "The booking is cancelled or over and cannot be changed."


class BookingChanged(ApiError):
    status, code, message = 409, "booking_changed", "The booking changed meanwhile. Fetch it and try again."


class BookingNotStarted(ApiError):
    status, code, message = 409, "booking_not_started", "The booking has not started yet."


class RatePlanNotFound(ApiError):
    status, code, message = 404, "rate_plan_not_found", "The venue has no rate plan with that code for that room type."


class RatePlanExists(ApiError):
    status, code, message = 409, "rate_plan_exists", "The room type already has a rate plan with that code."


class CurrencyMismatch(ApiError):
    status, code, message = (
        409,
        "currency_mismatch",
        "A venue's city tax is charged in the currency of its rate plans: set them in one currency.",
    )


class NotAStay(ApiError):
    status, code, message = 422, "not_a_stay", "That booking is not a stay: it has no room."


class NotAnAppointment(ApiError):
    status, code, message = 422, "not_an_appointment", "That booking is not an appointment."


class CatalogueItemNotFound(ApiError):
    status, code, message = 404, "catalogue_item_not_found", "The venue has no such item in its catalogue."


class CatalogueItemExists(ApiError):
    status, code, message = 409, "catalogue_item_exists", "The venue already has an item with that code."


class OutOfStock(ApiError):
    status, code, message = 409, "out_of_stock", "Not enough of that item is left."


class InvoiceNotFound(ApiError):
    status, code, message = 404, "invoice_not_found", "The stay has no invoice yet: it is issued at check-out."


class RatePlanNotOnSale(ApiError):
    status, code, message = 422, "rate_plan_not_on_sale", "That room type has no such rate on sale."


class StayNotBookable(ApiError):
    status, code, message = 422, "stay_not_bookable", "That stay cannot be booked."


class WaitlistEntryNotFound(ApiError):
    status, code, message = 404, "waitlist_entry_not_found", "No waitlist entry with that id for you."


class ResourceAvailable(ApiError):
    status, code, message = 409, "resource_available", "The resource is free then: reserve it instead of waiting."


class OfferNotOpen(ApiError):
    status, code, message = (
        409,
        "offer_not_open",
        "There is no open offer on that waitlist entry: it passed or was taken.",
    )


class AlreadyWaiting(ApiError):
    status, code, message = (
        409,
        "already_waiting",
        "That person is already on this resource's waitlist for a time that overlaps this one.",
    )


class WaitlistEntryBooked(ApiError):
    status, code, message = (
        409,
        "waitlist_entry_booked",
        "That offer was taken and the reservation is booked: cancel the booking instead.",
    )


class OfferLinkExpired(ApiError):
    status, code, message = 401, "link_expired", "This link has expired: the time it was for has passed."
