"""Every notification consumer run twice on one event has one effect (guarantee 2), on a real worker."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from celery import Celery

from shared.celery_app import publish
from shared.events import BOOKING_EVENT_CONSUMERS
from tests.conftest import VENUE, count_rows, future_date
from tests.support.processes import wait_until


def _event(reference: str) -> dict:
    day = future_date(14)
    return {
        "event_id": str(uuid.uuid4()), "event_type": "booking.created", "aggregate_id": str(uuid.uuid4()),
        "occurred_at": datetime.now(timezone.utc).isoformat(), "request_id": "dup-test", "actor": {"type": "test"},
        "payload": {"venue": VENUE, "before": None, "after": {
            "reference": reference, "venue": VENUE, "venue_name": "The Hungry Unicorn", "timezone": "Europe/London",
            "date": day, "time": "12:00", "starts_at": f"{day}T12:00:00Z", "ends_at": f"{day}T13:30:00Z",
            "party_size": 2, "special_requests": None, "status": "confirmed",
            "customer": {"first_name": "Dup", "surname": "Licate", "email": "dup@example.com"}}},
    }


def test_each_event_published_twice_has_one_email_and_one_audit_row(system):
    app = Celery("test-publisher", broker=system.backend.redis_url)
    events = [_event(f"DUP{i:04d}") for i in range(5)]
    for event in events * 2:
        for task_name, queue in BOOKING_EVENT_CONSUMERS.items():
            publish(app, task_name, queue, event)
    ids = ", ".join(f"'{e['event_id']}'" for e in events)
    wait_until(lambda: count_rows(system, "notification", "email_log", f"event_id IN ({ids}) AND status = 'sent'")
               == len(events), 30, message="one sent e-mail per event")
    wait_until(lambda: count_rows(system, "notification", "audit_log", f"event_id IN ({ids})") == len(events), 30,
               message="one audit row per event")
    mails = [p for p in (system.backend.var_dir / "mail").glob("*.eml")
             if any(e["event_id"] in p.name for e in events)]
    assert len(mails) == len(events)
    app.close()
