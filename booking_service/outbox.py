"""The transactional outbox: events written with the change that caused them, and the relay
that hands committed events to Celery (DESIGN guarantee 2).

It scans every unpublished row, oldest first, not only the last transaction's. On
PostgreSQL rows are claimed with FOR UPDATE SKIP LOCKED, so several relays never publish the
same row at once; on SQLite the write transaction serialises relays. A row is marked
published only after the broker accepted every consumer's task; if the broker fails midway
the row stays unpublished and is sent again later (consumers dedupe on the event id).
"""
from __future__ import annotations

import logging

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from booking_service.bookings.views import event_snapshot
from booking_service.extensions import celery, db
from booking_service.models import Booking, OutboxEvent
from shared.celery_app import publish
from shared.clock import utcnow
from shared.events import BOOKING_EVENT_CONSUMERS, make_event
from shared.logging import current_request_id

log = logging.getLogger(__name__)


def add_outbox_event(session: Session, event_type: str, booking: Booking, *, before: dict | None,
                     actor: dict) -> dict:
    """Write the event of a change in the change's own transaction; returns the new snapshot."""
    session.flush()
    after = event_snapshot(booking)
    envelope = make_event(event_type, booking.id, {"venue": booking.venue, "before": before, "after": after},
                          actor=actor, request_id=current_request_id())
    session.add(OutboxEvent(event_id=envelope["event_id"], event_type=event_type, aggregate_id=booking.id,
                            envelope=envelope, created_at=utcnow()))
    return after


def publish_pending(batch_size: int = 100) -> int:
    """Publish up to `batch_size` unpublished events; returns how many were published."""
    published = 0
    with db.transaction() as session:
        query = (select(OutboxEvent).where(OutboxEvent.published_at.is_(None))
                 .order_by(OutboxEvent.id).limit(batch_size))
        if not db.is_sqlite:
            query = query.with_for_update(skip_locked=True)
        for row in session.scalars(query).all():
            try:
                for task_name, queue in BOOKING_EVENT_CONSUMERS.items():
                    publish(celery.app, task_name, queue, row.envelope)
            except Exception as exc:  # the broker is down: keep the row, try again next round
                row.attempts += 1
                log.warning("outbox publish failed", extra={"event_id": row.event_id,
                                                            "error": type(exc).__name__})
                break
            row.published_at = utcnow()
            row.attempts += 1
            published += 1
    return published


def backlog() -> dict:
    """How many events wait and how old the oldest is, in seconds."""
    with db.reading() as session:
        count, oldest = session.execute(
            select(func.count(OutboxEvent.id), func.min(OutboxEvent.created_at))
            .where(OutboxEvent.published_at.is_(None))
        ).one()
    age = (utcnow() - oldest).total_seconds() if oldest else 0.0
    return {"unpublished": count, "oldest_age_seconds": round(age, 3)}
