"""Guarantee 1 for stays end to end (docs/stays.md, "Inventory"): 100 guests at once through the
gateway, over two booking-service replicas, for a room type of 3 rooms, with overlapping dates.
Most ask for stays that all include one night, so exactly 3 of them win; the rest ask for
other nights, where 3 win again. No night ever has more than 3 rooms held or booked; every
refusal is a clean 409. Then moves and cancels of the same stays race each other, and the
nights held still match the stays that are booked."""

from __future__ import annotations

import os
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
import requests

from tests.e2e.conftest import REPLICAS
from tests.support.availability import HEADERS, AvailabilityApi, days_ahead
from tests.support.processes import wait_until

pytestmark = pytest.mark.race  # hundreds of requests at once: make test-pg runs these alone

VENUE = "race-stays"
ROOMS = 3
REQUESTS = 100
COMMON = 80  # requests whose stays all include the round's first contested night
ROUNDS = int(os.environ.get("TESSERA_RACE_ROUNDS", "20"))
ROUND_SPAN = 14  # nights each round has to itself
WINDOWS = 40  # rounds beyond this reuse a window after cancelling its stays (make race runs 200)


@pytest.fixture(scope="module")
def race_hotel(system):
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(VENUE, kind="hotel", horizon_days=700, max_stay_nights=30, hold_ttl_seconds=600)
    api.add_room_type(VENUE, "race", rooms=ROOMS, max_occupancy=2)
    plan = {
        "room_type": "race",
        "code": "flexible",
        "name": "Flexible",
        "currency": "EUR",
        "weekday_price": "100.00",
        "weekend_price": "120.00",
    }
    created = requests.post(
        f"{system.service_urls['booking']}/v1/venues/{VENUE}/rate-plans", json=plan, headers=HEADERS, timeout=30
    )
    assert created.status_code == 201, created.text
    return api


def _first_night(round_no: int) -> int:
    return 2 + (round_no % WINDOWS) * ROUND_SPAN


def _stay_of(round_no: int, i: int) -> tuple[int, int]:
    """Days ahead of (arrival, departure): the first COMMON all include night base + 4; the others
    all include night base + 10."""
    base = _first_night(round_no)
    if i < COMMON:
        return base + i % 5, base + 5 + i % 4
    return base + 9 + i % 2, base + 11 + i % 3


def _body(round_no: int, i: int) -> dict:
    arrival, departure = _stay_of(round_no, i)
    return {
        "kind": "stay",
        "venue": VENUE,
        "room_type": "race",
        "arrival": days_ahead(arrival),
        "departure": days_ahead(departure),
        "guests": 2,
        "customer": {"first_name": "Racer", "surname": str(i), "email": f"stay-{round_no}-{i}@example.com"},
    }


def _race(gateway_url: str, requests_of_round: list[dict]) -> list[tuple[int, dict]]:
    barrier = threading.Barrier(len(requests_of_round))
    session = requests.Session()  # afresh each round: see test_booking_race.py

    def attempt(body: dict):
        barrier.wait()
        response = session.post(f"{gateway_url}/api/v1/bookings", json=body, timeout=120)
        return response.status_code, response.json()

    with session, ThreadPoolExecutor(max_workers=len(requests_of_round)) as pool:
        return list(pool.map(attempt, requests_of_round))


def _nights(booking: dict) -> list[str]:
    first = date.fromisoformat(booking["stay"]["arrival"])
    return [(first + timedelta(days=n)).isoformat() for n in range(booking["stay"]["nights"])]


def _free_by_night(api: AvailabilityApi, first: int, end: int) -> dict[str, int]:
    free = api.free_nights(VENUE, days_ahead(first), days_ahead(end))["race"]
    return {days_ahead(first + n): units for n, units in enumerate(free)}


def _cancel_all(gateway_url: str, bookings: list[dict]) -> None:
    for booking in bookings:
        cancelled = requests.post(
            f"{gateway_url}/api/v1/bookings/{booking['reference']}/cancel",
            params={"email": booking["customer"]["email"]},
            json={"reason_id": 1},
            timeout=60,
        )
        assert cancelled.status_code == 200, cancelled.text


def test_a_hundred_stays_racing_for_three_rooms_never_share_a_night_beyond_three(
    system, two_booking_replicas, race_hotel
):
    winners_of_window: dict[int, list[dict]] = {}
    for round_no in range(ROUNDS):
        base = _first_night(round_no)
        if round_no % WINDOWS in winners_of_window:
            _cancel_all(two_booking_replicas, winners_of_window[round_no % WINDOWS])
            nights = (base, base + ROUND_SPAN)
            wait_until(lambda nights=nights: set(_free_by_night(race_hotel, *nights).values()) == {ROOMS}, 20)
        results = _race(two_booking_replicas, [_body(round_no, i) for i in range(REQUESTS)])
        assert {status for status, _ in results} <= {201, 409}, f"round {round_no}: {Counter(s for s, _ in results)}"
        assert {body["error"]["code"] for status, body in results if status == 409} == {"resource_unavailable"}
        winners = [body for status, body in results if status == 201]
        winners_of_window[round_no % WINDOWS] = winners
        common = [body for body in winners if body["stay"]["arrival"] <= days_ahead(base + 4)]
        assert (len(common), len(winners) - len(common)) == (ROOMS, ROOMS), f"round {round_no}"
        booked = Counter(night for body in winners for night in _nights(body))
        assert max(booked.values()) <= ROOMS
        free = _free_by_night(race_hotel, base, base + ROUND_SPAN)
        assert {night: ROOMS - units for night, units in free.items() if units < ROOMS} == dict(booked)
    assert race_hotel.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}
    for replica in REPLICAS:
        assert '"path": "/v1/bookings"' in system.log(replica), f"{replica} took no stays"


def test_moves_and_cancels_of_the_same_stays_racing_leave_the_nights_as_the_bookings_say(
    system, two_booking_replicas, race_hotel
):
    base = 2 + WINDOWS * ROUND_SPAN + 20
    gateway = two_booking_replicas
    booked = []
    for i in range(ROOMS):
        body = {**_body(0, i), "arrival": days_ahead(base + i), "departure": days_ahead(base + i + 2)}
        created = requests.post(f"{gateway}/api/v1/bookings", json=body, timeout=60)
        assert created.status_code == 201, created.text
        booked.append(created.json())
    barrier = threading.Barrier(2 * len(booked))
    session = requests.Session()

    def move(booking: dict):
        barrier.wait()
        return session.patch(
            f"{gateway}/api/v1/bookings/{booking['reference']}",
            params={"email": booking["customer"]["email"]},
            json={"arrival": days_ahead(base + 6), "departure": days_ahead(base + 8)},
            timeout=60,
        )

    def cancel(booking: dict):
        barrier.wait()
        return session.post(
            f"{gateway}/api/v1/bookings/{booking['reference']}/cancel",
            params={"email": booking["customer"]["email"]},
            json={"reason_id": 1},
            timeout=60,
        )

    with session, ThreadPoolExecutor(max_workers=2 * len(booked)) as pool:
        moves = [pool.submit(move, booking) for booking in booked]
        cancels = [pool.submit(cancel, booking) for booking in booked]
        outcomes = [(m.result().status_code, c.result().status_code) for m, c in zip(moves, cancels, strict=True)]
    assert all(cancelled == 200 for _, cancelled in outcomes), outcomes
    assert all(moved in (200, 409) for moved, _ in outcomes), outcomes  # 409 booking_changed/not modifiable

    def settled() -> bool:
        # Every booking ends cancelled, so once the hold commands are carried out no night is held.
        return set(_free_by_night(race_hotel, base, base + 10).values()) == {ROOMS}

    requests.post(f"{system.service_urls['booking']}/internal/jobs/reconcile", headers=HEADERS, timeout=30)
    wait_until(settled, 20, message="every night of the cancelled stays given back")
    assert race_hotel.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}
