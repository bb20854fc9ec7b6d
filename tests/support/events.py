"""Booking events as the booking service's outbox publishes them, for tests that feed the
notification consumers directly."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from tests.conftest import VENUE


def booking_event(event_type: str = "booking.created", *, reference: str, email: str, starts_at: datetime,
                  tz: str = "Europe/London", local_date: str | None = None, local_time: str = "12:00",
                  booking_id: str | None = None, version: int = 1, request_id: str = "test") -> dict:
    """`starts_at` is the UTC instant (naive or aware); the visit lasts 90 minutes."""
    start = starts_at.replace(tzinfo=None)
    booking = {
        "booking_id": booking_id or str(uuid.uuid4()), "version": version, "reference": reference,
        "venue": VENUE, "venue_name": "The Hungry Unicorn", "venue_address": "1 Rainbow Row, London",
        "timezone": tz, "date": local_date or start.date().isoformat(), "time": local_time,
        "starts_at": start.isoformat() + "Z", "ends_at": (start + timedelta(minutes=90)).isoformat() + "Z",
        "party_size": 2, "special_requests": None, "channel": "api", "cancellation_reason_id": None,
        "status": "cancelled" if event_type == "booking.cancelled" else "confirmed",
        "customer": {"title": None, "first_name": "Ada", "surname": "Lovelace", "email": email,
                     "mobile": None, "phone": None},
    }
    return {
        "event_id": str(uuid.uuid4()), "event_type": event_type, "aggregate_id": booking["booking_id"],
        "occurred_at": datetime.now(timezone.utc).isoformat(), "request_id": request_id,
        "actor": {"type": "test"}, "payload": {"venue": VENUE, "before": None, "after": booking},
    }
