"""Repairing what the saga left half done, and reporting it.

1. Confirms and releases that did not reach the availability service are sent again.
2. Recent open bookings are checked against their holds: a hold still `held` is confirmed;
   a hold that is gone (released or expired) means a booking without capacity, which only a
   bug or manual tampering can cause; it is logged at ERROR and reported, never hidden.
Holds that no booking references are the availability service's to expire: its expiry job
asks us first (GET /internal/holds/{id}/booking).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import delete, select

from booking_service import availability_client, hold_commands
from booking_service.extensions import db
from booking_service.models import Booking, BookingStatus, HoldCommand, IdempotencyKey
from shared.clock import utcnow
from shared.db import rows_affected
from shared.errors import ApiError

log = logging.getLogger(__name__)
RECENT = timedelta(days=1)
IDEMPOTENCY_KEY_LIFETIME = timedelta(hours=48)


def reconcile(limit: int = 500) -> dict[str, int]:
    commands = hold_commands.carry_out_pending()
    report = {
        "commands_done": commands["done"],
        "commands_failed": commands["failed"],
        "holds_confirmed": 0,
        "bookings_without_capacity": 0,
        "unchecked": 0,
    }
    now = utcnow()
    with db.reading() as session:
        recent = session.execute(
            select(Booking.reference, Booking.hold_id)
            .where(Booking.status.in_(BookingStatus.OPEN), Booking.updated_at >= now - RECENT, Booking.starts_at > now)
            .order_by(Booking.updated_at)
            .limit(limit)
        ).all()
    for reference, hold_id in recent:
        try:
            state = availability_client.get_hold(hold_id)["status"]
        except ApiError:
            report["unchecked"] += 1
            continue
        if state == "held":
            hold_commands.carry_out(hold_id, HoldCommand.CONFIRM)
            report["holds_confirmed"] += 1
        elif state not in ("confirmed",):
            report["bookings_without_capacity"] += 1
            log.error(
                "booking holds no capacity", extra={"reference": reference, "hold_id": hold_id, "hold_status": state}
            )
    if any(report[name] for name in ("commands_done", "holds_confirmed", "bookings_without_capacity")):
        log.info("reconciliation run", extra=report)
    return report


def purge_idempotency_keys() -> dict[str, int]:
    """Forget stored first responses older than their promised lifetime (at least 24 h)."""
    with db.transaction() as session:
        deleted = rows_affected(
            session, delete(IdempotencyKey).where(IdempotencyKey.created_at < utcnow() - IDEMPOTENCY_KEY_LIFETIME)
        )
    return {"deleted": deleted}
