"""The front desk (docs/stays.md, "The front desk"): a stay's room, check-in and check-out, and
a day's arrivals, guests in house and departures.

The availability service decides which room a stay sleeps in (its room nights can never hold
two stays in one room on a night); the booking keeps the room's number for the staff and the
guest. Checking in takes a room if the stay has none; checking out issues the invoice
(stays/invoices.py) and leaves the room dirty for housekeeping.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm.exc import StaleDataError

from booking_service import availability_client, hold_commands, reminders
from booking_service.bookings.access import BookingAccess
from booking_service.bookings.service import find_booking
from booking_service.bookings.views import booking_view, event_snapshot
from booking_service.errors import BookingChanged, BookingNotModifiable, BookingNotStarted, NotAStay
from booking_service.extensions import db
from booking_service.models import Booking, BookingKind, BookingStatus, HoldCommand
from booking_service.outbox import add_outbox_event
from booking_service.stays.invoices import invoice_summary, issue_invoice
from shared.clock import utcnow, venue_today
from shared.errors import ApiError
from shared.identity import BOOKINGS_READ, Caller
from shared.service_auth import authorize

log = logging.getLogger(__name__)
IN_HOUSE = (BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)


def _stay(reference: str, access: BookingAccess) -> Booking:
    with db.reading() as session:
        booking = find_booking(session, reference, access)
        if booking.kind != BookingKind.STAY:
            raise NotAStay()
        session.expunge(booking)
    return booking


def _record(booking_id: str, hold_id: str, event_type: str, access: BookingAccess, **changes) -> dict:
    """Write the desk's change if the stay still holds the same nights (a move meanwhile is a 409)."""
    with db.transaction() as session:
        booking = session.get_one(Booking, booking_id)
        if booking.hold_id != hold_id:
            raise BookingChanged()
        before = event_snapshot(booking)
        for name, value in changes.items():
            setattr(booking, name, value)
        booking.updated_at = utcnow()
        add_outbox_event(session, event_type, booking, before=before, actor=access.actor)
        if booking.status != BookingStatus.CONFIRMED:
            reminders.drop(session, booking.id)
        return booking_view(booking)


def assign_room(reference: str, access: BookingAccess, room: str | None) -> dict:
    """Put the stay in `room`, or in the best free room of its type (docs/stays.md)."""
    booking = _stay(reference, access)
    if booking.status not in IN_HOUSE:
        raise BookingNotModifiable(details={"status": booking.status})
    assigned = availability_client.assign_room(booking.hold_id, room)
    return _record(booking.id, booking.hold_id, "booking.updated", access, assigned_room=assigned["room"])


def check_in(reference: str, access: BookingAccess, room: str | None) -> dict:
    """From the arrival day until the morning of departure; a stay without a room gets one."""
    booking = _stay(reference, access)
    if booking.status == BookingStatus.CHECKED_IN:
        return booking_view(booking)
    if booking.status != BookingStatus.CONFIRMED:
        raise BookingNotModifiable(details={"status": booking.status})
    today = venue_today(booking.timezone or "UTC")
    if today < booking.local_date:
        raise BookingNotStarted(
            "The stay starts on its arrival date.", details={"arrival": booking.local_date.isoformat()}
        )
    if booking.departure_date is not None and today >= booking.departure_date:
        raise BookingNotModifiable("The stay is over.", details={"departure": booking.departure_date.isoformat()})
    number = booking.assigned_room
    if room is not None or number is None:
        number = availability_client.assign_room(booking.hold_id, room)["room"]
    return _record(
        booking.id,
        booking.hold_id,
        "booking.checked_in",
        access,
        status=BookingStatus.CHECKED_IN,
        assigned_room=number,
        checked_in_at=utcnow(),
    )


def check_out(reference: str, access: BookingAccess) -> dict:
    """The stay is completed and its invoice issued from the folio, in one transaction; the
    check-out e-mail carries the invoice. Checking out again answers the stay as it is.

    A guest leaving before the booked departure leaves today (or, on the arrival day, after the
    first night): the nights after that go back on sale and the stay shows its true departure.
    The invoice bills the stay as it was sold; a refund of unused nights is a credit note.
    """
    booking = _stay(reference, access)
    if booking.status == BookingStatus.COMPLETED:
        return booking_view(booking)
    if booking.status != BookingStatus.CHECKED_IN:
        raise BookingNotModifiable("Only a guest who checked in can check out.", details={"status": booking.status})
    try:
        with db.transaction() as session:
            current = session.get_one(Booking, booking.id)
            if current.status == BookingStatus.COMPLETED:  # another desk checked the guest out just now
                return booking_view(current)
            before = event_snapshot(current)
            current.status, current.checked_out_at = BookingStatus.COMPLETED, utcnow()
            current.updated_at = current.checked_out_at
            leaving_early = _early_departure(current)
            if leaving_early is not None:
                current.departure_date = leaving_early
                hold_commands.record(session, current.hold_id, HoldCommand.END_STAY)
            invoice = issue_invoice(session, current)
            add_outbox_event(
                session,
                "booking.checked_out",
                current,
                before=before,
                actor=access.actor,
                invoice=invoice_summary(invoice),
            )
            view = booking_view(current)
    except StaleDataError:
        with db.reading() as session:
            return booking_view(find_booking(session, reference, access))
    if leaving_early is not None:
        hold_commands.carry_out(booking.hold_id, HoldCommand.END_STAY)
    if booking.assigned_room is not None:
        try:
            availability_client.set_housekeeping(booking.venue, booking.assigned_room, "dirty")
        except ApiError:
            log.warning("could not mark the room dirty", extra={"reference": booking.reference})
    return view


def _early_departure(stay: Booking) -> date | None:
    """The day a guest checking out now leaves, if before the booked departure."""
    today = venue_today(stay.timezone or "UTC")
    assert stay.departure_date is not None  # every stay has one
    leaves = max(today, stay.local_date + timedelta(days=1))
    return leaves if leaves < stay.departure_date else None


def front_desk(staff: Caller, venue: str, on: date) -> dict:
    """The venue's stays arriving on `on`, in house (checked in) and leaving on `on`."""
    authorize(staff, venue, BOOKINGS_READ)
    with db.reading() as session:
        stays = session.scalars(
            select(Booking)
            .where(
                Booking.venue == venue,
                Booking.kind == BookingKind.STAY,
                or_(
                    Booking.status == BookingStatus.CHECKED_IN,
                    Booking.local_date == on,
                    Booking.departure_date == on,
                ),
                Booking.status.in_(IN_HOUSE),
            )
            .order_by(Booking.local_date, Booking.reference)
        ).all()
        views = [(booking, booking_view(booking)) for booking in stays]
    return {
        "venue": venue,
        "date": on.isoformat(),
        "arrivals": [view for booking, view in views if booking.local_date == on],
        "in_house": [view for booking, view in views if booking.status == BookingStatus.CHECKED_IN],
        "departures": [view for booking, view in views if booking.departure_date == on],
    }
