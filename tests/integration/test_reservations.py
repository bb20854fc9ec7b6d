"""Reservations in the availability service (docs/appointments.md, "Reservations"): a resource for a
time range within its business hours and length limits, with its buffer after; a weekly series of
26 where every occurrence is checked, refused whole or held in part; series racing for the same
times never overlap; the free and busy calendar, cached and invalidated; bad requests hold nothing."""

from __future__ import annotations

import os
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from sqlalchemy import text

from shared.clock import utcnow
from tests.conftest import count_rows
from tests.support.availability import HEADERS, AvailabilityApi

VENUE = "lab-test"
ZONE = "America/New_York"
WEEKDAYS = [{"weekday": day, "starts": "09:00", "ends": "21:00"} for day in range(5)]
RACE_ROUNDS = int(os.environ.get("TESSERA_RACE_ROUNDS", "20"))  # make race: 200


def monday(weeks_ahead: int = 1) -> date:
    today = date.today()
    return today + timedelta(days=(7 - today.weekday()) % 7 + 7 * weeks_ahead)


def at(day: date, hhmm: str) -> str:
    return f"{day.isoformat()}T{hhmm}"


class Lab:
    def __init__(self, api: AvailabilityApi, system) -> None:
        self.api, self.system = api, system

    def resource(self, name: str, *, hours: bool = True, **fields) -> int:
        body = {"name": name, "kind": "equipment", "tags": ["laser"], **fields}
        resource = self.api.ok("POST", f"/v1/venues/{VENUE}/resources", json=body)
        if hours:
            self.api.ok("PUT", f"/v1/venues/{VENUE}/resources/{resource['id']}/hours", json={"periods": WEEKDAYS})
        return resource["id"]

    def hold(self, key: str, resource: int, start: str, end: str, **extra):
        body = {"hold_key": key, "venue": VENUE, "resource": resource, "start": start, "end": end, **extra}
        return self.api.session.post(
            self.api.base_url + "/internal/holds/reservations", json=body, headers=HEADERS, timeout=60
        )

    def calendar(self, resource: int, first: str, last: str) -> dict:
        params = {"from": first, "to": last}
        return self.api.ok("GET", f"/v1/venues/{VENUE}/resources/{resource}/availability", params=params, staff=False)

    def holds_written(self) -> int:
        where = "venue_id = (SELECT id FROM venues WHERE slug = :venue)"
        return count_rows(self.system, "availability", "holds", where, venue=VENUE)


@pytest.fixture(scope="module")
def lab(system):
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(VENUE, kind="lab", timezone=ZONE, horizon_days=400, min_notice_minutes=0, hold_ttl_seconds=600)
    return Lab(api, system)


def test_a_resource_keeps_its_description_limits_and_buffer(lab):
    body = {"description": "80 W CO2 laser", "min_minutes": 30, "max_minutes": 240, "buffer_minutes": 15}
    rid = lab.resource("Laser cutter A", **body)
    got = lab.api.ok("GET", f"/v1/venues/{VENUE}/resources/{rid}")
    assert {name: got[name] for name in body} == body
    changed = lab.api.ok("PATCH", f"/v1/venues/{VENUE}/resources/{rid}", json={"max_minutes": None})
    assert changed["max_minutes"] is None
    below = lab.api.call("PATCH", f"/v1/venues/{VENUE}/resources/{rid}", json={"max_minutes": 10})
    assert (below.status_code, below.json()["error"]["code"]) == (422, "validation_failed")
    inverted = lab.api.call(
        "POST",
        f"/v1/venues/{VENUE}/resources",
        json={"name": "x", "kind": "equipment", "min_minutes": 9, "max_minutes": 8},
    )
    assert inverted.status_code == 422


def test_a_reservation_holds_its_range_and_buffer_and_the_calendar_shows_it(lab):
    rid = lab.resource("Laser cutter B", min_minutes=30, max_minutes=240, buffer_minutes=30)
    day = monday(1)
    before = lab.calendar(rid, day.isoformat(), day.isoformat())
    assert [(f["start"], f["end"]) for f in before["free"]] == [(at(day, "09:00"), at(day, "21:00"))]
    assert before["timezone"] == ZONE and before["resource"]["buffer_minutes"] == 30
    held = lab.hold("res-one", rid, at(day, "10:00"), at(day, "12:00"))
    assert held.status_code == 201, held.text
    hold = held.json()
    assert (hold["kind"], hold["start"], hold["end"], hold["buffer_minutes"]) == (
        "reservation",
        at(day, "10:00"),
        at(day, "12:00"),
        30,
    )
    assert [(o["start"], o["end"]) for o in hold["occurrences"]] == [(at(day, "10:00"), at(day, "12:00"))]
    assert hold["conflicts"] == [] and hold["recurrence"] is None
    after = lab.calendar(rid, day.isoformat(), day.isoformat())
    assert [(b["start"], b["end"]) for b in after["busy"]] == [(at(day, "10:00"), at(day, "12:30"))]
    assert [(f["start"], f["end"]) for f in after["free"]] == [
        (at(day, "09:00"), at(day, "10:00")),
        (at(day, "12:30"), at(day, "21:00")),
    ]
    # The buffer is held: 12:15 is taken, 12:30 is free.
    assert lab.hold("res-buffer", rid, at(day, "12:15"), at(day, "13:00")).status_code == 409
    assert lab.hold("res-after", rid, at(day, "12:30"), at(day, "13:00")).status_code == 201
    again = lab.hold("res-one", rid, at(day, "10:00"), at(day, "12:00"))
    assert (again.status_code, again.json()["id"]) == (200, hold["id"])
    assert lab.api.hold_action(hold["id"], "release").json()["status"] == "released"
    freed = lab.calendar(rid, f"{at(day, '09:00')}", f"{at(day, '12:00')}")
    assert [(f["start"], f["end"]) for f in freed["free"]] == [(at(day, "09:00"), at(day, "12:00"))]


def test_a_weekly_series_of_26_is_refused_whole_naming_both_taken_dates_or_held_in_part(lab):
    rid = lab.resource("Laser cutter C")
    first = monday(1)
    fifth, nineteenth = first + timedelta(weeks=4), first + timedelta(weeks=18)
    for key, day in (("taken-5", fifth), ("taken-19", nineteenth)):
        assert lab.hold(key, rid, at(day, "11:00"), at(day, "12:00")).status_code == 201
    written = lab.holds_written()
    series = {"recurrence": "FREQ=WEEKLY;COUNT=26"}
    refused = lab.hold("series-all", rid, at(first, "10:00"), at(first, "12:00"), **series)
    assert refused.status_code == 409, refused.text
    error = refused.json()["error"]
    assert error["code"] == "resource_unavailable"
    assert [c["start"] for c in error["details"]["conflicts"]] == [at(fifth, "10:00"), at(nineteenth, "10:00")]
    assert {c["reason"] for c in error["details"]["conflicts"]} == {"taken"}
    assert f"{fifth:%d %b %Y}" in error["message"] and f"{nineteenth:%d %b %Y}" in error["message"]
    assert lab.holds_written() == written  # nothing held, not even the free 24
    partial = lab.hold("series-part", rid, at(first, "10:00"), at(first, "12:00"), mode="partial", **series)
    assert partial.status_code == 201, partial.text
    hold = partial.json()
    assert len(hold["occurrences"]) == 24 and hold["mode"] == "partial"
    assert [(c["start"], c["reason"]) for c in hold["conflicts"]] == [
        (at(fifth, "10:00"), "taken"),
        (at(nineteenth, "10:00"), "taken"),
    ]
    assert lab.holds_written() == written + 24
    # Every occurrence keeps 10:00 New York time, across the DST changes in the half year.
    assert {o["start"][11:] for o in hold["occurrences"]} == {"10:00"}
    offsets = {datetime.fromisoformat(o["starts_at"][:-1]).hour for o in hold["occurrences"]}
    assert offsets <= {14, 15} and (first.month in (4, 5, 6, 7, 8, 9) or len(offsets) == 2)
    # The group moves as one: confirm, then release gives all 24 back.
    assert lab.api.hold_action(hold["id"], "confirm").json()["status"] == "confirmed"
    lab.api.hold_action(hold["id"], "release")
    assert (
        lab.hold("series-again", rid, at(first, "10:00"), at(first, "12:00"), mode="partial", **series)
        .json()["occurrences"]
        .__len__()
        == 24
    )
    assert lab.api.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}


def test_series_racing_for_the_same_times_never_overlap(lab, system):
    racers = 20
    held_in_part = 0
    for round_no in range(RACE_ROUNDS):
        rid = lab.resource(f"Race printer {round_no}", hours=False)
        first = monday(2 + round_no % 20)
        barrier = threading.Barrier(racers)
        client = AvailabilityApi(lab.api.base_url)  # fresh connections: see test_slot_race.py
        racing = Lab(client, system)

        def attempt(i: int, first=first, rid=rid, barrier=barrier, racing=racing, round_no=round_no):
            # Weekly from one of four Mondays, 10-12, 11-13 or 12-14: they overlap in most weeks
            # and most hours, so a partial series gets the weeks before or after its rivals'.
            day = first + timedelta(weeks=i % 4)
            start, end = f"{10 + i % 3:02d}:00", f"{12 + i % 3:02d}:00"
            extra = {"recurrence": "FREQ=WEEKLY;COUNT=26", "mode": "partial" if i % 2 else "all_or_nothing"}
            barrier.wait()
            return racing.hold(f"series-race-{round_no}-{i}", rid, at(day, start), at(day, end), **extra)

        with ThreadPoolExecutor(max_workers=racers) as pool:
            answers = list(pool.map(attempt, range(racers)))
        assert {a.status_code for a in answers} <= {201, 409}, Counter(a.status_code for a in answers)
        won = [a.json() for a in answers if a.status_code == 201]
        assert won, f"round {round_no}: nobody won"
        held = sorted(
            (datetime.fromisoformat(o["starts_at"][:-1]), datetime.fromisoformat(o["ends_at"][:-1]))
            for hold in won
            for o in hold["occurrences"]
        )
        assert all(earlier[1] <= later[0] for earlier, later in pairwise(held)), f"round {round_no}"
        for hold in won:
            assert len(hold["occurrences"]) + len(hold["conflicts"]) == 26
            assert {c["reason"] for c in hold["conflicts"]} <= {"taken"}
            held_in_part += bool(hold["conflicts"])
        engine = system.backend.engine("availability")
        try:
            with engine.connect() as conn:
                rows = conn.execute(
                    text(
                        "SELECT COUNT(*) FROM holds a JOIN holds b ON a.resource_id = b.resource_id AND a.id < b.id "
                        "AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at "
                        "WHERE a.resource_id = :rid AND a.status IN ('held', 'confirmed') "
                        "AND b.status IN ('held', 'confirmed')"
                    ),
                    {"rid": rid},
                ).scalar_one()
        finally:
            engine.dispose()
        assert rows == 0
    assert held_in_part, "no partial series held only some of its weeks: the race did not test that"
    assert lab.api.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}


BAD = {
    "end before start": ({"end": "T09:00"}, 422, "validation_failed"),
    "end at start": ({"end": "T10:00"}, 422, "validation_failed"),
    "shorter than the minimum": ({"end": "T10:15"}, 422, "reservation_not_bookable"),
    "longer than the maximum": ({"end": "T15:00"}, 422, "reservation_not_bookable"),
    "outside business hours": ({"start": "T20:00", "end": "T22:00"}, 422, "reservation_not_bookable"),
    "unknown resource": ({"resource": 2**31 - 1}, 404, "resource_not_found"),
    "over 366 occurrences": ({"recurrence": "FREQ=DAILY;COUNT=367"}, 422, "series_too_long"),
    "over 366 by UNTIL": ({"recurrence": "FREQ=DAILY;UNTIL=20990101"}, 422, "series_too_long"),
    "no end to the series": ({"recurrence": "FREQ=WEEKLY"}, 422, "reservation_not_bookable"),
    "a rule it can't read": ({"recurrence": "FREQ=WEEKLY;COUNT=x"}, 422, "reservation_not_bookable"),
    "a series with a day off": ({"recurrence": "FREQ=DAILY;COUNT=7"}, 422, "reservation_not_bookable"),
    "in the past": ({"day": -14}, 422, "reservation_not_bookable"),
    "beyond the horizon": ({"day": 500}, 422, "reservation_not_bookable"),
    "a date that is no date": ({"start": "T25:00"}, 422, "validation_failed"),
    "both local and instants": ({"starts_at": "2027-01-01T10:00:00Z"}, 422, "validation_failed"),
    "an unknown mode": ({"mode": "some"}, 422, "validation_failed"),
}


@pytest.fixture(scope="module")
def limited(lab):
    return lab.resource("Limited laser", min_minutes=30, max_minutes=240)


@pytest.mark.parametrize("case", list(BAD))
def test_bad_reservations_get_an_envelope_and_hold_nothing(lab, limited, case):
    change, status, code = BAD[case]
    day = monday(1) + timedelta(days=change.get("day", 0)) if "day" in change else monday(1)
    body = {"start": at(day, "10:00"), "end": at(day, "12:00"), "resource": limited}
    for name in ("start", "end"):
        if name in change:
            body[name] = f"{day.isoformat()}{change[name]}"
    body |= {name: value for name, value in change.items() if name not in ("start", "end", "day")}
    written = lab.holds_written()
    answer = lab.hold(f"bad-{case}", body.pop("resource"), body.pop("start"), body.pop("end"), **body)
    assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), answer.text
    assert set(answer.json()) == {"error", "request_id"}
    assert lab.holds_written() == written


def test_a_dry_run_tells_without_holding_and_a_ttl_sets_the_hold_s_life(lab):
    rid = lab.resource("Soldering station")
    day = monday(3)
    written = lab.holds_written()
    told = lab.hold("dry", rid, at(day, "10:00"), at(day, "11:00"), dry_run=True)
    assert told.status_code == 200 and len(told.json()["occurrences"]) == 1
    assert lab.holds_written() == written
    held = lab.hold("ttl", rid, at(day, "10:00"), at(day, "11:00"), ttl_seconds=3600).json()
    lives = datetime.fromisoformat(held["expires_at"][:-1]) - utcnow()
    assert timedelta(minutes=58) < lives <= timedelta(minutes=60)
    taken = lab.hold("dry-taken", rid, at(day, "10:30"), at(day, "11:30"), dry_run=True)
    assert (taken.status_code, taken.json()["error"]["code"]) == (409, "resource_unavailable")


def test_a_move_may_reuse_the_time_it_replaces(lab):
    rid = lab.resource("CNC router")
    day = monday(4)
    old = lab.hold("cnc-old", rid, at(day, "10:00"), at(day, "12:00"), recurrence="FREQ=DAILY;COUNT=3").json()
    lab.api.hold_action(old["id"], "confirm")
    assert lab.hold("cnc-clash", rid, at(day, "11:00"), at(day, "13:00")).status_code == 409
    moved = lab.hold(
        "cnc-new", rid, at(day, "11:00"), at(day, "13:00"), recurrence="FREQ=DAILY;COUNT=3", replaces=old["id"]
    )
    assert moved.status_code == 201, moved.text
    assert lab.api.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}
    lab.api.hold_action(old["id"], "release")
    assert lab.hold("cnc-into-old", rid, at(day, "10:00"), at(day, "11:00")).status_code == 201


def test_the_calendar_reads_dates_local_times_and_instants_and_refuses_a_wrong_range(lab):
    rid = lab.resource("3D printer", hours=False)
    day = monday(5)
    whole = lab.calendar(rid, day.isoformat(), (day + timedelta(days=1)).isoformat())
    assert [(f["start"], f["end"]) for f in whole["free"]] == [(at(day, "00:00"), at(day + timedelta(days=2), "00:00"))]
    instant = lab.calendar(rid, f"{day.isoformat()}T15:00:00Z", f"{day.isoformat()}T16:00:00Z")
    assert [(f["start"], f["end"]) for f in instant["free"]] == [(at(day, "10:00"), at(day, "11:00"))]
    for params in (
        {"from": day.isoformat(), "to": (day - timedelta(days=1)).isoformat()},
        {"from": day.isoformat(), "to": (day + timedelta(days=100)).isoformat()},
        {"from": "tomorrow", "to": day.isoformat()},
    ):
        refused = lab.api.call("GET", f"/v1/venues/{VENUE}/resources/{rid}/availability", params=params, staff=False)
        assert (refused.status_code, refused.json()["error"]["code"]) == (422, "validation_failed")
    gone = lab.api.call(
        "GET",
        f"/v1/venues/{VENUE}/resources/{2**31 - 1}/availability",
        params={"from": day.isoformat(), "to": day.isoformat()},
        staff=False,
    )
    assert (gone.status_code, gone.json()["error"]["code"]) == (404, "resource_not_found")
