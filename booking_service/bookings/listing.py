"""Staff lists of bookings: filtered by venue, dates, status, kind, a reservation's resource, customer
e-mail and free text, in
start order (soonest or latest first), never beyond the venues the caller may read (another
venue named outright is a 404); and how many bookings each start time of a day has.

The cursor is the last booking's (start, id), opaque to callers; each page is one indexed
range scan whatever its position. An offset skips rows after the cursor, for callers that
page by number.
"""

from __future__ import annotations

import base64
from datetime import date, datetime, time
from typing import cast

from sqlalchemy import func, or_, select, tuple_

from booking_service.bookings.views import booking_view
from booking_service.extensions import db
from booking_service.models import Booking, Customer
from shared.errors import ValidationFailed
from shared.identity import BOOKINGS_READ, Caller
from shared.service_auth import authorize

SEARCHED_COLUMNS = (Booking.reference, Booking.contact_first_name, Booking.contact_surname, Booking.contact_email)


def encode_cursor(booking: Booking) -> str:
    return base64.urlsafe_b64encode(f"{booking.starts_at.isoformat()}|{booking.id}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        starts_at, booking_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|", 1)
        return datetime.fromisoformat(starts_at), booking_id
    except (ValueError, UnicodeError):
        raise ValidationFailed(details={"cursor": ["Not a cursor this API gave out."]}) from None


def _readable(caller: Caller, venue: str | None):
    """The bookings `caller` may read, of `venue` if one is named."""
    query = select(Booking)
    if venue is not None:
        authorize(caller, venue, BOOKINGS_READ)
        return query.where(Booking.venue == venue)
    if (venues := caller.venues_with(BOOKINGS_READ)) is not None:
        return query.where(Booking.venue.in_(venues))
    return query


def _mentions(word: str):
    """A booking whose reference, or whose booker's name or e-mail (as given on the booking),
    contains `word`, ignoring case."""
    pattern = "%" + word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(*(func.lower(column).like(pattern, escape="\\") for column in SEARCHED_COLUMNS))


def list_bookings(
    caller: Caller,
    *,
    venue: str | None,
    first: date | None,
    last: date | None,
    status: str | None,
    email: str | None,
    cursor: str | None,
    limit: int,
    latest_first: bool = False,
    offset: int = 0,
    text: str | None = None,
    kind: str | None = None,
    resource: int | None = None,
) -> dict:
    query = _readable(caller, venue)
    if kind is not None:
        query = query.where(Booking.kind == kind)
    if resource is not None:  # a resource's reservation history
        query = query.where(Booking.resource_id == resource)
    if first is not None:
        query = query.where(Booking.local_date >= first)
    if last is not None:
        query = query.where(Booking.local_date <= last)
    if status is not None:
        query = query.where(Booking.status == status)
    if email is not None:
        query = query.join(Booking.customer).where(func.lower(Customer.email) == email.strip().lower())
    for word in (text or "").split():
        query = query.where(_mentions(word))
    position = tuple_(Booking.starts_at, Booking.id)
    if cursor is not None:
        after = tuple_(*decode_cursor(cursor))
        query = query.where(position < after if latest_first else position > after)
    order = (Booking.starts_at.desc(), Booking.id.desc()) if latest_first else (Booking.starts_at, Booking.id)
    with db.reading() as session:
        rows = session.scalars(query.order_by(*order).offset(offset).limit(limit + 1)).all()
        items = [booking_view(booking) for booking in rows[:limit]]
    return {"items": items, "next_cursor": encode_cursor(rows[limit - 1]) if len(rows) > limit else None}


def count_bookings(caller: Caller, *, venue: str, on: date, status: str) -> dict:
    """How many bookings in `status` each start time of the venue's day has (times with none left out)."""
    query = (
        _readable(caller, venue)
        .with_only_columns(Booking.local_time, func.count())
        .where(Booking.local_date == on, Booking.status == status)
        .group_by(Booking.local_time)
        .order_by(Booking.local_time)
    )
    with db.reading() as session:
        counts = cast(list[tuple[time, int]], session.execute(query).all())
    return {
        "venue": venue,
        "date": on.isoformat(),
        "status": status,
        "times": [{"time": at.strftime("%H:%M"), "bookings": number} for at, number in counts],
    }
