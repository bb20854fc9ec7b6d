"""The event envelope every service publishes, and the tasks that consume booking events.

    {"event_id", "event_type", "occurred_at", "aggregate_id", "request_id", "actor", "payload"}

`event_id` is what consumers dedupe on, so at-least-once delivery has exactly-once effects.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from shared.celery_app import AUDIT_QUEUE, CACHE_QUEUE, EMAIL_QUEUE

# Every booking event is handed to each of these notification tasks (task name -> queue);
# each one decides what the event means for it.
BOOKING_EVENT_CONSUMERS = {
    "notification.send_booking_email": EMAIL_QUEUE,
    "notification.record_audit_entry": AUDIT_QUEUE,
    "notification.invalidate_availability": CACHE_QUEUE,
}


def make_event(event_type: str, aggregate_id: str, payload: dict[str, Any], *,
               actor: dict[str, Any] | None = None, request_id: str | None = None,
               occurred_at: datetime | None = None) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "event_type": event_type,
        "occurred_at": (occurred_at or datetime.now(timezone.utc)).isoformat(),
        "aggregate_id": aggregate_id,
        "request_id": request_id,
        "actor": actor or {"type": "system"},
        "payload": payload,
    }
