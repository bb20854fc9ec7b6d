"""A booking's life through the gateway: moved, refused a full slot, cancelled (once, however
often asked), attended; with its capacity following it and one e-mail and audit row per change."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from tests.conftest import LEDGER_MISMATCH, VENUE, booking_body, count_rows, future_date, set_slot_capacity
from tests.support.availability import HEADERS as STAFF
from tests.support.processes import wait_until


def _book(gateway, day, at, party, email, **headers):
    response = gateway.post("/api/v1/bookings", json=booking_body(day, at, party, email=email), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _slot(availability, day: str, at: str) -> dict:
    return next(slot for slot in availability.slots(VENUE, day) if slot["time"] == at)


def _events(system, reference_or_id: str, event_type: str) -> int:
    return count_rows(
        system,
        "booking",
        "outbox_events e JOIN bookings b ON b.id = e.aggregate_id",
        "b.reference = :ref AND e.event_type = :type",
        ref=reference_or_id,
        type=event_type,
    )


def test_a_move_takes_the_new_place_and_gives_the_old_one_back(system, gateway, availability):
    day, later = future_date(20), future_date(21)
    booking = _book(gateway, day, "19:00", 2, "mover@example.com")
    before_old, before_new = _slot(availability, day, "19:00")["booked"], _slot(availability, later, "20:00")["booked"]
    moved = gateway.session.patch(
        f"{gateway.base_url}/api/v1/bookings/{booking['reference']}",
        params={"email": "mover@example.com"},
        json={"date": later, "time": "20:00", "party_size": 4},
        timeout=10,
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["date"], moved.json()["time"], moved.json()["party_size"]) == (later, "20:00", 4)
    assert _slot(availability, day, "19:00")["booked"] == before_old - 2
    assert _slot(availability, later, "20:00")["booked"] == before_new + 4
    assert count_rows(system, "availability", "slots", LEDGER_MISMATCH) == 0
    assert _events(system, booking["reference"], "booking.updated") == 1
    # The old hold was released on the request path; the relay confirms the new one right after.
    wait_until(lambda: count_rows(system, "booking", "hold_commands", "done_at IS NULL") == 0, 10, message="confirm")


def test_a_move_to_a_full_slot_is_refused_and_changes_nothing(system, gateway, availability):
    day = future_date(22)
    booking = _book(gateway, day, "12:00", 2, "stayer@example.com")
    set_slot_capacity(system, day, "12:30", _slot(availability, day, "12:30")["booked"] + 1)
    refused = gateway.session.patch(
        f"{gateway.base_url}/api/v1/bookings/{booking['reference']}",
        params={"email": "stayer@example.com"},
        json={"time": "12:30"},
        timeout=10,
    )
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "slot_full"
    again = gateway.get(f"/api/v1/bookings/{booking['reference']}", params={"email": "stayer@example.com"}).json()
    assert (again["time"], again["updated_at"]) == ("12:00", booking["updated_at"])
    assert _events(system, booking["reference"], "booking.updated") == 0


def test_a_hundred_concurrent_cancels_release_the_capacity_once(system, gateway, availability):
    day = future_date(23)
    booking = _book(gateway, day, "13:00", 3, "canceller@example.com")
    booked_before = _slot(availability, day, "13:00")["booked"]
    url = f"{gateway.base_url}/api/v1/bookings/{booking['reference']}/cancel"

    def cancel(_):
        return gateway.session.post(url, params={"email": "canceller@example.com"}, json={"reason_id": 1}, timeout=30)

    with ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(cancel, range(100)))
    assert {r.status_code for r in results} == {200}
    assert {r.json()["status"] for r in results} == {"cancelled"}
    assert _slot(availability, day, "13:00")["booked"] == booked_before - 3
    assert _events(system, booking["reference"], "booking.cancelled") == 1
    mails = wait_until(
        lambda: [
            p
            for p in (system.backend.var_dir / "mail").glob("*.eml")
            if b"is cancelled (" + booking["reference"].encode() in p.read_bytes()
        ],
        15,
        message="the cancellation e-mail",
    )
    assert len(mails) == 1

    def audit_rows() -> int:
        return count_rows(
            system,
            "notification",
            "audit_log",
            "entity_id = :reference AND action = 'booking.cancelled'",
            reference=booking["reference"],
        )

    wait_until(audit_rows, 15, message="the audit row")
    assert audit_rows() == 1


def test_a_cancelled_booking_cannot_be_moved(gateway):
    booking = _book(gateway, future_date(24), "19:30", 2, "gone@example.com")
    base = f"{gateway.base_url}/api/v1/bookings/{booking['reference']}"
    cancelled = gateway.session.post(
        f"{base}/cancel", params={"email": "gone@example.com"}, json={"reason_id": 4}, timeout=10
    )
    assert cancelled.status_code == 200, cancelled.text
    refused = gateway.session.patch(base, params={"email": "gone@example.com"}, json={"party_size": 3}, timeout=10)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "booking_not_modifiable"


def test_a_customer_cancels_only_with_a_reason_of_theirs(system, gateway):
    reasons = {
        reason["id"]: reason["customer_may_choose"]
        for reason in gateway.get("/api/v1/cancellation-reasons").json()["items"]
    }
    assert reasons == {1: True, 2: False, 3: True, 4: True, 5: False}
    booking = _book(gateway, future_date(24), "20:00", 2, "no-show-claim@example.com")
    base = f"{gateway.base_url}/api/v1/bookings/{booking['reference']}"
    refused = gateway.session.post(
        f"{base}/cancel", params={"email": "no-show-claim@example.com"}, json={"reason_id": 5}, timeout=10
    )
    assert refused.status_code == 422 and "reason_id" in refused.json()["error"]["details"]
    still = gateway.session.get(base, params={"email": "no-show-claim@example.com"}, timeout=10).json()
    assert still["status"] == "confirmed"
    by_staff = requests.post(
        f"{system.service_urls['booking']}/v1/bookings/{booking['reference']}/cancel",
        json={"reason_id": 2},
        headers=STAFF,
        timeout=10,
    )
    assert by_staff.status_code == 200 and by_staff.json()["cancellation_reason_id"] == 2


def test_the_same_key_and_body_fifty_times_at_once_make_one_booking(system, gateway):
    body = booking_body(future_date(25), "20:00", 2, email="fifty@example.com")

    def create(_):
        return gateway.post("/api/v1/bookings", json=body, headers={"Idempotency-Key": "fifty-at-once"})

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(create, range(50)))
    assert {r.status_code for r in results} == {201}
    assert len({r.content for r in results}) == 1
    assert (
        count_rows(
            system, "booking", "bookings b JOIN customers c ON c.id = b.customer_id", "c.email = 'fifty@example.com'"
        )
        == 1
    )
    other = gateway.post(
        "/api/v1/bookings", json={**body, "time": "20:30"}, headers={"Idempotency-Key": "fifty-at-once"}
    )
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused"


def test_a_returning_customer_s_new_details_are_kept(system, gateway):
    _book(gateway, future_date(20), "12:00", 1, "returning@example.com")
    second = gateway.post(
        "/api/v1/bookings",
        json={
            **booking_body(future_date(21), "12:00", 1, email="Returning@Example.com"),
            "customer": {
                "first_name": "Ada",
                "surname": "Lovelace",
                "email": "Returning@Example.com",
                "mobile": "+44 7700 900123",
                "marketing_email": True,
            },
        },
    )
    assert second.status_code == 201
    customer = second.json()["customer"]
    assert (customer["first_name"], customer["mobile"], customer["marketing_email"]) == ("Ada", "+44 7700 900123", True)
    assert count_rows(system, "booking", "customers", "email = 'returning@example.com'") == 1


def test_a_keyed_move_replays_its_answer_and_moves_once(system, gateway, availability):
    day = future_date(22)
    booking = _book(gateway, day, "19:00", 2, "keyed-move@example.com")
    url = f"{gateway.base_url}/api/v1/bookings/{booking['reference']}"
    move = {
        "params": {"email": "keyed-move@example.com"},
        "json": {"time": "19:30"},
        "headers": {"Idempotency-Key": "move-once"},
        "timeout": 10,
    }
    first, second = gateway.session.patch(url, **move), gateway.session.patch(url, **move)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert _events(system, booking["reference"], "booking.updated") == 1
    other = gateway.session.patch(url, **{**move, "json": {"time": "20:00"}})
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused"
