"""Dead letters: consumer tasks that used up their attempts, kept for an operator to re-drive.

A task lands here when a transient failure outlived its retries, when an unexpected error
repeated (a poison event), or when it kept killing its worker. Re-driving publishes the same
event to the same task again; consumers are idempotent, so a re-drive can never double an effect.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from notification_service.extensions import db
from notification_service.models import DeadLetter
from shared.clock import utcnow

log = logging.getLogger(__name__)


def record(*, task_name: str, queue: str, task_id: str, event: dict, reason: str, attempts: int) -> None:
    """Keep the failed task, once: a task delivered again after it was dead-lettered (its
    acknowledgement lost with a worker, or late on a starved machine) finds its open letter."""
    event_id = event.get("event_id") if isinstance(event, dict) else None
    with db.transaction() as session:
        if event_id is not None and _open_letter(session, task_name, event_id):
            log.warning("task dead-lettered again", extra={"task": task_name, "task_id": task_id, "event_id": event_id})
            return
        session.add(
            DeadLetter(
                task_name=task_name,
                queue=queue,
                task_id=task_id,
                event_id=event_id,
                event=event if isinstance(event, dict) else {"unreadable": repr(event)[:2000]},
                reason=reason[:2000],
                attempts=attempts,
                failed_at=utcnow(),
            )
        )
    log.error(
        "task dead-lettered",
        extra={"task": task_name, "task_id": task_id, "event_id": event_id, "reason": reason[:200]},
    )


def _open_letter(session: Session, task_name: str, event_id: str) -> bool:
    query = select(DeadLetter.id).where(
        DeadLetter.task_name == task_name, DeadLetter.event_id == event_id, DeadLetter.redriven_at.is_(None)
    )
    return session.scalar(query.limit(1)) is not None


def open_letters(limit: int = 100) -> list[DeadLetter]:
    """Dead letters not re-driven yet, oldest first."""
    query = select(DeadLetter).where(DeadLetter.redriven_at.is_(None)).order_by(DeadLetter.id).limit(limit)
    with db.reading() as session:
        return list(session.scalars(query))


def redrive(ids: list[int] | None, publish: Callable[[str, str, dict], None]) -> list[int]:
    """Publish the open dead letters `ids` (all open ones when None) again; returns the ids sent.

    Each is published before it is marked: a crash in between leaves it open, and a second
    re-drive only repeats an idempotent task."""
    query = select(DeadLetter).where(DeadLetter.redriven_at.is_(None)).order_by(DeadLetter.id)
    if ids is not None:
        query = query.where(DeadLetter.id.in_(ids))
    with db.reading() as session:
        letters = list(session.scalars(query))
    sent = []
    for letter in letters:
        publish(letter.task_name, letter.queue, letter.event)
        with db.transaction() as session:
            session.get(DeadLetter, letter.id).redriven_at = utcnow()
        sent.append(letter.id)
    return sent
