"""Appointments in the availability service (docs/appointments.md): a service takes one of its
staff and one resource of each tag it needs, for its duration and buffers, within working hours,
all or none; "any staff" picks the free member booked least that day; local times and true
durations hold across DST changes."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest

from shared.clock import parse_iso_utc
from tests.support.availability import AvailabilityApi

VENUE = "clinic-test"
EVERY_DAY = range(7)


def _day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


@pytest.fixture(scope="module")
def clinic(system):
    """Three physios (Ana works mornings and afternoons with a lunch break), two treatment rooms."""
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(VENUE, kind="clinic", timezone="Europe/Berlin", horizon_days=60, min_notice_minutes=0)
    ana = api.add_staff(
        VENUE, "Ana", [(d, "09:00", "12:00") for d in EVERY_DAY] + [(d, "13:00", "17:00") for d in EVERY_DAY]
    )
    ben = api.add_staff(VENUE, "Ben", [(d, "09:00", "17:00") for d in EVERY_DAY])
    cai = api.add_staff(VENUE, "Cai", [(d, "09:00", "17:00") for d in EVERY_DAY])
    rooms = []
    for name in ("Room 1", "Room 2"):
        room = api.ok(
            "POST", f"/v1/venues/{VENUE}/resources", json={"name": name, "kind": "room", "tags": ["treatment-room"]}
        )
        rooms.append(room["id"])
    api.ok(
        "POST",
        f"/v1/venues/{VENUE}/services",
        json={
            "code": "physio",
            "name": "Physiotherapy",
            "duration_minutes": 45,
            "buffer_after_minutes": 15,
            "interval_minutes": 15,
            "price": "60.00",
            "currency": "EUR",
            "staff": [ana, ben, cai],
            "requires": ["treatment-room"],
        },
    )
    api.ok(
        "POST",
        f"/v1/venues/{VENUE}/services",
        json={"code": "call", "name": "Phone consultation", "duration_minutes": 30, "staff": [ana, ben, cai]},
    )
    return api, {"ana": ana, "ben": ben, "cai": cai}, rooms


def test_the_search_offers_times_within_each_members_hours_and_breaks(clinic):
    api, staff, _ = clinic
    slots = api.appointment_slots(VENUE, "call", _day(3))
    assert min(slots) == "09:00" and max(slots) == "16:30"  # 30 minutes must end by 17:00
    assert staff["ana"] not in slots["12:00"] and staff["ana"] not in slots["11:45"]  # lunch
    assert staff["ana"] in slots["11:30"] and staff["ana"] in slots["13:00"]
    assert api.appointment_slots(VENUE, "call", _day(3), staff=staff["ana"]).keys() == {
        t for t, free in slots.items() if staff["ana"] in free
    }


def test_an_appointment_holds_its_staff_member_and_a_room_and_gives_both_back(clinic):
    api, staff, rooms = clinic
    held = api.hold_appointment("appt-one", VENUE, "physio", _day(4), "10:00", staff=staff["ben"])
    assert held.status_code == 201, held.text
    hold = held.json()
    assert (hold["kind"], hold["staff"]["id"], hold["service"]["code"], hold["time"]) == (
        "appointment",
        staff["ben"],
        "physio",
        "10:00",
    )
    assert [r["id"] for r in hold["resources"]] == [rooms[0]]
    assert hold["price"] == {"amount": "60.00", "currency": "EUR"}
    # 45 minutes and a 15-minute buffer: Ben is busy 10:00-11:00, free again at 11:00.
    ben_free = {t for t, free in api.appointment_slots(VENUE, "physio", _day(4)).items() if staff["ben"] in free}
    assert not ben_free & {"09:30", "09:45", "10:00", "10:15", "10:30", "10:45"} and "11:00" in ben_free
    again = api.hold_appointment("appt-one", VENUE, "physio", _day(4), "10:00", staff=staff["ben"])
    assert (again.status_code, again.json()["id"]) == (200, hold["id"])
    assert api.hold_action(hold["id"], "release").json()["status"] == "released"
    ben_free = {t for t, free in api.appointment_slots(VENUE, "physio", _day(4)).items() if staff["ben"] in free}
    assert "10:00" in ben_free
    assert api.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}


def test_any_staff_picks_the_free_member_booked_least_that_day_then_the_lowest_id(clinic):
    api, staff, _ = clinic
    first = api.hold_appointment("any-1", VENUE, "call", _day(5), "09:00", staff=staff["ana"]).json()
    assert first["staff"]["id"] == staff["ana"]
    second = api.hold_appointment("any-2", VENUE, "call", _day(5), "14:00").json()
    assert second["staff"]["id"] == staff["ben"]  # Ana has one already
    third = api.hold_appointment("any-3", VENUE, "call", _day(5), "15:00").json()
    assert third["staff"]["id"] == staff["cai"]


def test_a_room_taken_by_others_refuses_the_appointment_though_staff_are_free(clinic):
    api, staff, _ = clinic
    for key, member in (("room-a", "ana"), ("room-b", "ben")):
        assert api.hold_appointment(key, VENUE, "physio", _day(6), "09:00", staff=staff[member]).status_code == 201
    refused = api.hold_appointment("room-c", VENUE, "physio", _day(6), "09:00", staff=staff["cai"])
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "resource_unavailable")
    assert "09:00" not in api.appointment_slots(VENUE, "physio", _day(6))
    # Nothing of the refused one is held: Cai can still take a call then.
    assert api.hold_appointment("room-d", VENUE, "call", _day(6), "09:00", staff=staff["cai"]).status_code == 201


def test_concurrent_bookings_for_one_room_with_different_staff_never_double_book(clinic):
    api, staff, _ = clinic
    barrier = threading.Barrier(3)

    def book(member: str):
        barrier.wait()
        return api.hold_appointment(f"race-{member}", VENUE, "physio", _day(7), "11:00", staff=staff[member])

    with ThreadPoolExecutor(max_workers=3) as pool:
        answers = list(pool.map(book, ("ana", "ben", "cai")))
    assert sorted(a.status_code for a in answers) == [201, 201, 409]
    won = [a.json() for a in answers if a.status_code == 201]
    assert len({hold["resources"][0]["id"] for hold in won}) == 2
    assert api.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}


def test_time_off_and_a_day_off_take_a_member_out(clinic):
    api, staff, _ = clinic
    api.ok("PUT", f"/v1/venues/{VENUE}/resources/{staff['cai']}/hours/{_day(8)}", json={"periods": []})
    assert all(staff["cai"] not in free for free in api.appointment_slots(VENUE, "call", _day(8)).values())
    block = api.ok(
        "POST",
        f"/v1/venues/{VENUE}/resources/{staff['ben']}/blocks",
        json={"start": f"{_day(8)}T09:00", "end": f"{_day(8)}T13:00", "reason": "Training"},
    )
    slots = api.appointment_slots(VENUE, "call", _day(8))
    assert "12:00" not in slots  # Ana at lunch, Ben away, Cai off
    assert slots["11:00"] == [staff["ana"]] and staff["ben"] in slots["13:00"]
    # Time off over a booked appointment is refused; the appointment stays.
    booked = api.hold_appointment("before-leave", VENUE, "call", _day(8), "15:00", staff=staff["ben"])
    assert booked.status_code == 201
    clash = api.call(
        "POST",
        f"/v1/venues/{VENUE}/resources/{staff['ben']}/blocks",
        json={"start": f"{_day(8)}T14:00", "end": f"{_day(8)}T17:00"},
    )
    assert (clash.status_code, clash.json()["error"]["code"]) == (409, "resource_unavailable")
    assert api.call("DELETE", f"/v1/venues/{VENUE}/resources/{staff['ben']}/blocks/{block['id']}").status_code == 204
    assert staff["ben"] in api.appointment_slots(VENUE, "call", _day(8))["12:00"]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"service": "nope"}, 404, "service_not_found"),
        ({"time": "03:00"}, 409, "staff_unavailable"),  # outside everyone's hours
        ({"date": _day(-1)}, 422, "appointment_not_bookable"),
        ({"date": _day(90)}, 422, "appointment_not_bookable"),
        ({"staff": 2**31 - 1}, 422, "staff_not_for_service"),
        ({"time": "25:00"}, 422, "validation_failed"),
    ],
)
def test_bad_appointment_requests_are_refused_and_hold_nothing(clinic, body, status, code):
    api, _, _ = clinic
    request = {"service": "call", "date": _day(9), "time": "10:00", "staff": None, **body}
    answer = api.session.post(
        api.base_url + "/internal/holds/appointments",
        json={"hold_key": f"bad-{code}-{status}", "venue": VENUE, **request},
        headers={"X-Service-Token": "test-service-token"},
        timeout=30,
    )
    assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), answer.text
    assert "10:00" in api.appointment_slots(VENUE, "call", _day(9))


def test_hours_that_overlap_are_refused(clinic):
    api, staff, _ = clinic
    periods = [{"weekday": 0, "starts": "09:00", "ends": "12:00"}, {"weekday": 0, "starts": "11:00", "ends": "13:00"}]
    refused = api.call("PUT", f"/v1/venues/{VENUE}/resources/{staff['ana']}/hours", json={"periods": periods})
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "validation_failed")


@pytest.mark.parametrize(
    ("zone", "spring", "autumn"),
    [("Europe/Berlin", "2027-03-28", "2027-10-31"), ("America/New_York", "2027-03-14", "2027-11-07")],
)
def test_appointments_across_dst_keep_their_local_times_and_true_durations(system, zone, spring, autumn):
    api = AvailabilityApi(system.service_urls["availability"])
    venue = f"night-clinic-{zone.split('/')[1].lower()}"
    api.create_venue(venue, kind="clinic", timezone=zone, horizon_days=400, min_notice_minutes=0)
    nurse = api.add_staff(venue, "Night nurse")  # keeps no hours: any time
    api.ok(
        "POST",
        f"/v1/venues/{venue}/services",
        json={"code": "check", "name": "Check", "duration_minutes": 60, "interval_minutes": 30, "staff": [nurse]},
    )
    # Spring: 02:00-03:00 does not exist. 01:30 lasts 60 true minutes and ends at 03:30 local.
    slots = api.appointment_slots(venue, "check", spring)
    assert "02:00" not in slots and "02:30" not in slots and "01:30" in slots and "03:00" in slots
    held = api.hold_appointment(f"dst-spring-{venue}", venue, "check", spring, "01:30").json()
    assert (held["start"], held["end"]) == (f"{spring}T01:30", f"{spring}T03:30")
    assert parse_iso_utc(held["ends_at"]) - parse_iso_utc(held["starts_at"]) == timedelta(minutes=60)
    gap = api.hold_appointment(f"dst-gap-{venue}", venue, "check", spring, "02:30")
    assert (gap.status_code, gap.json()["error"]["code"]) == (422, "appointment_not_bookable")
    # Autumn: the hour from 01:00 (Berlin 02:00) repeats; 01:30 still lasts 60 true minutes.
    held = api.hold_appointment(f"dst-autumn-{venue}", venue, "check", autumn, "01:30").json()
    assert parse_iso_utc(held["ends_at"]) - parse_iso_utc(held["starts_at"]) == timedelta(minutes=60)
    assert held["start"] == f"{autumn}T01:30"


def test_a_move_may_reuse_the_time_it_replaces_and_a_failed_move_leaves_the_old_hold_whole(clinic):
    api, staff, _ = clinic
    old = api.hold_appointment("move-old", VENUE, "call", _day(10), "10:00", staff=staff["ben"]).json()
    api.hold_action(old["id"], "confirm")
    overlapping = api.hold_appointment("move-clash", VENUE, "call", _day(10), "10:15", staff=staff["ben"])
    assert (overlapping.status_code, overlapping.json()["error"]["code"]) == (409, "staff_unavailable")
    body = {"hold_key": "move-new", "venue": VENUE, "service": "call", "date": _day(10), "time": "10:15"}
    moved = api.call(
        "POST", "/internal/holds/appointments", json={**body, "staff": staff["ben"], "replaces": old["id"]}
    )
    assert moved.status_code == 201, moved.text
    assert api.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}
    # Both stand until the move is decided: nobody else can take either time.
    assert staff["ben"] not in api.appointment_slots(VENUE, "call", _day(10)).get("10:00", [])
    api.hold_action(moved.json()["id"], "release")  # the move failed: the old appointment stays whole
    assert api.hold_action(old["id"], "confirm").json()["status"] == "confirmed"
    again = api.hold_appointment("move-clash-2", VENUE, "call", _day(10), "10:15", staff=staff["ben"])
    assert (again.status_code, again.json()["error"]["code"]) == (409, "staff_unavailable")
    assert api.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}
