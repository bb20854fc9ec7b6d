"""Confirms, releases and early departures owed to the availability service (the saga's
compensations, and a stay's nights given back when its guest leaves early).

A use case records the command in its own transaction (`record`). A release or an early
departure is carried out right after the commit (`carry_out`): the capacity it frees is for
other guests now. A confirm is not on the request path: a committed booking's hold counts
against capacity whether `held` or `confirmed`, so the relay sends the confirms owed in batches
after the commits that owe them (`confirm_owed`; docs/architecture.md, "Creating a booking").
Whatever did not get through is retried by the reconciliation job (`carry_out_pending`) until
the availability service has taken it; every call is idempotent there, so doing one twice is
harmless.
"""

from __future__ import annotations

import logging

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from booking_service import availability_client
from booking_service.extensions import db
from booking_service.models import Booking, HoldCommand
from shared.clock import utcnow
from shared.db import insert_ignoring_conflicts
from shared.errors import ApiError

log = logging.getLogger(__name__)
MAX_CONFIRMATIONS = 100  # the availability service's limit per call
RELAY_ATTEMPTS = 3


def _end_stay(hold_id: str) -> dict:
    """End the stay's hold on the departure its booking now has (stays/front_desk.py: check_out)."""
    with db.reading() as session:
        departure = session.scalar(select(Booking.departure_date).where(Booking.hold_id == hold_id))
    if departure is None:
        raise ApiError("No stay holds that hold.", code="hold_not_active", status=409)
    return availability_client.end_stay_on(hold_id, departure)


CALLS = {
    HoldCommand.CONFIRM: availability_client.confirm_hold,
    HoldCommand.RELEASE: availability_client.release_hold,
    HoldCommand.END_STAY: _end_stay,
}


def record(session: Session, hold_id: str, command: str) -> None:
    insert_ignoring_conflicts(
        session,
        HoldCommand,
        {"hold_id": hold_id, "command": command, "created_at": utcnow(), "attempts": 0},
        index_elements=["hold_id", "command"],
    )


def carry_out(hold_id: str, command: str) -> bool:
    """Send one command now; True when the availability service took it."""
    error = None
    try:
        CALLS[command](hold_id)
    except ApiError as exc:
        # A hold released or expired meanwhile cannot be confirmed or ended; nothing more to do for it.
        if not (command in (HoldCommand.CONFIRM, HoldCommand.END_STAY) and exc.code == "hold_not_active"):
            error = exc.code
    with db.transaction() as session:
        values: dict[str, object] = {"attempts": HoldCommand.attempts + 1, "last_error": error}
        if error is None:
            values["done_at"] = utcnow()
        session.execute(
            update(HoldCommand)
            .where(HoldCommand.hold_id == hold_id, HoldCommand.command == command, HoldCommand.done_at.is_(None))
            .values(**values)
        )
    if error is not None:
        log.warning(
            "hold command failed; the reconciliation job will retry it",
            extra={"hold_id": hold_id, "command": command, "error": error},
        )
    return error is None


def confirm_owed(limit: int = MAX_CONFIRMATIONS) -> int:
    """Send the confirms owed, oldest first, in one call; returns how many the availability
    service took (confirmed, or given back meanwhile: nothing more to do, as in `carry_out`).
    One it does not know is retried by the relay `RELAY_ATTEMPTS` times, then left to the
    reconciliation job, so it cannot hold up every round. No answer at all raises ApiError:
    the relay backs off."""
    with db.reading() as session:
        owed = list(
            session.scalars(
                select(HoldCommand.hold_id)
                .where(
                    HoldCommand.command == HoldCommand.CONFIRM,
                    HoldCommand.done_at.is_(None),
                    HoldCommand.attempts < RELAY_ATTEMPTS,
                )
                .order_by(HoldCommand.id)
                .limit(limit)
            )
        )
    if not owed:
        return 0
    statuses = availability_client.confirm_holds(owed)
    unknown = [hold_id for hold_id in owed if statuses.get(hold_id, "not_found") == "not_found"]
    taken = [hold_id for hold_id in owed if hold_id not in unknown]
    owed_confirm = (HoldCommand.command == HoldCommand.CONFIRM, HoldCommand.done_at.is_(None))
    with db.transaction() as session:
        if taken:
            session.execute(
                update(HoldCommand)
                .where(HoldCommand.hold_id.in_(taken), *owed_confirm)
                .values(attempts=HoldCommand.attempts + 1, last_error=None, done_at=utcnow())
            )
        if unknown:
            session.execute(
                update(HoldCommand)
                .where(HoldCommand.hold_id.in_(unknown), *owed_confirm)
                .values(attempts=HoldCommand.attempts + 1, last_error="hold_not_found")
            )
    if unknown:
        log.warning("the availability service does not know these holds", extra={"hold_ids": unknown})
    return len(taken)


def carry_out_pending(limit: int = 200) -> dict[str, int]:
    with db.reading() as session:
        pending = session.execute(
            select(HoldCommand.hold_id, HoldCommand.command)
            .where(HoldCommand.done_at.is_(None))
            .order_by(HoldCommand.id)
            .limit(limit)
        ).all()
    report = {"done": 0, "failed": 0}
    for hold_id, command in pending:
        report["done" if carry_out(hold_id, command) else "failed"] += 1
    return report
