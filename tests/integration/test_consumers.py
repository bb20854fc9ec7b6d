"""Every notification consumer run twice on one event has one effect (guarantee 2), on a real worker."""
from __future__ import annotations

from datetime import datetime, timedelta

from celery import Celery

from shared.celery_app import publish
from shared.events import BOOKING_EVENT_CONSUMERS
from tests.conftest import count_rows
from tests.support.events import booking_event
from tests.support.processes import wait_until


def test_each_event_published_twice_has_one_email_and_one_audit_row(system):
    app = Celery("test-publisher", broker=system.backend.redis_url)
    starts_at = datetime.now() + timedelta(days=14)
    events = [booking_event(reference=f"DUP{i:04d}", email="dup@example.com", starts_at=starts_at, request_id="dup-test")
              for i in range(5)]
    for event in events * 2:
        for task_name, queue in BOOKING_EVENT_CONSUMERS.items():
            publish(app, task_name, queue, event)
    ids = ", ".join(f"'{e['event_id']}'" for e in events)
    wait_until(lambda: count_rows(system, "notification", "email_log", f"event_id IN ({ids}) AND status = 'sent'")
               == len(events), 30, message="one sent e-mail per event")
    wait_until(lambda: count_rows(system, "notification", "audit_log", f"event_id IN ({ids})") == len(events), 30,
               message="one audit row per event")
    wait_until(lambda: count_rows(system, "notification", "processed_events", f"event_id IN ({ids})")
               == 2 * len(events), 30, message="the e-mail and audit handlers' records")
    mails = [p for p in (system.backend.var_dir / "mail").glob("*.eml")
             if any(e["event_id"] in p.name for e in events)]
    assert len(mails) == len(events)
    redis = system.backend.redis()
    assert sum(redis.exists(f"tessera:processed:v1:cache:{e['event_id']}") for e in events) == len(events)
    app.close()
