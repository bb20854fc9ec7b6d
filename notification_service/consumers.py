"""Each handler's record of the events it has had its effect for: the dedupe that turns
at-least-once delivery into exactly-once effects.

A handler calls `first_time` inside the transaction of its effect, so the record and the
effect commit together or not at all. On PostgreSQL a duplicate processed concurrently
waits on the first one's uncommitted key, then finds it taken.
"""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from notification_service.models import ProcessedEvent
from shared.db import insert_ignoring_conflicts


def first_time(session: Session, event_id: str, handler: str) -> bool:
    """Record that `handler` processed `event_id`; False when it already had."""
    return insert_ignoring_conflicts(session, ProcessedEvent, {"event_id": event_id, "handler": handler}) == 1


def forget(session: Session, event_id: str, handler: str) -> None:
    """Undo `first_time`, for an effect that turned out not to have happened."""
    session.execute(
        delete(ProcessedEvent).where(ProcessedEvent.event_id == event_id, ProcessedEvent.handler == handler)
    )
