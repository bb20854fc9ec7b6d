"""The transactional outbox: events written with the change that caused them, and the relay's
step that appends committed ones to the booking service's event stream (docs/architecture.md,
guarantee 2 and "Events").

It scans every unpublished row, oldest first, not only the last transaction's. On
PostgreSQL rows are claimed with FOR UPDATE SKIP LOCKED, so several relays never publish the
same row at once; on SQLite the write transaction serialises relays. A batch is appended in one
round trip and marked published only after the stream took it; if Redis fails, the rows stay
unpublished and go again later (consumers dedupe on the event id).

A transaction that wrote an event nudges the relay once it has committed, so the event goes out
at once instead of at the relay's next poll; the nudge is only a hint (a lost one costs one
`OUTBOX_RELAY_INTERVAL`), so it never holds up or fails the change.
"""

from __future__ import annotations

import logging
import time

from redis.exceptions import RedisError
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from booking_service.bookings.views import event_snapshot
from booking_service.events import PRODUCER, booking_event, waitlist_event
from booking_service.extensions import db, redis
from booking_service.models import Booking, OutboxEvent
from shared.clock import utcnow
from shared.events import EventLog
from shared.logging import current_request_id

log = logging.getLogger(__name__)
RELAY_NUDGE_KEY = "tessera:booking:outbox-nudge"
NUDGE_WAIT_STEP_SECONDS = 0.4
NUDGE_MIN_WAIT_SECONDS = 0.01


def add_outbox_event(
    session: Session,
    event_type: str,
    booking: Booking,
    *,
    before: dict | None,
    actor: dict,
    invoice: dict | None = None,
) -> dict:
    """Write the event of a change in the change's own transaction; returns the new snapshot."""
    session.flush()
    after = event_snapshot(booking)
    envelope = booking_event(
        event_type,
        booking.id,
        booking.venue,
        before,
        after,
        actor=actor,
        request_id=current_request_id(),
        invoice=invoice,
    )
    session.info["outbox_written"] = True
    session.add(
        OutboxEvent(
            event_id=envelope["event_id"],
            event_type=event_type,
            aggregate_id=booking.id,
            envelope=envelope,
            created_at=utcnow(),
        )
    )
    return after


def add_waitlist_event(
    session: Session, event_type: str, entry_id: str, venue: str, *, before: dict | None, after: dict, actor: dict
) -> None:
    """A waitlist entry's event (booking_service/reservations/waitlist.py), in its change's transaction."""
    envelope = waitlist_event(event_type, entry_id, venue, before, after, actor=actor, request_id=current_request_id())
    session.info["outbox_written"] = True
    session.add(
        OutboxEvent(
            event_id=envelope["event_id"],
            event_type=event_type,
            aggregate_id=entry_id,
            envelope=envelope,
            created_at=utcnow(),
        )
    )


@event.listens_for(Session, "after_commit")
def _nudge_the_relay_after_an_event_committed(session: Session) -> None:
    if session.info.pop("outbox_written", False):
        nudge_relay()


@event.listens_for(Session, "after_rollback")
def _forget_events_rolled_back(session: Session) -> None:
    session.info.pop("outbox_written", None)


def nudge_relay() -> None:
    """Tell the relay an event is waiting (one list entry at most, however many nudges). A
    command-line process without Redis (seeding) leaves the relay to its poll."""
    if not redis.bound:
        return
    try:
        nudge = redis.client.pipeline(transaction=False)
        nudge.lpush(RELAY_NUDGE_KEY, 1)
        nudge.ltrim(RELAY_NUDGE_KEY, 0, 0)
        nudge.execute()
    except (RedisError, OSError):
        pass  # the relay's poll finds the event; Redis being down stops the publishing anyway


def wait_for_nudge(seconds: float) -> bool:
    """Wait up to `seconds` for a nudge; True when one came. With Redis down, a plain sleep."""
    deadline = time.monotonic() + seconds
    # BLPOP in steps under the Redis client's 0.5 s socket timeout; a timeout of 0 would block
    # for ever, so the last few milliseconds are slept.
    while (left := deadline - time.monotonic()) > NUDGE_MIN_WAIT_SECONDS:
        try:
            if redis.client.blpop([RELAY_NUDGE_KEY], timeout=min(left, NUDGE_WAIT_STEP_SECONDS)) is not None:
                return True
        except (RedisError, OSError):
            break
    time.sleep(max(0.0, deadline - time.monotonic()))
    return False


def publish_pending(batch_size: int = 100) -> int:
    """Append up to `batch_size` unpublished events to the stream; returns how many."""
    with db.transaction() as session:
        query = select(OutboxEvent).where(OutboxEvent.published_at.is_(None)).order_by(OutboxEvent.id).limit(batch_size)
        if not db.is_sqlite:
            query = query.with_for_update(skip_locked=True)
        rows = session.scalars(query).all()
        if not rows:
            return 0
        for row in rows:
            row.attempts += 1
        try:
            EventLog(redis.client, PRODUCER).append([row.envelope for row in rows])
        except (RedisError, OSError) as exc:  # keep the rows (and their attempt counts): next round
            log.warning("outbox publish failed", extra={"events": len(rows), "error": type(exc).__name__})
            return 0
        now = utcnow()
        for row in rows:
            row.published_at = now
    return len(rows)


def backlog() -> dict:
    """How many events wait and how old the oldest is, in seconds."""
    with db.reading() as session:
        count, oldest = session.execute(
            select(func.count(OutboxEvent.id), func.min(OutboxEvent.created_at)).where(
                OutboxEvent.published_at.is_(None)
            )
        ).one()
    age = (utcnow() - oldest).total_seconds() if oldest else 0.0
    return {"unpublished": count, "oldest_age_seconds": round(age, 3)}
