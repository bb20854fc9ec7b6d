"""The front desk through the gateway (docs/stays.md, "The front desk"): rooms for stays, never
two stays in one room on a night nor a stay in a room out of order, check-in and check-out, and
the day's arrivals, guests in house and departures."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.conftest import booking_body, future_date
from tests.support.availability import AvailabilityApi
from tests.support.tenants import staff_token

HOTEL = "desk-hotel"


@pytest.fixture(scope="module")
def desk(system):
    """A hotel of its own (so no other test's stays take its rooms): 3 doubles and a twin, and a
    manager's token."""
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(HOTEL, kind="hotel", timezone="Europe/Lisbon", horizon_days=200, min_notice_minutes=0)
    api.add_room_type(HOTEL, "double", max_occupancy=2)
    for number in ("11", "12", "13"):
        api.ok("POST", f"/v1/venues/{HOTEL}/rooms", json={"number": number, "room_type": "double"})
    api.add_room_type(HOTEL, "twin", max_occupancy=2)
    api.ok("POST", f"/v1/venues/{HOTEL}/rooms", json={"number": "21", "room_type": "twin"})
    for room_type in ("double", "twin"):
        plan = {"room_type": room_type, "code": "flexible", "name": "Flexible", "currency": "EUR"}
        created = requests.post(
            f"{system.service_urls['booking']}/v1/venues/{HOTEL}/rate-plans",
            json={**plan, "weekday_price": "90.00", "weekend_price": "110.00"},
            headers={"X-Service-Token": "test-service-token"},
            timeout=30,
        )
        assert created.status_code == 201, created.text
    token = staff_token(system, HOTEL, "manager")
    return api, {"Authorization": f"Bearer {token}"}


def _book(gateway, arrival: int, departure: int, room_type: str = "double") -> dict:
    body = {
        "kind": "stay",
        "venue": HOTEL,
        "room_type": room_type,
        "arrival": future_date(arrival),
        "departure": future_date(departure),
        "guests": 2,
        "customer": {"first_name": "Rui", "surname": "Costa", "email": "rui@example.com"},
    }
    created = gateway.post("/api/v1/bookings", json=body)
    assert created.status_code == 201, created.text
    return created.json()


def _desk(gateway, headers, reference: str, action: str, **body):
    return gateway.post(f"/api/v1/bookings/{reference}/{action}", json=body, headers=headers)


def test_two_clerks_giving_one_room_to_overlapping_stays_one_wins_the_other_a_409(gateway, desk):
    _, staff = desk
    first, second = _book(gateway, 30, 33), _book(gateway, 32, 34)
    barrier = threading.Barrier(2)

    def assign(booking: dict):
        barrier.wait()
        return requests.post(
            f"{gateway.base_url}/api/v1/bookings/{booking['reference']}/room",
            json={"room": "11"},
            headers=staff,
            timeout=30,
        )

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(assign, (first, second)))
    assert sorted(answer.status_code for answer in answers) == [200, 409], [a.text for a in answers]
    refused = next(answer for answer in answers if answer.status_code == 409)
    assert refused.json()["error"]["code"] == "room_taken"
    winner = next(answer for answer in answers if answer.status_code == 200).json()
    assert winner["stay"]["room"] == "11"
    # Nights that do not overlap share the room.
    later = _book(gateway, 33, 35) if winner["reference"] == first["reference"] else _book(gateway, 30, 32)
    assert _desk(gateway, staff, later["reference"], "room", room="11").json()["stay"]["room"] == "11"


def test_a_room_out_of_order_is_never_given_to_a_stay(gateway, desk):
    api, staff = desk
    api.ok(
        "POST",
        f"/v1/venues/{HOTEL}/rooms/12/blocks",
        json={"first_night": future_date(40), "end_night": future_date(42)},
    )
    api.ok(
        "PATCH", f"/v1/venues/{HOTEL}/rooms/12", json={"housekeeping": "inspected"}
    )  # the best room, but out of order
    stay = _book(gateway, 41, 43)
    refused = _desk(gateway, staff, stay["reference"], "room", room="12")
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "room_taken")
    assert _desk(gateway, staff, stay["reference"], "room").json()["stay"]["room"] != "12"


def test_a_room_of_another_type_is_refused(gateway, desk):
    _, staff = desk
    stay = _book(gateway, 50, 51)
    refused = _desk(gateway, staff, stay["reference"], "room", room="21")
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "room_of_another_type")
    unknown = _desk(gateway, staff, stay["reference"], "room", room="99")
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "room_not_found")


def test_a_guest_checks_in_on_arrival_into_a_room_and_out_leaving_it_dirty(gateway, desk):
    api, staff = desk
    early = _book(gateway, 5, 7)
    too_soon = _desk(gateway, staff, early["reference"], "check-in")
    assert (too_soon.status_code, too_soon.json()["error"]["code"]) == (409, "booking_not_started")
    stay = _book(gateway, 0, 2, room_type="twin")
    checked_in = _desk(gateway, staff, stay["reference"], "check-in")
    assert checked_in.status_code == 200, checked_in.text
    assert (checked_in.json()["status"], checked_in.json()["stay"]["room"]) == ("checked_in", "21")
    desk_today = gateway.get(
        f"/api/v1/venues/{HOTEL}/stays/front-desk", params={"date": future_date(0)}, headers=staff
    ).json()
    assert stay["reference"] in [b["reference"] for b in desk_today["arrivals"]]
    assert stay["reference"] in [b["reference"] for b in desk_today["in_house"]]
    cancel = gateway.post(
        f"/api/v1/bookings/{stay['reference']}/cancel", params={"email": "rui@example.com"}, json={"reason_id": 1}
    )
    assert (cancel.status_code, cancel.json()["error"]["code"]) == (409, "booking_not_modifiable")
    checked_out = _desk(gateway, staff, stay["reference"], "check-out")
    assert checked_out.json()["status"] == "completed"
    assert api.ok("GET", f"/v1/venues/{HOTEL}/rooms/21")["housekeeping"] == "dirty"
    assert _desk(gateway, staff, stay["reference"], "check-out").json() == checked_out.json()


def _free_doubles(gateway, first: int, end: int) -> list[int]:
    grid = gateway.get(
        f"/api/v1/venues/{HOTEL}/room-nights", params={"from": future_date(first), "to": future_date(end)}
    ).json()
    return next([night["free"] for night in kind["nights"]] for kind in grid["room_types"] if kind["code"] == "double")


def test_a_guest_leaving_early_gives_the_nights_after_back_and_is_billed_as_sold(gateway, desk):
    api, staff = desk
    stay = _book(gateway, 0, 3)
    assert _desk(gateway, staff, stay["reference"], "check-in").status_code == 200
    free_before = _free_doubles(gateway, 0, 3)
    checked_out = _desk(gateway, staff, stay["reference"], "check-out")
    assert checked_out.status_code == 200, checked_out.text
    # Leaving on the arrival day, the guest had the first night: nights two and three are free again.
    assert (checked_out.json()["stay"]["departure"], checked_out.json()["stay"]["nights"]) == (future_date(1), 1)
    assert _free_doubles(gateway, 0, 3) == [free_before[0], free_before[1] + 1, free_before[2] + 1]
    invoice = gateway.get(f"/api/v1/bookings/{stay['reference']}/invoice", headers=staff).json()
    assert [line["night"] for line in invoice["lines"] if line["kind"] == "night"] == [future_date(n) for n in range(3)]
    assert invoice["total"] == stay["total"]
    report = gateway.get(
        f"/api/v1/venues/{HOTEL}/stays/reports", params={"from": future_date(0), "to": future_date(3)}, headers=staff
    )
    assert report.status_code == 200, report.text  # its nights sold, earned over the night it stayed
    # The room is free on the nights given back: another stay gets it, and the ledger holds.
    after = _book(gateway, 1, 3)
    assert _desk(gateway, staff, after["reference"], "room", room=checked_out.json()["stay"]["room"]).status_code == 200
    assert api.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}


def test_only_the_venues_staff_run_its_front_desk(gateway, desk, system):
    stay = _book(gateway, 60, 61)
    anonymous = _desk(gateway, {}, stay["reference"], "check-in")
    assert anonymous.status_code == 401
    other = {"Authorization": f"Bearer {staff_token(system, 'TheHungryUnicorn', 'manager')}"}
    assert _desk(gateway, other, stay["reference"], "room").status_code == 404
    listing = gateway.get(f"/api/v1/venues/{HOTEL}/stays/front-desk", params={"date": future_date(0)}, headers=other)
    assert listing.status_code in (403, 404)


def test_a_table_has_no_room_to_give(gateway, desk, system):
    table = gateway.post("/api/v1/bookings", json=booking_body(future_date(3), "19:00", 2)).json()
    admin = {"Authorization": f"Bearer {staff_token(system, 'TheHungryUnicorn', 'manager')}"}
    refused = _desk(gateway, admin, table["reference"], "room", room="11")
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "not_a_stay")
