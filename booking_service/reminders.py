"""Reminder e-mails: one row per booking with a due time, polled by beat (no long Celery ETAs).

A booking gets its reminder when it is made (if the due time is still ahead), the reminder
moves with the booking, and a cancelled booking loses it. Sending means writing a
`booking.reminder_due` event to the outbox in the transaction that marks the row sent, so
a reminder is sent at most once per due time, and never for a booking no longer confirmed.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from booking_service.extensions import db
from booking_service.models import Booking, BookingStatus, Reminder
from booking_service.outbox import add_outbox_event
from shared.clock import utcnow
from shared.db import rows_affected


def schedule(session: Session, booking: Booking, lead: timedelta) -> None:
    """(Re)time the booking's reminder for `lead` before it starts; none if that is already past."""
    due_at = booking.starts_at - lead
    reminder = session.get(Reminder, booking.id)
    if due_at <= utcnow():
        if reminder is not None:
            session.delete(reminder)
        return
    if reminder is None:
        session.add(Reminder(booking_id=booking.id, due_at=due_at))
    elif reminder.due_at != due_at:
        reminder.due_at, reminder.sent_at = due_at, None


def drop(session: Session, booking_id: str) -> None:
    session.execute(delete(Reminder).where(Reminder.booking_id == booking_id))


def send_due(limit: int = 200) -> dict[str, int]:
    """Put a `booking.reminder_due` event in the outbox for every reminder that is due."""
    now = utcnow()
    with db.reading() as session:
        due = list(
            session.scalars(
                select(Reminder.booking_id)
                .where(Reminder.sent_at.is_(None), Reminder.due_at <= now)
                .order_by(Reminder.due_at)
                .limit(limit)
            )
        )
    sent = 0
    for booking_id in due:
        with db.transaction() as session:
            claimed = rows_affected(
                session,
                update(Reminder)
                .where(Reminder.booking_id == booking_id, Reminder.sent_at.is_(None), Reminder.due_at <= now)
                .values(sent_at=now)
                .execution_options(synchronize_session=False),
            )
            booking = session.get(Booking, booking_id)
            if claimed == 1 and booking is not None and booking.status == BookingStatus.CONFIRMED:
                add_outbox_event(session, "booking.reminder_due", booking, before=None, actor={"type": "system"})
                sent += 1
    return {"sent": sent}
