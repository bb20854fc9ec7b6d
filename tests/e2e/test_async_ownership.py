"""Each service owns its asynchronous work (docs/architecture.md, "Asynchronous work"): with the
notification service and its processes down, holds still expire on the availability service's
own schedule, search is still invalidated and bookings still succeed; when notification returns,
every e-mail and audit row arrives exactly once. And a new consumer of booking events is a group
of its own on the booking service's stream: nothing in shared/ or booking_service/ changes."""

from __future__ import annotations

import uuid

import requests
from sqlalchemy import text

from shared.events import Subscriber
from tests.conftest import VENUE, booking_body, count_rows, future_date
from tests.support.availability import AvailabilityApi
from tests.support.events import notification_idle, stream_client
from tests.support.processes import wait_until

NOTIFICATION = ("notification", "subscriber", "notification-worker")
DAY = future_date(16)


def _book(system, at: str, email: str) -> str:
    response = requests.post(
        f"{system.gateway_url}/api/v1/bookings", json=booking_body(DAY, at, 1, email=email), timeout=10
    )
    assert response.status_code == 201, response.text
    return response.json()["reference"]


def _remaining(system, at: str) -> int:
    slots = requests.get(
        f"{system.gateway_url}/api/v1/venues/{VENUE}/availability", params={"date": DAY, "party_size": 1}, timeout=10
    ).json()["slots"]
    return next(slot["remaining"] for slot in slots if slot["time"] == at)


def _age_hold(system, hold_id: str) -> None:
    engine = system.backend.engine("availability")
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE holds SET expires_at = '2000-01-01 00:00:00' WHERE id = :id"), {"id": hold_id})
    finally:
        engine.dispose()


def _audit_rows(system, reference: str) -> int:
    return count_rows(system, "notification", "audit_log", "entity_id = :reference", reference=reference)


def _emails(system, reference: str) -> int:
    return count_rows(
        system,
        "notification",
        "email_log",
        "status = 'sent' AND CAST(event_id AS TEXT) IN (SELECT event_id FROM audit_log WHERE entity_id = :reference)",
        reference=reference,
    )


def test_without_the_notification_service_the_others_carry_on_and_nothing_is_lost(system):
    availability = AvailabilityApi(system.service_urls["availability"])
    system.stop_many(NOTIFICATION)
    try:
        # Hold expiry runs on the availability service's own schedule (HOLD_EXPIRY_INTERVAL=2 here).
        hold = availability.hold_slot(f"orphan-{uuid.uuid4().hex[:8]}", VENUE, DAY, "12:00", 3).json()
        _age_hold(system, hold["id"])
        wait_until(
            lambda: count_rows(system, "availability", "holds", "id = :id AND status = 'expired'", id=hold["id"]),
            15,
            message="the orphan hold to expire",
        )
        # Bookings succeed, and search shows each at once: the availability service drops its own cache.
        before = _remaining(system, "19:30")
        references = [_book(system, "19:30", f"while-down-{n}@example.com") for n in range(5)]
        assert _remaining(system, "19:30") == before - 5
        wait_until(
            lambda: count_rows(system, "booking", "outbox_events", "published_at IS NULL") == 0,
            15,
            message="the relay to put every event on the stream",
        )
        assert sum(_audit_rows(system, reference) for reference in references) == 0
    finally:
        for name in NOTIFICATION:
            system.start(name)
        system.wait_service("notification")
    wait_until(
        lambda: all(_audit_rows(system, reference) == 1 for reference in references),
        60,
        message="every audit row after the notification service returned",
    )
    wait_until(lambda: notification_idle(system), 60, message="every event handled and every task finished")
    assert [(_audit_rows(system, reference), _emails(system, reference)) for reference in references] == [(1, 1)] * 5
    mails = [
        path
        for path in (system.backend.var_dir / "mail").glob("*.eml")
        if any(reference in path.read_text(errors="replace") for reference in references)
    ]
    assert len(mails) == 5


def test_a_new_consumer_reads_booking_events_as_a_group_of_its_own(system):
    """A loyalty programme, say: it names the booking service's stream and its own group, and
    receives every booking event from the start of the stream, whatever other groups took."""
    received: list[dict] = []
    client = stream_client(system)
    loyalty = Subscriber(client, "booking", f"loyalty-{uuid.uuid4().hex[:6]}", received.append, block_ms=200)
    try:
        loyalty.ensure_group()
        reference = _book(system, "20:00", "loyal@example.com")

        def created() -> bool:
            loyalty.poll_once()
            return any(
                event["event_type"] == "booking.created" and event["payload"]["after"]["reference"] == reference
                for event in received
            )

        wait_until(created, 20, message="the new consumer to receive booking.created")
        # A consumer picks the event types it reads: since 1.6 the stream also carries the waitlist's,
        # whose snapshots are waitlist entries, not bookings (booking_service/events.py).
        event = next(
            event
            for event in received
            if event["event_type"] == "booking.created" and event["payload"]["after"]["reference"] == reference
        )
        assert event["version"].startswith("1.") and event["payload"]["venue"] == VENUE
        wait_until(lambda: _audit_rows(system, reference) == 1, 30, message="the notification service, undisturbed")
    finally:
        client.close()
