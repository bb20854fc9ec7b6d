"""Guarantee 5 on the availability service: each bad request gets a clear 4xx envelope and
changes nothing in its database."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.support.availability import days_ahead

VENUE = "bad-input-venue"
DAY = days_ahead(5)
FAR = days_ahead(400)
HUGE = 99999999999999999999


@pytest.fixture(scope="module")
def api(system):
    from tests.support.availability import AvailabilityApi

    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(VENUE, horizon_days=30, max_party_size=6)
    api.add_rule(VENUE, date=DAY, first_start="12:00", last_start="12:00", interval_minutes=60, capacity=4)
    room = api.add_resource(VENUE, "Room 1")
    assert api.hold_slot("bad-input-held", VENUE, DAY, "12:00", 3).status_code == 201
    api.room_id = room["id"]
    return api


def _slot_hold(**changes):
    return {"hold_key": "bad-hold", "venue": VENUE, "date": DAY, "time": "12:00", "units": 1, **changes}


def _range_hold(**changes):
    return {
        "hold_key": "bad-range",
        "venue": VENUE,
        "resource": "ROOM",
        "start": f"{DAY}T15:00",
        "end": f"{days_ahead(6)}T11:00",
        "units": 1,
        **changes,
    }


SEARCH = f"/v1/venues/{VENUE}/availability"
CASES = {
    # search
    "search unknown venue": (
        "GET",
        "/v1/venues/NoSuchVenue/availability",
        {"params": {"date": DAY, "party_size": 2}},
        404,
        "venue_not_found",
    ),
    "search malformed date": (
        "GET",
        SEARCH,
        {"params": {"date": "05/12/2026", "party_size": 2}},
        422,
        "validation_failed",
    ),
    "search impossible date": (
        "GET",
        SEARCH,
        {"params": {"date": "2027-02-30", "party_size": 2}},
        422,
        "validation_failed",
    ),
    "search date in the past": (
        "GET",
        SEARCH,
        {"params": {"date": "2020-01-01", "party_size": 2}},
        422,
        "date_in_past",
    ),
    "search beyond horizon": ("GET", SEARCH, {"params": {"date": FAR, "party_size": 2}}, 422, "date_beyond_horizon"),
    "search from after to": (
        "GET",
        SEARCH,
        {"params": {"from": days_ahead(6), "to": days_ahead(5), "party_size": 2}},
        422,
        "validation_failed",
    ),
    "search span over 92 days": (
        "GET",
        SEARCH,
        {"params": {"from": days_ahead(1), "to": days_ahead(93), "party_size": 2}},
        422,
        "validation_failed",
    ),
    "search date and span": (
        "GET",
        SEARCH,
        {"params": {"date": DAY, "from": DAY, "to": DAY, "party_size": 2}},
        422,
        "validation_failed",
    ),
    "search party zero": ("GET", SEARCH, {"params": {"date": DAY, "party_size": 0}}, 422, "validation_failed"),
    "search party negative": ("GET", SEARCH, {"params": {"date": DAY, "party_size": -2}}, 422, "validation_failed"),
    "search party huge": ("GET", SEARCH, {"params": {"date": DAY, "party_size": HUGE}}, 422, "validation_failed"),
    "search party not integer": (
        "GET",
        SEARCH,
        {"params": {"date": DAY, "party_size": "2.5"}},
        422,
        "validation_failed",
    ),
    # holds
    "hold unknown venue": (
        "POST",
        "/internal/holds",
        {"json": _slot_hold(venue="NoSuchVenue")},
        404,
        "venue_not_found",
    ),
    "hold unknown slot": ("POST", "/internal/holds", {"json": _slot_hold(time="12:15")}, 404, "slot_not_found"),
    "hold impossible date": (
        "POST",
        "/internal/holds",
        {"json": _slot_hold(date="2027-13-01")},
        422,
        "validation_failed",
    ),
    "hold units zero": ("POST", "/internal/holds", {"json": _slot_hold(units=0)}, 422, "validation_failed"),
    "hold units negative": ("POST", "/internal/holds", {"json": _slot_hold(units=-1)}, 422, "validation_failed"),
    "hold units huge": ("POST", "/internal/holds", {"json": _slot_hold(units=HUGE)}, 422, "validation_failed"),
    "hold units as text": ("POST", "/internal/holds", {"json": _slot_hold(units="1")}, 422, "validation_failed"),
    "hold units as float": ("POST", "/internal/holds", {"json": _slot_hold(units=1.5)}, 422, "validation_failed"),
    "hold party above venue max": ("POST", "/internal/holds", {"json": _slot_hold(units=7)}, 422, "party_too_large"),
    "hold past date": ("POST", "/internal/holds", {"json": _slot_hold(date="2020-01-01")}, 404, "slot_not_found"),
    "hold slot and range at once": (
        "POST",
        "/internal/holds",
        {"json": {**_slot_hold(), "resource": 1}},
        422,
        "validation_failed",
    ),
    "hold without key": (
        "POST",
        "/internal/holds",
        {"json": {k: v for k, v in _slot_hold().items() if k != "hold_key"}},
        422,
        "validation_failed",
    ),
    "range end before start": (
        "POST",
        "/internal/holds",
        {"json": _range_hold(end=f"{DAY}T09:00")},
        422,
        "validation_failed",
    ),
    "range unknown resource": (
        "POST",
        "/internal/holds",
        {"json": _range_hold(resource=987654)},
        404,
        "resource_not_found",
    ),
    "range in the past": (
        "POST",
        "/internal/holds",
        {"json": _range_hold(start="2020-01-01T15:00", end="2020-01-02T11:00")},
        422,
        "range_not_bookable",
    ),
    "range beyond horizon": (
        "POST",
        "/internal/holds",
        {"json": _range_hold(start=f"{FAR}T15:00", end=f"{FAR}T18:00")},
        422,
        "range_not_bookable",
    ),
    "range with odd unicode": (
        "POST",
        "/internal/holds",
        {"json": _range_hold(start="２０２７-01-01T10:00")},
        422,
        "validation_failed",
    ),
    "hold without credential": (
        "POST",
        "/internal/holds",
        {"json": _slot_hold(), "staff": False},
        401,
        "service_credential_required",
    ),
    "hold with wrong credential": (
        "POST",
        "/internal/holds",
        {"json": _slot_hold(), "staff": False, "headers": {"X-Service-Token": "guess"}},
        401,
        "service_credential_required",
    ),
    # admin
    "venue with unknown zone": (
        "POST",
        "/v1/venues",
        {"json": {"slug": "zone-less", "name": "Z", "timezone": "Mars/Olympus"}},
        422,
        "validation_failed",
    ),
    "venue slug with slash": (
        "POST",
        "/v1/venues",
        {"json": {"slug": "a/b", "name": "Z", "timezone": "UTC"}},
        422,
        "validation_failed",
    ),
    "venue exists": (
        "POST",
        "/v1/venues",
        {"json": {"slug": VENUE, "name": "Again", "timezone": "UTC"}},
        409,
        "venue_exists",
    ),
    "venue horizon negative": (
        "PATCH",
        f"/v1/venues/{VENUE}",
        {"json": {"horizon_days": -1}},
        422,
        "validation_failed",
    ),
    "venue timezone change": ("PATCH", f"/v1/venues/{VENUE}", {"json": {"timezone": "UTC"}}, 422, "validation_failed"),
    "venue empty change": ("PATCH", f"/v1/venues/{VENUE}", {"json": {}}, 422, "validation_failed"),
    "venue change without credential": (
        "PATCH",
        f"/v1/venues/{VENUE}",
        {"json": {"name": "X"}, "staff": False},
        401,
        "authentication_required",
    ),
    "rule last before first": (
        "POST",
        f"/v1/venues/{VENUE}/opening-rules",
        {"json": {"weekday": "monday", "first_start": "20:00", "last_start": "18:00", "interval_minutes": 30}},
        422,
        "validation_failed",
    ),
    "rule weekday unknown": (
        "POST",
        f"/v1/venues/{VENUE}/opening-rules",
        {"json": {"weekday": "funday", "first_start": "18:00", "last_start": "20:00", "interval_minutes": 30}},
        422,
        "validation_failed",
    ),
    "rule date in the past": (
        "POST",
        f"/v1/venues/{VENUE}/opening-rules",
        {"json": {"date": "2020-01-01", "first_start": "18:00", "last_start": "20:00", "interval_minutes": 30}},
        422,
        "date_in_past",
    ),
    "rule interval zero": (
        "POST",
        f"/v1/venues/{VENUE}/opening-rules",
        {"json": {"weekday": "monday", "first_start": "18:00", "last_start": "20:00", "interval_minutes": 0}},
        422,
        "validation_failed",
    ),
    "rule unknown id": (
        "PATCH",
        f"/v1/venues/{VENUE}/opening-rules/999999",
        {"json": {"capacity": 3}},
        404,
        "opening_rule_not_found",
    ),
    "closure in the past": (
        "POST",
        f"/v1/venues/{VENUE}/closures",
        {"json": {"date": "2020-01-01"}},
        422,
        "date_in_past",
    ),
    "closure malformed date": ("DELETE", f"/v1/venues/{VENUE}/closures/tomorrow", {}, 422, "validation_failed"),
    "reopen a date never closed": ("DELETE", f"/v1/venues/{VENUE}/closures/{DAY}", {}, 404, "closure_not_found"),
    "slot capacity below held": (
        "PATCH",
        f"/v1/venues/{VENUE}/slots/{DAY}/12:00",
        {"json": {"capacity": 2}},
        409,
        "capacity_below_held",
    ),
    "slot capacity negative": (
        "PATCH",
        f"/v1/venues/{VENUE}/slots/{DAY}/12:00",
        {"json": {"capacity": -1}},
        422,
        "validation_failed",
    ),
    "slot malformed time": (
        "PATCH",
        f"/v1/venues/{VENUE}/slots/{DAY}/noon",
        {"json": {"is_open": False}},
        422,
        "validation_failed",
    ),
    "slot unknown": (
        "PATCH",
        f"/v1/venues/{VENUE}/slots/{DAY}/12:30",
        {"json": {"is_open": False}},
        404,
        "slot_not_found",
    ),
    "slot list span over 92 days": (
        "GET",
        f"/v1/venues/{VENUE}/slots",
        {"params": {"from": DAY, "to": FAR}},
        422,
        "validation_failed",
    ),
    "slot list forged cursor": (
        "GET",
        f"/v1/venues/{VENUE}/slots",
        {"params": {"from": DAY, "to": DAY, "cursor": "2026-99-99T99:99"}},
        422,
        "validation_failed",
    ),
    "resource capacity zero": (
        "POST",
        f"/v1/venues/{VENUE}/resources",
        {"json": {"name": "Nothing", "kind": "room", "capacity": 0}},
        422,
        "validation_failed",
    ),
    "resource kind unknown": (
        "POST",
        f"/v1/venues/{VENUE}/resources",
        {"json": {"name": "Boat", "kind": "boat"}},
        422,
        "validation_failed",
    ),
    "resource name taken": (
        "POST",
        f"/v1/venues/{VENUE}/resources",
        {"json": {"name": "Room 1", "kind": "room"}},
        409,
        "resource_exists",
    ),
    "resource of unknown id": ("GET", f"/v1/venues/{VENUE}/resources/{HUGE}", {}, 404, "not_found"),
    "resource calendar to before from": (
        "GET",
        f"/v1/venues/{VENUE}/resources/1/availability",
        {"params": {"from": f"{DAY}T12:00", "to": f"{DAY}T10:00"}},
        422,
        "validation_failed",
    ),
    "list with negative limit": ("GET", "/v1/venues", {"params": {"limit": -5}}, 422, "validation_failed"),
}


def _ledger(system) -> tuple:
    engine = system.backend.engine("availability")
    try:
        with engine.connect() as conn:
            return tuple(
                conn.execute(text(query)).one()
                for query in (
                    "SELECT COUNT(*), COALESCE(SUM(booked), 0), COALESCE(SUM(capacity), 0), "
                    "SUM(CASE WHEN is_open THEN 1 ELSE 0 END) FROM slots",
                    "SELECT COUNT(*), SUM(CASE WHEN status = 'held' THEN 1 ELSE 0 END) FROM holds",
                    "SELECT COUNT(*), COALESCE(SUM(capacity), 0) FROM resources",
                    "SELECT COUNT(*) FROM venues",
                    "SELECT COUNT(*) FROM opening_rules",
                    "SELECT COUNT(*) FROM closures",
                    "SELECT MAX(horizon_days), MIN(horizon_days) FROM venues",
                )
            )
    finally:
        engine.dispose()


@pytest.mark.parametrize("case", list(CASES))
def test_bad_request_is_refused_with_an_envelope_and_changes_nothing(system, api, case):
    method, path, kwargs, status, code = CASES[case]
    kwargs = {**kwargs}
    if kwargs.get("json", {}).get("resource") == "ROOM":
        kwargs["json"] = {**kwargs["json"], "resource": api.room_id}
    before = _ledger(system)
    response = api.call(method, path, **kwargs)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code and body["error"]["message"]
    assert body["request_id"] == response.headers["X-Request-ID"]
    assert _ledger(system) == before
