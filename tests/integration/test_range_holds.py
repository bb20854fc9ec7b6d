"""Guarantee 1 for time ranges: a resource is never held beyond its capacity at any instant."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.support.availability import AvailabilityApi, days_ahead
from tests.support.backends import backend_name

pytestmark = pytest.mark.race  # hundreds of requests at once: make test-pg runs these alone

VENUE = "range-venue"


@pytest.fixture(scope="module")
def api(system):
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(VENUE, kind="hotel", horizon_days=60, hold_ttl_seconds=600)
    return api


def _at(day_offset: int, hour: int) -> str:
    return f"{days_ahead(day_offset)}T{hour:02d}:00"


def test_one_of_a_hundred_overlapping_holds_wins_a_single_room(api):
    room = api.add_resource(VENUE, "Room 101")
    barrier = threading.Barrier(100)
    racers = AvailabilityApi(api.base_url)  # fresh connections: see test_slot_race.py

    def attempt(i: int):
        barrier.wait()
        # Every range overlaps [day 3 12:00, day 3 13:00).
        return racers.hold_range(f"room101-{i}", VENUE, room["id"], _at(3, 12 - i % 5), _at(3, 13 + i % 7))

    with racers.session, ThreadPoolExecutor(max_workers=100) as pool:
        results = list(pool.map(attempt, range(100)))
    assert sorted(r.status_code for r in results) == [201] + [409] * 99
    assert {r.json()["error"]["code"] for r in results if r.status_code == 409} == {"resource_unavailable"}
    assert api.run_job("check-ledger")["resources"] == []


def test_back_to_back_ranges_fit_and_an_overlapping_one_does_not(api):
    room = api.add_resource(VENUE, "Room 102")
    first = api.hold_range("r102-a", VENUE, room["id"], _at(4, 1), _at(4, 3))
    second = api.hold_range("r102-b", VENUE, room["id"], _at(4, 3), _at(4, 5))
    across = api.hold_range("r102-c", VENUE, room["id"], _at(4, 2), _at(4, 4))
    assert (first.status_code, second.status_code, across.status_code) == (201, 201, 409)
    assert across.json()["error"]["code"] == "resource_unavailable"


def test_a_room_type_takes_units_up_to_its_count_at_the_busiest_instant(api):
    rooms = api.add_resource(VENUE, "Double rooms", kind="room_type", capacity=3)
    # Nights 5-7 and 7-9 never overlap each other, so both fit beside two rooms for 5-9.
    assert api.hold_range("dbl-a", VENUE, rooms["id"], _at(5, 15), _at(7, 11), 1).status_code == 201
    assert api.hold_range("dbl-b", VENUE, rooms["id"], _at(7, 15), _at(9, 11), 1).status_code == 201
    assert api.hold_range("dbl-c", VENUE, rooms["id"], _at(5, 15), _at(9, 11), 2).status_code == 201
    full = api.hold_range("dbl-d", VENUE, rooms["id"], _at(6, 15), _at(7, 11), 1)
    assert full.status_code == 409 and full.json()["error"]["details"] == {"remaining": 0}
    calendar = api.ok(
        "GET",
        f"/v1/venues/{VENUE}/resources/{rooms['id']}/availability",
        params={"from": _at(5, 12), "to": _at(10, 11)},
    )
    # Busy while all 3 are held (two for 5-9 and one for 5-7, then 7-9), free while a unit is left.
    assert [(b["start"], b["end"]) for b in calendar["busy"]] == [(_at(5, 15), _at(7, 11)), (_at(7, 15), _at(9, 11))]
    assert [(f["start"], f["end"]) for f in calendar["free"]] == [
        (_at(5, 12), _at(5, 15)),
        (_at(7, 11), _at(7, 15)),
        (_at(9, 11), _at(10, 11)),
    ]


def test_capacity_cannot_drop_below_what_is_held_and_held_ranges_can_be_released(api):
    rooms = api.add_resource(VENUE, "Twin rooms", kind="room_type", capacity=2)
    a = api.hold_range("twin-a", VENUE, rooms["id"], _at(10, 15), _at(12, 11)).json()
    api.hold_range("twin-b", VENUE, rooms["id"], _at(11, 15), _at(13, 11))
    refused = api.call("PATCH", f"/v1/venues/{VENUE}/resources/{rooms['id']}", json={"capacity": 1})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "capacity_below_held"
    assert api.hold_action(a["id"], "release").json()["status"] == "released"
    assert api.ok("PATCH", f"/v1/venues/{VENUE}/resources/{rooms['id']}", json={"capacity": 1})["capacity"] == 1
    assert api.hold_range("twin-c", VENUE, rooms["id"], _at(12, 15), _at(13, 11)).status_code == 409


def test_an_inactive_resource_takes_no_holds(api):
    desk = api.add_resource(VENUE, "Desk 7", kind="equipment")
    api.ok("PATCH", f"/v1/venues/{VENUE}/resources/{desk['id']}", json={"active": False})
    refused = api.hold_range("desk7", VENUE, desk["id"], _at(3, 9), _at(3, 17))
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "range_not_bookable"


def test_an_expired_range_hold_frees_the_room(system, api):
    room = api.add_resource(VENUE, "Room 103")
    hold = api.hold_range("r103-orphan", VENUE, room["id"], _at(6, 15), _at(7, 11)).json()
    engine = system.backend.engine("availability")
    with engine.begin() as conn:
        conn.execute(text("UPDATE holds SET expires_at = '2000-01-01 00:00:00' WHERE id = :id"), {"id": hold["id"]})
    engine.dispose()
    api.run_job("expire-holds")  # beat may have been first; either way the hold is expired now
    assert api.ok("GET", f"/internal/holds/{hold['id']}")["status"] == "expired"
    assert api.hold_action(hold["id"], "confirm").status_code == 409
    assert api.hold_range("r103-next", VENUE, room["id"], _at(6, 15), _at(7, 11)).status_code == 201


def test_the_same_key_places_one_range_hold(api):
    room = api.add_resource(VENUE, "Room 104")
    barrier = threading.Barrier(10)
    racers = AvailabilityApi(api.base_url)  # fresh connections: see test_slot_race.py

    def attempt(_):
        barrier.wait()
        return racers.hold_range("r104-same", VENUE, room["id"], _at(8, 15), _at(9, 11))

    with racers.session, ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(attempt, range(10)))
    assert {r.status_code for r in results} <= {200, 201}
    assert len({r.json()["id"] for r in results}) == 1
    other = api.hold_range("r104-same", VENUE, room["id"], _at(9, 15), _at(10, 11))
    assert other.status_code == 409 and other.json()["error"]["code"] == "hold_key_reused"


@pytest.mark.skipif(backend_name() != "postgres", reason="the exclusion constraint exists on PostgreSQL only")
def test_postgres_refuses_overlapping_holds_on_a_single_room_even_without_the_lock(system, api):
    room = api.add_resource(VENUE, "Room 105")
    first = api.hold_range("r105-a", VENUE, room["id"], _at(3, 15), _at(4, 11)).json()
    engine = system.backend.engine("availability")
    try:
        with pytest.raises(IntegrityError, match="ex_holds_exclusive_no_overlap"), engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO holds (id, hold_key, venue_id, resource_id, starts_at, ends_at, exclusive, units, "
                    "status, expires_at) SELECT 'sneaky', 'sneaky', venue_id, resource_id, "
                    "starts_at + interval '1 hour', ends_at + interval '1 hour', true, 1, 'held', expires_at "
                    "FROM holds WHERE id = :id"
                ),
                {"id": first["id"]},
            )
    finally:
        engine.dispose()
