"""guarantee 5 of docs/architecture.md: bad input gets a clear 4xx in the envelope and writes nothing anywhere."""

from __future__ import annotations

import json

import pytest

from tests.conftest import VENUE, booking_body, count_rows, future_date
from tests.support.raw_http import raw_request

DAY = future_date(11)
VALID = booking_body(DAY, "19:30", 2, email="bad-input@example.com")


def _without(field):
    return {k: v for k, v in VALID.items() if k != field}


CASES = {
    "malformed json": (
        {"data": b'{"venue": "TheHungryUnicorn",', "headers": {"Content-Type": "application/json"}},
        400,
        "malformed_json",
    ),
    "missing customer": ({"json": _without("customer")}, 422, "validation_failed"),
    "missing date": ({"json": _without("date")}, 422, "validation_failed"),
    "unknown venue": ({"json": {**VALID, "venue": "NoSuchPlace"}}, 404, "venue_not_found"),
    "party size zero": ({"json": {**VALID, "party_size": 0}}, 422, "validation_failed"),
    "negative party": ({"json": {**VALID, "party_size": -3}}, 422, "validation_failed"),
    "huge party": ({"json": {**VALID, "party_size": 99999999999999999999}}, 422, "validation_failed"),
    "party as text": ({"json": {**VALID, "party_size": "two"}}, 422, "validation_failed"),
    "party above venue max": ({"json": {**VALID, "party_size": 9}}, 422, "party_too_large"),
    "date in the past": ({"json": {**VALID, "date": "2020-01-01"}}, 404, "slot_not_found"),
    "impossible date": ({"json": {**VALID, "date": "2026-02-30"}}, 422, "validation_failed"),
    "not a slot time": ({"json": {**VALID, "time": "12:15"}}, 404, "slot_not_found"),
    "bad e-mail": (
        {"json": {**VALID, "customer": {**VALID["customer"], "email": "not-an-email"}}},
        422,
        "validation_failed",
    ),
    "control characters": (
        {"json": {**VALID, "customer": {**VALID["customer"], "first_name": "Zo\u0000e"}}},
        422,
        "validation_failed",
    ),
    "unknown field": ({"json": {**VALID, "discount": 100}}, 422, "validation_failed"),
    "special requests too long": ({"json": {**VALID, "special_requests": "x" * 5000}}, 422, "validation_failed"),
    "array body": ({"json": [VALID]}, 422, "validation_failed"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_booking_request_is_refused_and_changes_nothing(system, gateway, case):
    request, status, code = CASES[case]
    counts_before = _counts(system)
    response = gateway.post("/api/v1/bookings", **request)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert body["request_id"] == response.headers["X-Request-ID"]
    assert "Traceback" not in response.text
    assert _counts(system) == counts_before


@pytest.mark.parametrize(
    "params, code",
    [
        ({"date": DAY}, "validation_failed"),
        ({"date": DAY, "party_size": 0}, "validation_failed"),
        ({"date": "yesterday", "party_size": 2}, "validation_failed"),
        ({"date": "2020-01-01", "party_size": 2}, "date_in_past"),
    ],
)
def test_bad_search_is_refused(gateway, params, code):
    response = gateway.get(f"/api/v1/venues/{VENUE}/availability", params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    "method, target",
    [
        ("GET", "/internal/holds"),
        ("POST", "/internal/holds"),
        ("POST", "/api/v1/bookings/../../internal/holds"),
        ("POST", "/api/v1/bookings/%2E%2E/%2E%2E/internal/holds"),
        ("GET", "/api/v1/venues/..%2F..%2Finternal%2Fholds%2Fx"),
        ("GET", "/api/v1/nothing"),
    ],
)
def test_unknown_routes_and_internal_paths_are_not_reachable_through_the_gateway(system, method, target):
    """The path is sent exactly as written (tests/support/raw_http.py): dot segments reach the
    gateway as they are, and it must neither follow them nor forward them."""
    status, headers, body = raw_request(
        system.gateway_url,
        method,
        target,
        body=b"{}" if method == "POST" else None,
        headers={"Content-Type": "application/json"},
    )
    assert status == 404, (target, status, body[:200])
    assert headers["content-type"] == "application/json" and json.loads(body)["error"]["code"] == "not_found"


def _counts(system):
    return (
        count_rows(system, "booking", "bookings"),
        count_rows(system, "booking", "customers"),
        count_rows(system, "booking", "outbox_events"),
        count_rows(system, "availability", "holds"),
        count_rows(system, "availability", "slots", "booked > 0"),
    )
