"""Opening rules, closures and staff changes: slots follow the rules, booked capacity never moves."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import LEDGER_MISMATCH, count_rows
from tests.support.availability import days_ahead

VENUE = "rules-venue"
DAY = 6  # days ahead: the test day for the weekly rule


@pytest.fixture(scope="module")
def api(system):
    from tests.support.availability import AvailabilityApi

    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(VENUE, horizon_days=14, default_slot_capacity=12, default_slot_minutes=60)
    return api


def _times(api, day: str) -> dict[str, dict]:
    return {slot["time"]: slot for slot in api.slots(VENUE, day)}


def test_a_weekly_rule_generates_its_slots_and_resyncing_changes_nothing(api):
    rule = api.add_rule(VENUE, weekday="monday", first_start="18:00", last_start="19:30", interval_minutes=30)
    assert rule["capacity"] == 12 and rule["duration_minutes"] == 60
    created = api.slots(VENUE, days_ahead(0), days_ahead(14))
    assert {date.fromisoformat(slot["date"]).weekday() for slot in created} == {0}
    assert {slot["time"] for slot in created} == {"18:00", "18:30", "19:00", "19:30"}
    assert rule["slot_changes"]["created"] == len(created) >= 4
    before = api.slots(VENUE, days_ahead(0), days_ahead(14))
    assert api.run_job("fill-slot-horizon")[VENUE] == {"created": 0, "updated": 0, "withdrawn": 0}
    assert api.slots(VENUE, days_ahead(0), days_ahead(14)) == before


def test_changing_a_rule_resizes_future_slots_but_never_below_what_is_booked(api):
    day = days_ahead(DAY)
    rule = api.add_rule(VENUE, date=day, first_start="12:00", last_start="13:00", interval_minutes=30, capacity=10)
    assert set(_times(api, day)) == {"12:00", "12:30", "13:00"}
    assert api.hold_slot("rules-booked", VENUE, day, "12:00", 7).status_code == 201
    changed = api.ok("PATCH", f"/v1/venues/{VENUE}/opening-rules/{rule['id']}", json={"capacity": 4})
    assert changed["slot_changes"]["updated"] == 3
    slots = _times(api, day)
    assert (slots["12:00"]["capacity"], slots["12:00"]["booked"]) == (7, 7)  # full, booking intact
    assert slots["12:30"]["capacity"] == 4


def test_narrowing_a_rule_removes_unbooked_slots_and_closes_booked_ones(api):
    day = days_ahead(DAY + 1)
    rule = api.add_rule(VENUE, date=day, first_start="09:00", last_start="11:00", interval_minutes=60, capacity=5)
    assert api.hold_slot("narrow-booked", VENUE, day, "11:00", 2).status_code == 201
    api.ok("PATCH", f"/v1/venues/{VENUE}/opening-rules/{rule['id']}", json={"last_start": "09:00"})
    slots = _times(api, day)
    assert set(slots) == {"09:00", "11:00"}  # 10:00 never held: gone
    assert (slots["11:00"]["is_open"], slots["11:00"]["booked"]) == (False, 2)
    assert api.hold_slot("narrow-late", VENUE, day, "11:00", 1).status_code == 422


def test_an_exceptional_opening_replaces_the_weekday_and_a_closure_beats_both(api):
    day = days_ahead(DAY + 2)
    api.add_rule(VENUE, date=day, first_start="10:00", last_start="10:00", interval_minutes=60, capacity=3)
    assert api.hold_slot("closure-booked", VENUE, day, "10:00", 1).status_code == 201
    closure = api.ok("POST", f"/v1/venues/{VENUE}/closures", json={"date": day, "note": "Staff party"})
    assert closure["slot_changes"]["withdrawn"] == 1
    slot = _times(api, day)["10:00"]
    assert (slot["is_open"], slot["booked"], slot["remaining"]) == (False, 1, 0)
    again = api.call("POST", f"/v1/venues/{VENUE}/closures", json={"date": day})
    assert again.status_code == 409 and again.json()["error"]["code"] == "closure_exists"
    api.ok("DELETE", f"/v1/venues/{VENUE}/closures/{day}")
    assert _times(api, day)["10:00"]["is_open"] is True


def test_staff_close_and_resize_a_slot_and_rule_changes_leave_it_be(system, api):
    day = days_ahead(DAY + 3)
    rule = api.add_rule(VENUE, date=day, first_start="20:00", last_start="20:30", interval_minutes=30, capacity=6)
    assert api.hold_slot("staff-booked", VENUE, day, "20:00", 4).status_code == 201
    below = api.call("PATCH", f"/v1/venues/{VENUE}/slots/{day}/20:00", json={"capacity": 3})
    assert below.status_code == 409 and below.json()["error"]["code"] == "capacity_below_held"
    resized = api.ok("PATCH", f"/v1/venues/{VENUE}/slots/{day}/20:00", json={"capacity": 4})
    assert (resized["capacity"], resized["remaining"], resized["staff_override"]) == (4, 0, True)
    api.ok("PATCH", f"/v1/venues/{VENUE}/slots/{day}/20:30", json={"is_open": False})
    api.ok("PATCH", f"/v1/venues/{VENUE}/opening-rules/{rule['id']}", json={"capacity": 9})
    slots = _times(api, day)
    assert (slots["20:00"]["capacity"], slots["20:30"]["is_open"]) == (4, False)
    assert count_rows(system, "availability", "slots", LEDGER_MISMATCH) == 0


def test_a_deleted_rule_takes_its_unbooked_slots_with_it(api):
    day = days_ahead(DAY + 4)
    rule = api.add_rule(VENUE, date=day, first_start="07:00", last_start="07:30", interval_minutes=30, capacity=2)
    removed = api.ok("DELETE", f"/v1/venues/{VENUE}/opening-rules/{rule['id']}")
    assert removed["slot_changes"]["withdrawn"] == 2
    assert not any(slot["time"].startswith("07:") for slot in api.slots(VENUE, day))


def test_a_longer_horizon_fills_new_days_at_once(api):
    api.add_rule(VENUE, weekday="tuesday", first_start="08:00", last_start="08:00", interval_minutes=60)
    far = api.slots(VENUE, days_ahead(15), days_ahead(30))
    api.ok("PATCH", f"/v1/venues/{VENUE}", json={"horizon_days": 30})
    assert len(api.slots(VENUE, days_ahead(15), days_ahead(30))) > len(far)
