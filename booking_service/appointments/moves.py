"""Where an appointment could move (docs/appointments.md, "Moving an appointment"): the search's
times for its service with its own holds counted free, as the move's placement counts them."""

from __future__ import annotations

from datetime import date

from booking_service import availability_client
from booking_service.bookings.access import BookingAccess
from booking_service.bookings.service import find_booking
from booking_service.errors import BookingNotModifiable, NotAnAppointment
from booking_service.extensions import db
from booking_service.models import BookingKind, BookingStatus


def times_for_move(reference: str, access: BookingAccess, on: date, staff: int | None) -> dict:
    """The times the appointment could move to that day: the search's, with its own time free."""
    with db.reading() as session:
        booking = find_booking(session, reference, access)
        session.expunge(booking)
    if booking.kind != BookingKind.APPOINTMENT or booking.service is None:
        raise NotAnAppointment()
    if booking.status not in BookingStatus.OPEN:
        raise BookingNotModifiable(details={"status": booking.status})
    return availability_client.appointment_times(booking.venue, booking.service, on, staff, replacing=booking.hold_id)
