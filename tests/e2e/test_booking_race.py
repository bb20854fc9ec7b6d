"""Guarantee 1 end to end: 200 customers at once through the gateway, spread over two
booking-service replicas, for a slot of 10 covers. Confirmed covers never exceed 10 and reach
it; every refusal is a clean 409 `slot_full`."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, time

import pytest
import requests
from sqlalchemy import Date, Time, bindparam, text

from tests.e2e.conftest import REPLICAS
from tests.support.availability import AvailabilityApi, days_ahead

pytestmark = pytest.mark.race  # hundreds of requests at once: make test-pg runs these alone

VENUE = "race-bookings"
CAPACITY = 10
REQUESTS = 200
ROUNDS = int(os.environ.get("TESSERA_RACE_ROUNDS", "20"))


@pytest.fixture(scope="module")
def race_venue(system):
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(VENUE, max_party_size=8, hold_ttl_seconds=600)
    api.open_every_day(VENUE, "00:00", "23:45", interval=15, capacity=CAPACITY, duration=15)
    return api


def _slot_of_round(round_no: int) -> tuple[str, str]:
    minutes = (round_no % 96) * 15
    return days_ahead(2 + round_no // 96), f"{minutes // 60:02d}:{minutes % 60:02d}"


def _race(gateway_url: str, round_no: int) -> list:
    day, at = _slot_of_round(round_no)
    barrier = threading.Barrier(REQUESTS)
    # Each round's customers connect afresh: a connection kept alive from the round before may
    # be closed by the gateway (its keep-alive timeout) just as a customer sends on it.
    session = requests.Session()

    def attempt(i: int):
        party = 1 + i % 4
        body = {
            "venue": VENUE,
            "date": day,
            "time": at,
            "party_size": party,
            "customer": {"first_name": "Racer", "surname": str(i), "email": f"r{round_no}-{i}@example.com"},
        }
        barrier.wait()
        response = session.post(f"{gateway_url}/api/v1/bookings", json=body, timeout=120)
        return party, response.status_code, response.json()

    with session, ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        return list(pool.map(attempt, range(REQUESTS)))


def _confirmed_covers(system, day: str, at: str) -> int:
    statement = text(
        "SELECT COALESCE(SUM(party_size), 0) FROM bookings WHERE venue = :venue AND status = 'confirmed' "
        "AND local_date = :day AND local_time = :at"
    )
    statement = statement.bindparams(bindparam("day", type_=Date()), bindparam("at", type_=Time()))
    engine = system.backend.engine("booking")
    try:
        with engine.connect() as conn:
            return conn.execute(
                statement, {"venue": VENUE, "day": date.fromisoformat(day), "at": time.fromisoformat(at)}
            ).scalar_one()
    finally:
        engine.dispose()


def test_two_hundred_customers_never_get_more_than_ten_covers(system, two_booking_replicas, race_venue):
    for round_no in range(ROUNDS):
        results = _race(two_booking_replicas, round_no)
        statuses = {status for _, status, _ in results}
        assert statuses <= {201, 409}, f"round {round_no}: {statuses}"
        assert {body["error"]["code"] for _, status, body in results if status == 409} == {"slot_full"}
        confirmed = sum(party for party, status, _ in results if status == 201)
        assert confirmed == CAPACITY, f"round {round_no}: {confirmed} covers confirmed"
        assert _confirmed_covers(system, *_slot_of_round(round_no)) == CAPACITY
    assert race_venue.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}
    for replica in REPLICAS:
        assert '"path": "/v1/bookings"' in system.log(replica), f"{replica} took no bookings"
