"""Staff lists of bookings: filtered by venue, dates, status and customer e-mail, in start order,
never beyond the venues the caller may read (another venue named outright is a 404).

The cursor is the last booking's (start, id), opaque to callers; each page is one indexed
range scan whatever its position.
"""
from __future__ import annotations

import base64
from datetime import date, datetime

from sqlalchemy import func, select, tuple_

from booking_service.bookings.views import booking_view
from booking_service.extensions import db
from booking_service.models import Booking, Customer
from shared.errors import ValidationFailed
from shared.identity import BOOKINGS_READ, Caller
from shared.service_auth import authorize


def encode_cursor(booking: Booking) -> str:
    return base64.urlsafe_b64encode(f"{booking.starts_at.isoformat()}|{booking.id}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        starts_at, booking_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|", 1)
        return datetime.fromisoformat(starts_at), booking_id
    except (ValueError, UnicodeError):
        raise ValidationFailed(details={"cursor": ["Not a cursor this API gave out."]}) from None


def list_bookings(caller: Caller, *, venue: str | None, first: date | None, last: date | None, status: str | None,
                  email: str | None, cursor: str | None, limit: int) -> dict:
    query = select(Booking)
    if venue is not None:
        authorize(caller, venue, BOOKINGS_READ)
        query = query.where(Booking.venue == venue)
    elif (venues := caller.venues_with(BOOKINGS_READ)) is not None:
        query = query.where(Booking.venue.in_(venues))
    if first is not None:
        query = query.where(Booking.local_date >= first)
    if last is not None:
        query = query.where(Booking.local_date <= last)
    if status is not None:
        query = query.where(Booking.status == status)
    if email is not None:
        query = query.join(Booking.customer).where(func.lower(Customer.email) == email.strip().lower())
    if cursor is not None:
        query = query.where(tuple_(Booking.starts_at, Booking.id) > tuple_(*decode_cursor(cursor)))
    with db.reading() as session:
        rows = session.scalars(query.order_by(Booking.starts_at, Booking.id).limit(limit + 1)).all()
        items = [booking_view(booking) for booking in rows[:limit]]
    return {"items": items, "next_cursor": encode_cursor(rows[limit - 1]) if len(rows) > limit else None}
