"""Past reservations are completed by the booking service's own job (docs/appointments.md,
"Reservations"; `complete-reservations` in booking_service/jobs.py).

A confirmed reservation whose last occurrence has ended becomes `completed`, with its
`booking.completed` event, the same change staff make by hand for a table (bookings/changes.py:
record_outcome). Each is its own guarded change: the booking's version decides against a
concurrent cancel, move or a second run of the job, and the loser looks again next run.
`expired` is not a reservation's end: it is kept for a booking held before payment whose payment
never came (docs/bookings.md, "States").
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from booking_service import reminders
from booking_service.bookings.views import event_snapshot
from booking_service.extensions import db
from booking_service.models import Booking, BookingKind, BookingStatus
from booking_service.outbox import add_outbox_event
from shared.clock import utcnow

SYSTEM = {"type": "system", "id": "complete-reservations"}


def complete_past_reservations(limit: int = 200) -> dict[str, int]:
    with db.reading() as session:
        due = list(
            session.scalars(
                select(Booking.id)
                .where(
                    Booking.kind == BookingKind.RESERVATION,
                    Booking.status == BookingStatus.CONFIRMED,
                    Booking.ends_at <= utcnow(),
                )
                .order_by(Booking.ends_at)
                .limit(limit)
            )
        )
    completed = 0
    for booking_id in due:
        try:
            with db.transaction() as session:
                booking = session.get(Booking, booking_id)
                if booking is None or booking.status != BookingStatus.CONFIRMED or booking.ends_at > utcnow():
                    continue
                before = event_snapshot(booking)
                booking.status, booking.updated_at = BookingStatus.COMPLETED, utcnow()
                reminders.drop(session, booking.id)
                add_outbox_event(session, "booking.completed", booking, before=before, actor=SYSTEM)
            completed += 1
        except StaleDataError:
            continue  # changed meanwhile: the next run looks again
    return {"completed": completed}
