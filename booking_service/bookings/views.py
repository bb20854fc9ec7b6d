"""How bookings look to API callers and inside event payloads."""
from __future__ import annotations

import json

from booking_service.models import Booking
from shared.clock import iso_utc


CONSENTS = ("marketing_email", "marketing_sms", "venue_marketing_email", "venue_marketing_sms")


def customer_view(booking: Booking) -> dict:
    c = booking.customer
    return {"id": c.id, "title": c.title, "first_name": c.first_name, "surname": c.surname, "email": c.email,
            "mobile": c.mobile, "mobile_country_code": c.mobile_country_code, "phone": c.phone,
            "phone_country_code": c.phone_country_code, **{name: getattr(c, name) for name in CONSENTS}}


def booking_view(booking: Booking) -> dict:
    return {
        "id": booking.id,
        "reference": booking.reference,
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
        "created_at": iso_utc(booking.created_at),
        "updated_at": iso_utc(booking.updated_at),
    }


def event_snapshot(booking: Booking) -> dict:
    """What consumers need to act on an event without calling back: the booking as it is now."""
    return {**booking_view(booking), "booking_id": booking.id, "version": booking.version,
            "venue_name": booking.venue_name, "venue_address": booking.venue_address, "timezone": booking.timezone}


def response_bytes(view: dict) -> bytes:
    """The one serialisation of a response body, so a replayed response is byte for byte the same."""
    return json.dumps(view, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
