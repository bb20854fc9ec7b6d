"""Guarantee 1 for slots: 200 hold requests released at once against two availability
replicas never take more than a slot's capacity, and take all of it."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import LEDGER_MISMATCH, count_rows
from tests.support.availability import AvailabilityApi, days_ahead

pytestmark = pytest.mark.race  # hundreds of requests at once: make test-pg runs these alone

VENUE = "race-slots"
CAPACITY = 10
REQUESTS = 200
ROUNDS = int(os.environ.get("TESSERA_RACE_ROUNDS", "20"))


@pytest.fixture(scope="module")
def replica_urls(system):
    """The system's availability service plus a second replica on its own port."""
    with system.another("availability-2", "availability") as second:
        yield [system.service_urls["availability"], second]


@pytest.fixture(scope="module")
def race_venue(system):
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(VENUE, max_party_size=8)
    api.open_every_day(VENUE, "00:00", "23:45", interval=15, capacity=CAPACITY, duration=15)
    return api


def _slot_of_round(round_no: int) -> tuple[str, str]:
    """A fresh slot per round: 96 a day from the day after tomorrow on."""
    minutes = (round_no % 96) * 15
    return days_ahead(2 + round_no // 96), f"{minutes // 60:02d}:{minutes % 60:02d}"


def _race(urls, round_no: int) -> list:
    day, at = _slot_of_round(round_no)
    barrier = threading.Barrier(REQUESTS)
    # Each round connects afresh: a connection kept alive from the round before may be closed
    # by the service (its keep-alive timeout) just as a request is sent on it.
    api = AvailabilityApi(urls[0])

    def attempt(i: int):
        units = 1 + i % 4
        barrier.wait()
        response = api.hold_slot(f"race-{round_no}-{i}", VENUE, day, at, units, base_url=urls[i % 2])
        return units, response.status_code, response.json()

    with api.session, ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        return list(pool.map(attempt, range(REQUESTS)))


def test_held_units_never_exceed_capacity_and_reach_it(system, replica_urls, race_venue):
    for round_no in range(ROUNDS):
        results = _race(replica_urls, round_no)
        statuses = {status for _, status, _ in results}
        assert statuses <= {201, 409}, f"round {round_no}: unexpected statuses {statuses}"
        refusals = {body["error"]["code"] for _, status, body in results if status == 409}
        assert refusals == {"slot_full"}, f"round {round_no}: {refusals}"
        held = sum(units for units, status, _ in results if status == 201)
        assert held == CAPACITY, f"round {round_no}: held {held} of {CAPACITY}"
        day, at = _slot_of_round(round_no)
        [slot] = [slot for slot in race_venue.slots(VENUE, day) if slot["time"] == at]
        assert slot["booked"] == CAPACITY
    assert count_rows(system, "availability", "slots", LEDGER_MISMATCH) == 0
    assert race_venue.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}
    for name in ("availability", "availability-2"):
        assert "database is locked" not in system.log(name)
