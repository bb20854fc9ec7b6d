"""Booking events built with the booking service's own schema (booking_service/events.py), as its
outbox writes them, for tests that feed the notification service directly. Tests may import any
package; the notification service itself never imports the booking service."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta

import redis
from sqlalchemy import text

from booking_service.events import CANCELLED, CREATED, PRODUCER, BookingEventSchema
from booking_service.events import booking_event as make_booking_event
from notification_service.subscriptions import GROUP, QUEUE
from shared.events import EventLog, stream_name
from tests.conftest import VENUE


def booking_event(
    event_type: str = CREATED,
    *,
    reference: str,
    email: str,
    starts_at: datetime,
    tz: str = "Europe/London",
    local_date: str | None = None,
    local_time: str = "12:00",
    booking_id: str | None = None,
    version: int = 1,
    request_id: str = "test",
) -> dict:
    """`starts_at` is the UTC instant (naive or aware); the visit lasts 90 minutes."""
    start = starts_at.replace(tzinfo=None)
    booking_id = booking_id or str(uuid.uuid4())
    now = datetime.utcnow().replace(microsecond=0).isoformat() + "Z"
    booking = {
        "id": booking_id,
        "booking_id": booking_id,
        "version": version,
        "reference": reference,
        "status": "cancelled" if event_type == CANCELLED else "confirmed",
        "venue": VENUE,
        "venue_name": "The Hungry Unicorn",
        "venue_address": "1 Rainbow Row, London",
        "timezone": tz,
        "date": local_date or start.date().isoformat(),
        "time": local_time,
        "starts_at": start.isoformat() + "Z",
        "ends_at": (start + timedelta(minutes=90)).isoformat() + "Z",
        "party_size": 2,
        "special_requests": None,
        "room_number": None,
        "is_leave_time_confirmed": False,
        "channel": "api",
        "cancellation_reason_id": 1 if event_type == CANCELLED else None,
        "customer": {
            "id": 1,
            "title": None,
            "first_name": "Ada",
            "surname": "Lovelace",
            "email": email,
            "mobile": None,
            "mobile_country_code": None,
            "phone": None,
            "phone_country_code": None,
            "marketing_email": False,
            "marketing_sms": False,
            "venue_marketing_email": False,
            "venue_marketing_sms": False,
        },
        "created_at": now,
        "updated_at": now,
    }
    event = make_booking_event(
        event_type, booking_id, VENUE, None, booking, actor={"type": "test"}, request_id=request_id
    )
    BookingEventSchema().load(event)  # the producer's schema, so these stay the events it writes
    return event


def stream_client(system):
    return redis.Redis.from_url(system.backend.redis_url, decode_responses=True)


def append_events(system, events: list[dict]) -> None:
    """Put events on the booking service's stream as its relay does (the same one twice is a redelivery)."""
    client = stream_client(system)
    try:
        EventLog(client, PRODUCER).append(events)
    finally:
        client.close()


def stream_drained(system) -> bool:
    """The notification subscriber has queued every event on the booking service's stream."""
    client = stream_client(system)
    try:
        stream = stream_name(PRODUCER)
        if not client.exists(stream):
            return True
        last = client.xinfo_stream(stream)["last-generated-id"]
        group = next((g for g in client.xinfo_groups(stream) if g["name"] == GROUP), None)
        return group is not None and group["pending"] == 0 and group["last-delivered-id"] == last
    finally:
        client.close()


def notification_idle(system) -> bool:
    """The notification service has taken every event on the stream and finished every task:
    nothing is waiting, reserved or due for a retry. Only then does "nothing more arrived" mean
    nothing more will."""
    if not stream_drained(system):
        return False
    client = stream_client(system)
    try:
        # shared/redis_transport.py counts a task as unacknowledged from publish to its final ack.
        return client.llen(QUEUE) == 0 and client.hlen("unacked") == 0
    finally:
        client.close()


def outbox_envelopes(system) -> list[dict]:
    """Every event in the booking service's outbox, oldest first, as the relay publishes it."""
    engine = system.backend.engine("booking")
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT envelope FROM outbox_events ORDER BY id")).scalars().all()
    finally:
        engine.dispose()
    return [row if isinstance(row, dict) else json.loads(row) for row in rows]
