"""The availability service's hold API on its own: the ledger under races, idempotency, expiry."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import text

from tests.conftest import (
    LEDGER_MISMATCH,
    SERVICE_TOKEN,
    VENUE,
    booking_body,
    count_rows,
    future_date,
    set_slot_capacity,
)

HEADERS = {"X-Service-Token": SERVICE_TOKEN}


@pytest.fixture
def holds(system):
    url = system.service_urls["availability"] + "/internal/holds"

    def place(key, day, at, units):
        return requests.post(
            url,
            json={"hold_key": key, "venue": VENUE, "date": day, "time": at, "units": units},
            headers=HEADERS,
            timeout=10,
        )

    def action(hold_id, verb):
        return requests.post(f"{url}/{hold_id}/{verb}", headers=HEADERS, timeout=10)

    return place, action


def test_internal_api_refuses_callers_without_the_service_credential(system):
    response = requests.post(system.service_urls["availability"] + "/internal/holds", json={}, timeout=5)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "service_credential_required"


def test_concurrent_holds_never_exceed_capacity(system, holds):
    place, _ = holds
    day, at = future_date(12), "12:00"
    set_slot_capacity(system, day, at, 10)
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda i: place(f"race-{i}", day, at, 3), range(16)))
    assert sorted(r.status_code for r in results) == [201] * 3 + [409] * 13
    assert count_rows(system, "availability", "slots", "capacity = 10 AND booked = 9") == 1
    assert count_rows(system, "availability", "slots", LEDGER_MISMATCH) == 0


def test_same_key_placed_concurrently_takes_capacity_once(system, holds):
    place, _ = holds
    day, at = future_date(12), "12:30"
    set_slot_capacity(system, day, at, 4)  # the winner fills the slot: the others must still get its hold
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: place("same-key", day, at, 4), range(8)))
    assert {r.status_code for r in results} <= {200, 201}
    assert len({r.json()["id"] for r in results}) == 1
    assert count_rows(system, "availability", "holds", "hold_key = 'same-key'") == 1
    assert count_rows(system, "availability", "slots", LEDGER_MISMATCH) == 0


def test_release_and_confirm_are_idempotent_and_a_spent_key_stays_spent(system, holds):
    place, action = holds
    day, at = future_date(12), "13:00"
    hold = place("spent-key", day, at, 2).json()
    assert action(hold["id"], "confirm").json()["status"] == "confirmed"
    assert action(hold["id"], "confirm").status_code == 200
    assert action(hold["id"], "release").json()["status"] == "released"
    assert action(hold["id"], "release").json()["status"] == "released"
    assert action(hold["id"], "confirm").status_code == 409
    again = place("spent-key", day, at, 2)
    assert again.status_code == 409 and again.json()["error"]["code"] == "hold_not_active"
    assert place("spent-key", day, at, 3).json()["error"]["code"] == "hold_key_reused"
    assert count_rows(system, "availability", "slots", LEDGER_MISMATCH) == 0


def test_confirmations_confirm_many_holds_at_once_and_tell_what_became_of_each(system, holds):
    place, action = holds
    day, at = future_date(14), "12:30"
    set_slot_capacity(system, day, at, 10)
    first, second, given_back = (place(f"batch-{n}", day, at, 1).json()["id"] for n in range(3))
    assert action(given_back, "release").status_code == 200
    url = system.service_urls["availability"] + "/internal/holds/confirmations"
    asked = {"hold_ids": [first, second, given_back, "no-such-hold", first]}
    expected = {first: "confirmed", second: "confirmed", given_back: "released", "no-such-hold": "not_found"}
    for _ in range(2):  # a repeated batch (the relay retrying) changes nothing
        answer = requests.post(url, json=asked, headers=HEADERS, timeout=10)
        assert answer.status_code == 200 and answer.json() == {"statuses": expected}
    assert [action(hold, "confirm").status_code for hold in (first, second, given_back)] == [200, 200, 409]
    assert count_rows(system, "availability", "slots", LEDGER_MISMATCH) == 0


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"hold_ids": []},
        {"hold_ids": "one-hold"},
        {"hold_ids": [7]},
        {"hold_ids": [""]},
        {"hold_ids": ["h"] * 101},
        {"hold_ids": ["h"], "also": 1},
    ],
)
def test_confirmations_refuse_a_malformed_list(system, body):
    url = system.service_urls["availability"] + "/internal/holds/confirmations"
    answer = requests.post(url, json=body, headers=HEADERS, timeout=10)
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "validation_failed"


def _age_hold(system, hold_id: str) -> None:
    engine = system.backend.engine("availability")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE holds SET expires_at = '2000-01-01 00:00:00', status = 'held' WHERE id = :id"), {"id": hold_id}
        )
    engine.dispose()


def _run_expiry(system) -> dict:
    response = requests.post(
        system.service_urls["availability"] + "/internal/jobs/expire-holds", headers=HEADERS, timeout=10
    )
    assert response.status_code == 200
    return response.json()["result"]


def test_expiry_returns_capacity_of_an_orphan_hold(system, holds):
    place, _ = holds
    day, at = future_date(13), "19:00"
    hold = place("orphan", day, at, 5).json()
    _age_hold(system, hold["id"])
    _run_expiry(system)
    assert count_rows(system, "availability", "holds", "id = :id AND status = 'expired'", id=hold["id"]) == 1
    assert count_rows(system, "availability", "slots", LEDGER_MISMATCH) == 0


def test_expiry_confirms_instead_of_stealing_a_booked_hold(system, gateway):
    booking = gateway.post(
        "/api/v1/bookings", json=booking_body(future_date(13), "19:30", 2, email="lost-confirm@example.com")
    )
    assert booking.status_code == 201
    engine = system.backend.engine("booking")
    with engine.connect() as conn:
        hold_id = conn.execute(
            text("SELECT hold_id FROM bookings WHERE reference = :r"), {"r": booking.json()["reference"]}
        ).scalar_one()
    engine.dispose()
    _age_hold(system, hold_id)  # as if the booking's confirm call had been lost
    _run_expiry(system)
    assert count_rows(system, "availability", "holds", "id = :id AND status = 'confirmed'", id=hold_id) == 1
    assert count_rows(system, "availability", "slots", LEDGER_MISMATCH) == 0


def test_expiry_waits_while_the_booking_service_cannot_answer(system, holds):
    place, _ = holds
    day, at = future_date(13), "20:00"
    hold = place("unanswered", day, at, 1).json()
    _age_hold(system, hold["id"])
    # While the booking service is away only this test's explicit runs decide: the worker's beat stops too.
    system.stop("availability-worker")
    system.stop("booking")
    try:
        assert _run_expiry(system)["deferred"] >= 1
        assert count_rows(system, "availability", "holds", "id = :id AND status = 'held'", id=hold["id"]) == 1
    finally:
        system.start("booking")
        system.start("availability-worker")
        system.wait_service("booking")
    _run_expiry(system)
    assert count_rows(system, "availability", "holds", "id = :id AND status = 'expired'", id=hold["id"]) == 1
