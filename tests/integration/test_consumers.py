"""Guarantee 2 at the consumer: every booking event delivered twice has one effect, through the
real path (the booking service's stream, the notification subscriber, a real worker)."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.conftest import count_rows
from tests.support.events import append_events, booking_event, notification_idle
from tests.support.processes import wait_until


def test_each_event_delivered_twice_has_one_email_and_one_audit_row(system):
    starts_at = datetime.now() + timedelta(days=14)
    events = [
        booking_event(reference=f"DUP{i:04d}", email="dup@example.com", starts_at=starts_at, request_id="dup-test")
        for i in range(5)
    ]
    append_events(system, events * 2)
    wait_until(lambda: notification_idle(system), 30, message="every event handled and every task finished")
    ids = ", ".join(f"'{e['event_id']}'" for e in events)
    assert count_rows(system, "notification", "email_log", f"event_id IN ({ids}) AND status = 'sent'") == len(events)
    assert count_rows(system, "notification", "audit_log", f"event_id IN ({ids})") == len(events)
    assert count_rows(system, "notification", "processed_events", f"event_id IN ({ids})") == 2 * len(events)
    mails = [p for p in (system.backend.var_dir / "mail").glob("*.eml") if any(e["event_id"] in p.name for e in events)]
    assert len(mails) == len(events)
