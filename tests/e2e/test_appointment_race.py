"""Guarantee 1 for appointments end to end (docs/appointments.md, "Holding an appointment"):
100 customers at once through the gateway, over two booking-service replicas.

With "any staff" for one start time and three staff who perform the service, exactly three win,
one per staff member, and the rest get a clean `409 staff_unavailable`. With a service that needs
a staff member and one of two rooms, bookings naming different staff race for the rooms: two
win, no staff member or room is ever held twice, and a refused booking leaves nothing held."""

from __future__ import annotations

import os
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.e2e.conftest import REPLICAS
from tests.support.availability import AvailabilityApi, days_ahead

pytestmark = pytest.mark.race  # hundreds of requests at once: make test-pg runs these alone

VENUE = "race-clinic"
REQUESTS = 100
ROUNDS = int(os.environ.get("TESSERA_RACE_ROUNDS", "20"))
ROOMS = 2


@pytest.fixture(scope="module")
def race_clinic(system):
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(VENUE, kind="clinic", timezone="Europe/Berlin", horizon_days=700, hold_ttl_seconds=600)
    staff = [api.add_staff(VENUE, f"Racer {n}") for n in range(3)]  # keep no hours: any time
    for n in range(ROOMS):
        api.ok("POST", f"/v1/venues/{VENUE}/resources", json={"name": f"Room {n}", "kind": "room", "tags": ["room"]})
    for code, requires in (("call", []), ("treatment", ["room"])):
        service = {"code": code, "name": code.title(), "duration_minutes": 30, "staff": staff, "requires": requires}
        api.ok("POST", f"/v1/venues/{VENUE}/services", json=service)
    return api, staff


def _when(round_no: int) -> tuple[str, str]:
    """Each round a start of its own: ten a day, an hour apart."""
    return days_ahead(2 + round_no // 10), f"{8 + round_no % 10:02d}:00"


def _race(gateway_url: str, bodies: list[dict]) -> list[tuple[int, dict]]:
    barrier = threading.Barrier(len(bodies))
    session = requests.Session()

    def attempt(body: dict):
        barrier.wait()
        response = session.post(f"{gateway_url}/api/v1/bookings", json=body, timeout=120)
        return response.status_code, response.json()

    with session, ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(attempt, bodies))


def _body(service: str, day: str, at: str, i: int, staff: int | None) -> dict:
    return {
        "kind": "appointment",
        "venue": VENUE,
        "service": service,
        "date": day,
        "time": at,
        "staff": staff,
        "customer": {
            "first_name": "Racer",
            "surname": str(i),
            "email": f"{service}-{day}-{at.replace(':', '')}-{i}@example.com",
        },
    }


def _free_staff(api: AvailabilityApi, day: str, at: str) -> list[int]:
    return api.appointment_slots(VENUE, "call", day).get(at, [])


def test_a_hundred_any_staff_bookings_for_one_start_give_each_of_three_staff_one(
    system, two_booking_replicas, race_clinic
):
    api, staff = race_clinic
    for round_no in range(ROUNDS):
        day, at = _when(round_no)
        results = _race(two_booking_replicas, [_body("call", day, at, i, None) for i in range(REQUESTS)])
        outcomes = Counter(status for status, _ in results)
        assert outcomes == {201: 3, 409: REQUESTS - 3}, f"round {round_no}: {outcomes}"
        assert {body["error"]["code"] for status, body in results if status == 409} == {"staff_unavailable"}
        taken = sorted(body["appointment"]["staff"]["id"] for status, body in results if status == 201)
        assert taken == sorted(staff), f"round {round_no}: {taken}"
        assert _free_staff(api, day, at) == []
    assert api.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}
    for replica in REPLICAS:
        assert '"path": "/v1/bookings"' in system.log(replica), f"{replica} took no appointments"


def test_bookings_of_different_staff_racing_for_two_rooms_hold_each_room_and_member_once(
    two_booking_replicas, race_clinic
):
    api, staff = race_clinic
    for round_no in range(max(ROUNDS // 2, 1)):
        day, at = _when(ROUNDS + round_no)
        bodies = [_body("treatment", day, at, i, staff[i % len(staff)]) for i in range(REQUESTS)]
        results = _race(two_booking_replicas, bodies)
        winners = [body for status, body in results if status == 201]
        assert len(winners) == ROOMS, f"round {round_no}: {Counter(status for status, _ in results)}"
        assert {body["error"]["code"] for status, body in results if status == 409} <= {
            "staff_unavailable",
            "resource_unavailable",
        }
        assert {status for status, _ in results} == {201, 409}
        rooms = [body["appointment"]["resources"][0]["id"] for body in winners]
        members = [body["appointment"]["staff"]["id"] for body in winners]
        assert len(set(rooms)) == ROOMS and len(set(members)) == ROOMS
        # No refused booking left a staff member held: the one who won nothing is free then.
        assert _free_staff(api, day, at) == sorted(set(staff) - set(members))
    assert api.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}
