"""A hotel's inventory in the availability service: room types sell their rooms in service by the
night, a stay takes one unit for all its nights or none, and a room out of order sells one fewer
(docs/stays.md, "Inventory")."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest

from tests.support.availability import AvailabilityApi, days_ahead

VENUE = "harbour-test"


@pytest.fixture(scope="module")
def api(system):
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(VENUE, kind="hotel", timezone="Europe/Lisbon", horizon_days=400, max_stay_nights=14)
    return api


def test_a_room_type_sells_its_rooms_in_service(api):
    assert api.add_room_type(VENUE, "suite")["units"] == 0
    for number in ("501", "502", "503"):
        api.ok("POST", f"/v1/venues/{VENUE}/rooms", json={"number": number, "room_type": "suite", "floor": 5})
    api.ok("PATCH", f"/v1/venues/{VENUE}/rooms/503", json={"in_service": False})
    assert api.ok("GET", f"/v1/venues/{VENUE}/room-types/suite")["units"] == 2
    assert api.free_nights(VENUE, days_ahead(10), days_ahead(12))["suite"] == [2, 2]
    resource = next(
        r
        for r in api.ok("GET", f"/v1/venues/{VENUE}/resources", params={"limit": 200})["items"]
        if "suite" in r["name"]
    )
    refused = api.call("PATCH", f"/v1/venues/{VENUE}/resources/{resource['id']}", json={"capacity": 9})
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "capacity_follows_rooms")


def test_a_stay_takes_one_unit_on_each_of_its_nights_and_a_departure_day_is_free_for_an_arrival(api):
    api.add_room_type(VENUE, "single", rooms=1, max_occupancy=1)
    first = api.hold_stay("stay-test-single-a", VENUE, "single", days_ahead(20), days_ahead(23), guests=1)
    assert first.status_code == 201, first.text
    hold = first.json()
    assert (hold["kind"], hold["room_type"], hold["arrival"], hold["departure"]) == (
        "stay",
        "single",
        days_ahead(20),
        days_ahead(23),
    )
    assert (hold["start"], hold["end"]) == (f"{days_ahead(20)}T12:00", f"{days_ahead(23)}T12:00")
    assert api.free_nights(VENUE, days_ahead(19), days_ahead(24))["single"] == [1, 0, 0, 0, 1]
    # Leaving on the 23rd, another guest arriving that day does not overlap.
    assert (
        api.hold_stay("stay-test-single-b", VENUE, "single", days_ahead(23), days_ahead(25), guests=1).status_code
        == 201
    )
    clash = api.hold_stay("stay-test-single-c", VENUE, "single", days_ahead(22), days_ahead(24), guests=1)
    assert (clash.status_code, clash.json()["error"]["code"]) == (409, "resource_unavailable")
    assert "every night" in clash.json()["error"]["message"]
    api.hold_action(hold["id"], "release")
    assert api.free_nights(VENUE, days_ahead(19), days_ahead(24))["single"] == [1, 1, 1, 1, 0]
    assert api.run_job("check-ledger")["resources"] == []


def test_a_stay_hold_is_idempotent_on_its_key(api):
    api.add_room_type(VENUE, "twin", rooms=2)
    first = api.hold_stay("stay-test-twin-a", VENUE, "twin", days_ahead(30), days_ahead(32))
    again = api.hold_stay("stay-test-twin-a", VENUE, "twin", days_ahead(30), days_ahead(32))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    other = api.hold_stay("stay-test-twin-a", VENUE, "twin", days_ahead(30), days_ahead(33))
    assert (other.status_code, other.json()["error"]["code"]) == (409, "hold_key_reused")
    assert api.free_nights(VENUE, days_ahead(30), days_ahead(32))["twin"] == [1, 1]


@pytest.mark.parametrize(
    ("arrival", "departure", "guests", "status", "code"),
    [
        (5, 5, 2, 422, "validation_failed"),  # departure not after arrival
        (6, 4, 2, 422, "validation_failed"),
        (-1, 2, 2, 422, "stay_not_bookable"),  # arrival in the past
        (401, 403, 2, 422, "stay_not_bookable"),  # beyond the horizon
        (5, 20, 2, 422, "stay_not_bookable"),  # 15 nights, over the venue's 14
        (5, 7, 3, 422, "stay_not_bookable"),  # more guests than the type sleeps
        (5, 7, 0, 422, "validation_failed"),
        (5, 7, 10**6, 422, "validation_failed"),
    ],
)
def test_a_stay_outside_the_rules_is_refused_and_holds_nothing(api, arrival, departure, guests, status, code):
    if not any(rt["code"] == "double" for rt in api.ok("GET", f"/v1/venues/{VENUE}/room-types")["items"]):
        api.add_room_type(VENUE, "double", rooms=1)
    before = api.free_nights(VENUE, days_ahead(1), days_ahead(30))
    refused = api.hold_stay("stay-test-bad", VENUE, "double", days_ahead(arrival), days_ahead(departure), guests=guests)
    assert (refused.status_code, refused.json()["error"]["code"]) == (status, code), refused.text
    assert api.free_nights(VENUE, days_ahead(1), days_ahead(30)) == before


def test_an_unknown_room_type_is_a_404(api):
    missing = api.hold_stay("stay-test-nope", VENUE, "penthouse", days_ahead(5), days_ahead(6))
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "room_type_not_found")


def test_a_room_out_of_order_sells_one_fewer_and_back_in_order_sells_it_again(api):
    api.add_room_type(VENUE, "family", rooms=2, max_occupancy=4)
    block = api.ok(
        "POST",
        f"/v1/venues/{VENUE}/rooms/family-1/blocks",
        json={"first_night": days_ahead(40), "end_night": days_ahead(42), "reason": "Leaking tap"},
    )
    assert block["active"] is True
    assert api.free_nights(VENUE, days_ahead(39), days_ahead(43))["family"] == [2, 1, 1, 2]
    # Overlapping the block, the same room cannot be blocked again nor leave service.
    again = api.call(
        "POST",
        f"/v1/venues/{VENUE}/rooms/family-1/blocks",
        json={"first_night": days_ahead(41), "end_night": days_ahead(44)},
    )
    assert (again.status_code, again.json()["error"]["code"]) == (409, "room_has_blocks")
    leave = api.call("PATCH", f"/v1/venues/{VENUE}/rooms/family-1", json={"in_service": False})
    assert (leave.status_code, leave.json()["error"]["code"]) == (409, "room_has_blocks")
    # The other room is sold on night 41: it cannot go out of order then, nor out of service.
    assert (
        api.hold_stay("stay-test-family-a", VENUE, "family", days_ahead(41), days_ahead(42), guests=4).status_code
        == 201
    )
    sold = api.call(
        "POST",
        f"/v1/venues/{VENUE}/rooms/family-2/blocks",
        json={"first_night": days_ahead(41), "end_night": days_ahead(42)},
    )
    assert (sold.status_code, sold.json()["error"]["code"]) == (409, "resource_unavailable")
    away = api.call("PATCH", f"/v1/venues/{VENUE}/rooms/family-2", json={"in_service": False})
    assert (away.status_code, away.json()["error"]["code"]) == (409, "capacity_below_held")
    listed = api.ok("GET", f"/v1/venues/{VENUE}/room-blocks", params={"from": days_ahead(38), "to": days_ahead(50)})
    assert [(b["room"], b["first_night"], b["reason"]) for b in listed["items"]] == [
        ("family-1", days_ahead(40), "Leaking tap")
    ]
    ended = api.ok("POST", f"/v1/venues/{VENUE}/room-blocks/{block['id']}/end")
    assert ended["active"] is False
    assert api.ok("POST", f"/v1/venues/{VENUE}/room-blocks/{block['id']}/end") == ended
    assert api.free_nights(VENUE, days_ahead(39), days_ahead(43))["family"] == [2, 2, 1, 2]
    assert api.run_job("check-ledger")["resources"] == []


def test_stay_availability_keeps_the_types_that_sleep_the_guests_with_their_least_free_night(api):
    api.add_room_type(VENUE, "loft", rooms=2, max_occupancy=3, bed_setup="1 king, 1 sofa bed", amenities=["Balcony"])
    assert api.hold_stay("stay-test-loft-a", VENUE, "loft", days_ahead(61), days_ahead(62), guests=3).status_code == 201
    answer = api.ok(
        "GET",
        f"/internal/venues/{VENUE}/stay-availability",
        params={"arrival": days_ahead(60), "departure": days_ahead(63), "guests": 3},
    )
    assert (answer["nights"], answer["timezone"]) == (3, "Europe/Lisbon")
    loft = next(rt for rt in answer["room_types"] if rt["code"] == "loft")
    assert (loft["available"], loft["bed_setup"], loft["amenities"]) == (1, "1 king, 1 sofa bed", ["Balcony"])
    assert all(rt["max_occupancy"] >= 3 for rt in answer["room_types"])
    anonymous = api.call(
        "GET",
        f"/internal/venues/{VENUE}/stay-availability",
        staff=False,
        params={"arrival": days_ahead(60), "departure": days_ahead(63), "guests": 3},
    )
    assert anonymous.status_code == 401


def test_nights_across_a_clock_change_are_noon_to_noon_local(api):
    """Lisbon goes from WET (UTC+0) to WEST (UTC+1) on the last Sunday of March."""
    march_31 = date(date.today().year + 1, 3, 31)
    change = march_31 - timedelta(days=(march_31.weekday() + 1) % 7)  # the last Sunday
    api.add_room_type(VENUE, "dst", rooms=1)
    arrival, departure = change - timedelta(days=1), change + timedelta(days=1)
    hold = api.hold_stay("stay-test-dst-a", VENUE, "dst", arrival.isoformat(), departure.isoformat()).json()
    assert (hold["starts_at"], hold["ends_at"]) == (f"{arrival}T12:00:00Z", f"{departure}T11:00:00Z")
    after = api.hold_stay(
        "stay-test-dst-b", VENUE, "dst", departure.isoformat(), (departure + timedelta(days=1)).isoformat()
    )
    assert after.status_code == 201
    first, end = (arrival - timedelta(days=1)).isoformat(), (departure + timedelta(days=2)).isoformat()
    assert api.free_nights(VENUE, first, end)["dst"] == [1, 0, 0, 0, 1]


def test_a_hundred_stays_racing_for_three_rooms_get_exactly_three(api):
    api.add_room_type(VENUE, "race", rooms=3)
    barrier = threading.Barrier(100)
    racers = AvailabilityApi(api.base_url)  # fresh connections: see test_slot_race.py

    def attempt(i: int):
        barrier.wait()
        # Every stay includes night 71, from up to 4 nights before to up to 4 after.
        return racers.hold_stay(f"stay-test-race-{i}", VENUE, "race", days_ahead(71 - i % 5), days_ahead(72 + i % 4))

    with racers.session, ThreadPoolExecutor(max_workers=100) as pool:
        results = list(pool.map(attempt, range(100)))
    assert sorted(r.status_code for r in results) == [201] * 3 + [409] * 97
    assert max(api.free_nights(VENUE, days_ahead(66), days_ahead(76))["race"]) <= 3
    assert api.free_nights(VENUE, days_ahead(71), days_ahead(72))["race"] == [0]
    assert api.run_job("check-ledger")["resources"] == []


def _give_room(api, hold_id: str, room: str | None = None):
    return api.call("POST", f"/internal/holds/{hold_id}/room", json={"room": room})


def test_a_stay_given_a_room_keeps_it_from_blocks_and_from_leaving_service_until_released(api):
    api.add_room_type(VENUE, "studio", rooms=2)
    hold = api.hold_stay("stay-test-studio-a", VENUE, "studio", days_ahead(80), days_ahead(82)).json()
    given = _give_room(api, hold["id"], "studio-1")
    assert (given.status_code, given.json()["room"], given.json()["end_night"]) == (200, "studio-1", days_ahead(82))
    block = api.call(
        "POST",
        f"/v1/venues/{VENUE}/rooms/studio-1/blocks",
        json={"first_night": days_ahead(81), "end_night": days_ahead(83)},
    )
    assert (block.status_code, block.json()["error"]["code"]) == (409, "room_taken")
    away = api.call("PATCH", f"/v1/venues/{VENUE}/rooms/studio-1", json={"in_service": False})
    assert (away.status_code, away.json()["error"]["code"]) == (409, "room_has_stays")
    board = api.ok("GET", f"/v1/venues/{VENUE}/room-board", params={"date": days_ahead(81)})
    nights = {room["number"]: room["night"] for room in board["rooms"] if room["room_type"] == "studio"}
    assert nights == {"studio-1": "assigned", "studio-2": "free"}
    api.hold_action(hold["id"], "release")
    other = api.hold_stay("stay-test-studio-b", VENUE, "studio", days_ahead(81), days_ahead(82)).json()
    assert _give_room(api, other["id"], "studio-1").status_code == 200  # released with its hold
    assert _give_room(api, hold["id"], "studio-2").json()["error"]["code"] == "hold_not_active"


def test_the_desk_gives_the_best_free_room_and_never_one_out_of_order(api):
    api.add_room_type(VENUE, "deluxe", rooms=3)
    api.ok("PATCH", f"/v1/venues/{VENUE}/rooms/deluxe-1", json={"housekeeping": "dirty"})
    api.ok("PATCH", f"/v1/venues/{VENUE}/rooms/deluxe-3", json={"housekeeping": "inspected"})
    api.ok(
        "POST",
        f"/v1/venues/{VENUE}/rooms/deluxe-3/blocks",
        json={"first_night": days_ahead(85), "end_night": days_ahead(86)},
    )
    hold = api.hold_stay("stay-test-deluxe-a", VENUE, "deluxe", days_ahead(84), days_ahead(86)).json()
    assert _give_room(api, hold["id"]).json()["room"] == "deluxe-2"  # deluxe-3 is out of order on night 85
    second = api.hold_stay("stay-test-deluxe-b", VENUE, "deluxe", days_ahead(84), days_ahead(85)).json()
    assert _give_room(api, second["id"]).json()["room"] == "deluxe-3"  # inspected beats dirty
    assert _give_room(api, second["id"], "deluxe-2").json()["error"]["code"] == "room_taken"
    assert _give_room(api, second["id"], "single-1").json()["error"]["code"] == "room_of_another_type"


def test_twenty_desks_giving_rooms_at_once_give_twenty_different_rooms(api):
    api.add_room_type(VENUE, "dorm", rooms=20)
    holds = [
        api.hold_stay(f"stay-test-dorm-{i}", VENUE, "dorm", days_ahead(90), days_ahead(92)).json()["id"]
        for i in range(20)
    ]
    barrier = threading.Barrier(len(holds))
    desks = AvailabilityApi(api.base_url)

    def give(hold_id: str):
        barrier.wait()
        return desks.call("POST", f"/internal/holds/{hold_id}/room", json={"room": None})

    with desks.session, ThreadPoolExecutor(max_workers=len(holds)) as pool:
        answers = list(pool.map(give, holds))
    assert [answer.status_code for answer in answers] == [200] * 20, [a.text for a in answers if a.status_code != 200]
    assert len({answer.json()["room"] for answer in answers}) == 20
