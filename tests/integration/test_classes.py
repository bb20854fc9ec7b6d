"""Classes in the availability service (docs/appointments.md, "Classes"): a service of capacity 5
is a class whose sessions share one instructor and a studio among its places. Places are taken
race-safely (guarantee 1), the last one given back (released or expired) frees the instructor and
the studio, the search says the places left and shows a full time as full, and the ledger check
names a session whose places disagree with its seat holds."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

import pytest
import requests
from sqlalchemy import text

from tests.conftest import count_rows
from tests.support.availability import HEADERS, AvailabilityApi
from tests.support.processes import ROOT

VENUE = "class-studio"
RACERS = 30


def _day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


@pytest.fixture(scope="module")
def studio(system):
    """Yoga (5 places) taught by Ana or Ben in the one studio; Ana also gives private lessons."""
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(VENUE, kind="clinic", timezone="Europe/Berlin", horizon_days=60, min_notice_minutes=0)
    ana, ben = api.add_staff(VENUE, "Ana"), api.add_staff(VENUE, "Ben")
    room = api.ok("POST", f"/v1/venues/{VENUE}/resources", json={"name": "Studio", "kind": "room", "tags": ["studio"]})
    yoga = api.ok(
        "POST",
        f"/v1/venues/{VENUE}/services",
        json={
            "code": "yoga",
            "name": "Yoga class",
            "duration_minutes": 60,
            "buffer_after_minutes": 15,
            "interval_minutes": 60,
            "price": "15.00",
            "currency": "EUR",
            "capacity": 5,
            "staff": [ana, ben],
            "requires": ["studio"],
        },
    )
    assert yoga["capacity"] == 5
    api.ok(
        "POST",
        f"/v1/venues/{VENUE}/services",
        json={"code": "private", "name": "Private lesson", "duration_minutes": 60, "staff": [ana]},
    )
    return api, {"ana": ana, "ben": ben}, room["id"]


def _seat(api: AvailabilityApi, key: str, day: str, at: str, staff: int | None = None, places: int = 1):
    body = {
        "hold_key": key,
        "venue": VENUE,
        "service": "yoga",
        "date": day,
        "time": at,
        "staff": staff,
        "places": places,
    }
    return api.session.post(api.base_url + "/internal/holds/appointments", json=body, headers=HEADERS, timeout=60)


def _places(api: AvailabilityApi, day: str, staff: int | None = None) -> dict[str, tuple[int, list[int]]]:
    params = {"service": "yoga", "date": day, **({"staff": staff} if staff else {})}
    found = api.ok("GET", f"/v1/venues/{VENUE}/appointments/availability", params=params, staff=False)
    assert found["capacity"] == 5
    return {slot["time"]: (slot["places_left"], slot["staff"]) for slot in found["slots"]}


def _sessions(system, day: str, at: str) -> list[tuple[int, int, int]]:
    """(staff, capacity, taken) of the live sessions starting then."""
    engine = system.backend.engine("availability")
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT staff_id, capacity, taken, local_start FROM class_sessions WHERE taken > 0 "
                    "AND venue_id = (SELECT id FROM venues WHERE slug = :venue) ORDER BY id"
                ),
                {"venue": VENUE},
            ).all()
    finally:
        engine.dispose()
    start = datetime.fromisoformat(f"{day}T{at}")
    return [(staff, capacity, taken) for staff, capacity, taken, local_start in rows if _instant(local_start) == start]


def _held(system, resource: int, day: str) -> int:
    """The resource's active holds starting that day."""
    engine = system.backend.engine("availability")
    try:
        with engine.connect() as conn:
            starts = conn.execute(
                text("SELECT local_start FROM holds WHERE resource_id = :id AND status IN ('held', 'confirmed')"),
                {"id": resource},
            ).scalars()
            return sum(1 for start in starts if _instant(start).date().isoformat() == day)
    finally:
        engine.dispose()


def _instant(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _ledger(api: AvailabilityApi) -> dict:
    return api.run_job("check-ledger")


SOUND = {"slots": [], "resources": [], "class_sessions": []}


def test_places_fill_one_session_then_the_time_is_full_and_a_1_to_1_is_refused(system, studio):
    api, staff, room = studio
    day = _day(3)
    first = _seat(api, "class-yoga-1", day, "10:00", staff=staff["ana"], places=2)
    assert first.status_code == 201, first.text
    hold = first.json()
    assert (hold["kind"], hold["units"], hold["staff"]["id"], [r["id"] for r in hold["resources"]]) == (
        "appointment",
        2,
        staff["ana"],
        [room],
    )
    assert hold["class_session"] == {"id": hold["class_session"]["id"], "capacity": 5, "taken": 2, "places_left": 3}
    assert hold["price"] == {"amount": "15.00", "currency": "EUR"}  # a place's
    # Ana's session has 3 places left; the studio is taken, so Ben cannot start one then.
    assert _places(api, day)["10:00"] == (3, [staff["ana"]])
    # "Any staff" joins Ana's session rather than starting Ben's.
    joined = _seat(api, "class-yoga-2", day, "10:00", places=3).json()
    assert joined["class_session"]["id"] == hold["class_session"]["id"] and joined["staff"]["id"] == staff["ana"]
    assert _places(api, day)["10:00"] == (0, [])  # shown as full, not offered
    full = _seat(api, "class-yoga-3", day, "10:00")
    assert (full.status_code, full.json()["error"]["code"]) == (409, "class_full")
    private = api.hold_appointment("class-private-clash", VENUE, "private", day, "10:00", staff=staff["ana"])
    assert (private.status_code, private.json()["error"]["code"]) == (409, "staff_unavailable")
    assert _ledger(api) == SOUND


def test_more_places_than_the_class_has_or_a_party_for_a_1_to_1_is_refused_and_holds_nothing(studio):
    api, staff, _ = studio
    day = _day(4)
    too_many = _seat(api, "class-yoga-too-many", day, "10:00", places=6)
    assert (too_many.status_code, too_many.json()["error"]["code"]) == (422, "party_too_large")
    body = {
        "hold_key": "class-private-two",
        "venue": VENUE,
        "service": "private",
        "date": day,
        "time": "10:00",
        "places": 2,
    }
    two = api.session.post(api.base_url + "/internal/holds/appointments", json=body, headers=HEADERS, timeout=30)
    assert (two.status_code, two.json()["error"]["code"]) == (422, "appointment_not_bookable")
    assert _places(api, day)["10:00"] == (5, sorted(staff.values()))


@pytest.mark.parametrize(
    "capacity",
    [0, -1, 201, 10**6, "5", 2.5, None],
    ids=["zero", "negative", "above-200", "absurd", "text", "float", "null"],
)
def test_a_capacity_below_one_or_absurd_is_refused(studio, capacity):
    api, staff, _ = studio
    body = {"code": f"bad-{abs(hash(str(capacity)))}", "name": "Bad", "duration_minutes": 30, "staff": [staff["ana"]]}
    created = api.call("POST", f"/v1/venues/{VENUE}/services", json={**body, "capacity": capacity})
    assert (created.status_code, created.json()["error"]["code"]) == (422, "validation_failed"), created.text
    assert "capacity" in created.json()["error"]["details"]
    changed = api.call("PATCH", f"/v1/venues/{VENUE}/services/yoga", json={"capacity": capacity})
    assert (changed.status_code, changed.json()["error"]["code"]) == (422, "validation_failed")
    assert api.ok("GET", f"/v1/venues/{VENUE}/services/yoga", staff=False)["capacity"] == 5


def test_thirty_racing_for_five_places_get_five_in_one_session_and_giving_all_back_frees_the_instructor(system, studio):
    api, staff, room = studio
    day, at = _day(5), "11:00"
    barrier = threading.Barrier(RACERS)

    def book(n: int):
        barrier.wait()
        return _seat(api, f"class-race-{n}", day, at)  # any staff: one studio, so one session

    with ThreadPoolExecutor(max_workers=RACERS) as pool:
        answers = list(pool.map(book, range(RACERS)))
    won = [answer.json() for answer in answers if answer.status_code == 201]
    refused = [answer.json()["error"]["code"] for answer in answers if answer.status_code != 201]
    assert len(won) == 5 and refused == ["class_full"] * (RACERS - 5), [a.text for a in answers][:3]
    assert len({hold["class_session"]["id"] for hold in won}) == 1
    assert _sessions(system, day, at) == [(staff["ana"], 5, 5)]  # least booked that day, then the lowest id
    # One staff hold and one studio hold for the session, never one per place; Ana is not double-booked.
    assert _held(system, staff["ana"], day) == _held(system, room, day) == 1
    clash = api.hold_appointment("class-private-during", VENUE, "private", day, at, staff=staff["ana"])
    assert (clash.status_code, clash.json()["error"]["code"]) == (409, "staff_unavailable")
    assert _ledger(api) == SOUND

    for hold in won:
        assert api.hold_action(hold["id"], "release").json()["status"] == "released"
    assert _sessions(system, day, at) == []
    assert _held(system, staff["ana"], day) == _held(system, room, day) == 0
    assert _places(api, day)[at] == (5, sorted(staff.values()))
    ana_private = api.hold_appointment("class-private-after", VENUE, "private", day, at, staff=staff["ana"])
    assert ana_private.status_code == 201, ana_private.text
    assert _ledger(api) == SOUND


def test_an_unconfirmed_place_expiring_frees_it_and_the_last_one_frees_the_session(system, studio):
    api, staff, _ = studio
    day, at = _day(6), "09:00"
    kept = _seat(api, "class-expiry-kept", day, at, staff=staff["ana"]).json()
    api.hold_action(kept["id"], "confirm")
    lapsing = _seat(api, "class-expiry-lapsing", day, at, staff=staff["ana"], places=2).json()
    assert _places(api, day)[at][0] == 2
    _age(system, lapsing["id"])
    _expire(system)  # (or the worker's own run, every 15 s, got there first)
    assert count_rows(system, "availability", "holds", "id = :id AND status = 'expired'", id=lapsing["id"]) == 1
    assert _places(api, day)[at][0] == 4  # the lapsed places are free again, the cache dropped
    assert _sessions(system, day, at) == [(staff["ana"], 5, 1)]
    assert api.hold_action(kept["id"], "release").json()["status"] == "released"
    last = _seat(api, "class-expiry-last", day, at, staff=staff["ana"]).json()
    _age(system, last["id"])
    _expire(system)
    assert count_rows(system, "availability", "holds", "id = :id AND status = 'expired'", id=last["id"]) == 1
    assert _sessions(system, day, at) == []
    assert api.hold_appointment("class-private-freed", VENUE, "private", day, at, staff=staff["ana"]).status_code == 201
    assert _ledger(api) == SOUND


def test_a_seat_moves_to_another_session_and_the_old_one_ends_with_its_last_place(system, studio):
    api, staff, _ = studio
    day = _day(7)
    old = _seat(api, "class-move-old", day, "10:00", staff=staff["ben"]).json()
    api.hold_action(old["id"], "confirm")
    body = {
        "hold_key": "class-move-new",
        "venue": VENUE,
        "service": "yoga",
        "date": day,
        "time": "12:00",
        "staff": None,
    }
    moved = api.call("POST", "/internal/holds/appointments", json={**body, "replaces": old["id"]})
    assert moved.status_code == 201, moved.text
    assert moved.json()["time"] == "12:00" and moved.json()["class_session"]["id"] != old["class_session"]["id"]
    assert _ledger(api) == SOUND  # both places count until the move is decided
    api.hold_action(old["id"], "release")  # the move committed: the old place goes, and its session with it
    places = _places(api, day)
    assert places["10:00"] == (5, sorted(staff.values())) and places["12:00"][0] == 4
    assert _ledger(api) == SOUND


def _age(system, hold_id: str) -> None:
    engine = system.backend.engine("availability")
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE holds SET expires_at = '2000-01-01 00:00:00' WHERE id = :id"), {"id": hold_id})
    finally:
        engine.dispose()


def _expire(system) -> dict:
    response = requests.post(
        system.service_urls["availability"] + "/internal/jobs/expire-holds", headers=HEADERS, timeout=30
    )
    assert response.status_code == 200
    return response.json()["result"]


def test_the_ledger_check_names_a_session_whose_places_disagree_with_its_seats(system, studio):
    api, staff, _ = studio
    day, at = _day(8), "10:00"
    seat = _seat(api, "class-ledger-seat", day, at, staff=staff["ana"]).json()
    session_id = seat["class_session"]["id"]
    _sql(system, "UPDATE class_sessions SET taken = 3 WHERE id = :id", id=session_id)
    try:
        code, report = _manage_check_ledger(system)
        assert code == 1
        assert report["class_sessions"] == [
            {
                "class_session": session_id,
                "venue": VENUE,
                "start": f"{day}T{at}",
                "staff_id": staff["ana"],
                "capacity": 5,
                "taken": 3,
                "seats_held": 1,
                "own_holds": 2,
                "own_holds_active": 2,
            }
        ]
    finally:
        _sql(system, "UPDATE class_sessions SET taken = 1 WHERE id = :id", id=session_id)
    assert _manage_check_ledger(system) == (0, SOUND)
    # A session with places taken but its instructor's hold gone is named too.
    _sql(
        system,
        "UPDATE holds SET status = 'released' WHERE id = (SELECT hold_id FROM class_sessions WHERE id = :id)",
        id=session_id,
    )
    try:
        assert [row["own_holds_active"] for row in _manage_check_ledger(system)[1]["class_sessions"]] == [1]
    finally:
        _sql(
            system,
            "UPDATE holds SET status = 'confirmed' WHERE id = (SELECT hold_id FROM class_sessions WHERE id = :id)",
            id=session_id,
        )
    api.hold_action(seat["id"], "release")
    assert _manage_check_ledger(system) == (0, SOUND)


def _sql(system, statement: str, **params) -> None:
    engine = system.backend.engine("availability")
    try:
        with engine.begin() as conn:
            conn.execute(text(statement), params)
    finally:
        engine.dispose()


def _manage_check_ledger(system) -> tuple[int, dict]:
    result = subprocess.run(
        [sys.executable, "-m", "availability_service.manage", "check-ledger"],
        env=system.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.returncode, json.loads(result.stdout)
