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
