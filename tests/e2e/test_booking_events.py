"""The booking service writes only events of its own schema (booking_service/events.py): every
event in its outbox, of every type the suite has caused so far, validates against it."""

from __future__ import annotations

from booking_service.events import EVENT_TYPES, BookingEventSchema
from tests.conftest import booking_body, future_date
from tests.support.events import outbox_envelopes


def test_every_event_in_the_outbox_is_of_the_producers_schema(system, gateway):
    email = "events-schema@example.com"
    created = gateway.post("/api/v1/bookings", json=booking_body(future_date(17), "19:00", 2, email=email))
    assert created.status_code == 201, created.text
    base = f"{gateway.base_url}/api/v1/bookings/{created.json()['reference']}"
    assert gateway.session.patch(base, params={"email": email}, json={"party_size": 3}, timeout=10).status_code == 200
    assert (
        gateway.session.post(f"{base}/cancel", params={"email": email}, json={"reason_id": 1}, timeout=10).status_code
        == 200
    )

    envelopes = outbox_envelopes(system)
    problems = {
        envelope["event_id"]: errors for envelope in envelopes if (errors := BookingEventSchema().validate(envelope))
    }
    assert not problems, problems
    seen = {envelope["event_type"] for envelope in envelopes}
    assert {"booking.created", "booking.updated", "booking.cancelled"} <= seen <= set(EVENT_TYPES)
