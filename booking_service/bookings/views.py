"""How bookings look to API callers and inside event payloads."""

from __future__ import annotations

import json

from booking_service.appointments.booking import appointment_view
from booking_service.models import Booking
from booking_service.reservations.booking import reservation_view
from booking_service.stays.booking import stay_view, total_view
from shared.clock import iso_utc

CONSENTS = ("marketing_email", "marketing_sms", "venue_marketing_email", "venue_marketing_sms")
CUSTOMER_VIEW_FIELDS = (
    "title",
    "first_name",
    "surname",
    "email",
    "mobile",
    "mobile_country_code",
    "phone",
    "phone_country_code",
    *CONSENTS,
)


def customer_view(booking: Booking) -> dict:
    """Who booked, as this booking was made (its own copy), with the id of the customer it counts towards."""
    return {"id": booking.customer_id, **{name: getattr(booking, f"contact_{name}") for name in CUSTOMER_VIEW_FIELDS}}


def booking_view(booking: Booking) -> dict:
    return {
        "id": booking.id,
        "reference": booking.reference,
        "kind": booking.kind,
        "status": booking.status,
        "venue": booking.venue,
        "date": booking.local_date.isoformat(),
        "time": booking.local_time.strftime("%H:%M"),
        "starts_at": iso_utc(booking.starts_at),
        "ends_at": iso_utc(booking.ends_at),
        "party_size": booking.party_size,
        "special_requests": booking.special_requests,
        "room_number": booking.room_number,
        "is_leave_time_confirmed": booking.is_leave_time_confirmed,
        "channel": booking.channel,
        "cancellation_reason_id": booking.cancellation_reason_id,
        "customer": customer_view(booking),
        "stay": stay_view(booking),
        "appointment": appointment_view(booking),
        "reservation": reservation_view(booking),
        "total": total_view(booking),
        "created_at": iso_utc(booking.created_at),
        "updated_at": iso_utc(booking.updated_at),
    }


def event_snapshot(booking: Booking) -> dict:
    """What consumers need to act on an event without calling back: the booking as it is now."""
    return {
        **booking_view(booking),
        "booking_id": booking.id,
        "version": booking.version,
        "venue_name": booking.venue_name,
        "venue_address": booking.venue_address,
        "timezone": booking.timezone,
    }


def response_bytes(view: dict) -> bytes:
    """The one serialisation of a response body, so a replayed response is byte for byte the same."""
    return json.dumps(view, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
