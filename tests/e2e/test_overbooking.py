"""guarantee 1 of docs/architecture.md through the whole stack: concurrent bookings never exceed a slot's capacity."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from tests.conftest import LEDGER_MISMATCH, booking_body, count_rows, future_date, set_slot_capacity


def _book_concurrently(url: str, bodies: list[dict]) -> list[requests.Response]:
    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(lambda body: requests.post(f"{url}/api/v1/bookings", json=body, timeout=30), bodies))


def test_two_bookings_for_the_last_place_exactly_one_wins(system):
    day, at = future_date(7), "20:00"
    set_slot_capacity(system, day, at, 2)
    results = _book_concurrently(
        system.gateway_url, [booking_body(day, at, 2, email=f"last{i}@example.com") for i in range(2)]
    )
    statuses = sorted(r.status_code for r in results)
    assert statuses == [201, 409], [r.text for r in results]
    loser = next(r for r in results if r.status_code == 409)
    assert loser.json()["error"]["code"] == "slot_full"
    assert count_rows(system, "booking", "bookings", "local_date = :day", day=day) == 1


def test_a_crowd_never_overbooks_a_slot(system):
    day, at = future_date(8), "20:30"
    set_slot_capacity(system, day, at, 7)
    results = _book_concurrently(
        system.gateway_url, [booking_body(day, at, 2, email=f"crowd{i}@example.com") for i in range(12)]
    )
    created = [r for r in results if r.status_code == 201]
    refused = [r for r in results if r.status_code == 409]
    assert len(created) == 3 and len(refused) == 9, [r.status_code for r in results]
    assert all(r.json()["error"]["code"] == "slot_full" for r in refused)
    assert count_rows(system, "availability", "slots", "capacity = 7 AND booked = 6") == 1
    assert count_rows(system, "availability", "slots", LEDGER_MISMATCH) == 0
