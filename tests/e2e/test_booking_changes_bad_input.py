"""Guarantee 5 for changing bookings: each kind of bad input in DEVELOPERS.md gets a 4xx
envelope, and neither database changes."""

from __future__ import annotations

import pytest
import requests

from tests.conftest import booking_body, count_rows, future_date
from tests.support.availability import HEADERS as STAFF
from tests.support.processes import wait_until

DAY = future_date(27)
EMAIL = "changes-bad-input@example.com"
HUGE = 99999999999999999999


@pytest.fixture(scope="module")
def reference(system):
    response = requests.post(
        f"{system.gateway_url}/api/v1/bookings", json=booking_body(DAY, "19:00", 2, email=EMAIL), timeout=10
    )
    assert response.status_code == 201
    # Settled before the first snapshot: the relay confirms the booking's hold just after its answer.
    wait_until(lambda: count_rows(system, "booking", "hold_commands", "done_at IS NULL") == 0, 10, message="confirm")
    return response.json()["reference"]


def _mine(**extra):
    return {"email": EMAIL, **extra}


CASES = {
    # (method, path after the reference ("" or "/cancel"), params, json, extra kwargs, status, code)
    "move: date in the past": ("PATCH", "", _mine(), {"date": "2020-01-01"}, {}, 404, "slot_not_found"),
    "move: impossible date": ("PATCH", "", _mine(), {"date": "2027-02-30"}, {}, 422, "validation_failed"),
    "move: time not a slot": ("PATCH", "", _mine(), {"time": "19:10"}, {}, 404, "slot_not_found"),
    "move: party zero": ("PATCH", "", _mine(), {"party_size": 0}, {}, 422, "validation_failed"),
    "move: party negative": ("PATCH", "", _mine(), {"party_size": -4}, {}, 422, "validation_failed"),
    "move: party huge": ("PATCH", "", _mine(), {"party_size": HUGE}, {}, 422, "validation_failed"),
    "move: party as text": ("PATCH", "", _mine(), {"party_size": "four"}, {}, 422, "validation_failed"),
    "move: party above venue max": ("PATCH", "", _mine(), {"party_size": 9}, {}, 422, "party_too_large"),
    "move: nothing to change": ("PATCH", "", _mine(), {}, {}, 422, "validation_failed"),
    "move: unknown field": ("PATCH", "", _mine(), {"venue": "Elsewhere"}, {}, 422, "validation_failed"),
    "move: control characters": ("PATCH", "", _mine(), {"special_requests": "a\u0000b"}, {}, 422, "validation_failed"),
    "move: requests too long": ("PATCH", "", _mine(), {"special_requests": "x" * 5000}, {}, 422, "validation_failed"),
    "move: odd unicode digits": ("PATCH", "", _mine(), {"time": "１９:３０"}, {}, 422, "validation_failed"),
    "move: wrong e-mail": (
        "PATCH",
        "",
        {"email": "someone@example.com"},
        {"party_size": 3},
        {},
        404,
        "booking_not_found",
    ),
    "move: no e-mail": ("PATCH", "", {}, {"party_size": 3}, {}, 422, "validation_failed"),
    "move: malformed json": (
        "PATCH",
        "",
        _mine(),
        None,
        {"data": b'{"party_size": ', "headers": {"Content-Type": "application/json"}},
        400,
        "malformed_json",
    ),
    "cancel: unknown reason": ("POST", "/cancel", _mine(), {"reason_id": 99}, {}, 422, "validation_failed"),
    "cancel: reason as text": ("POST", "/cancel", _mine(), {"reason_id": "1"}, {}, 422, "validation_failed"),
    "cancel: no reason": ("POST", "/cancel", _mine(), {}, {}, 422, "validation_failed"),
    "cancel: wrong e-mail": (
        "POST",
        "/cancel",
        {"email": "x@example.com"},
        {"reason_id": 1},
        {},
        404,
        "booking_not_found",
    ),
    "cancel: bad idempotency key": (
        "POST",
        "/cancel",
        _mine(),
        {"reason_id": 1},
        {"headers": {"Idempotency-Key": "k" * 200}},
        422,
        "validation_failed",
    ),
}


def _snapshot(system) -> tuple:
    return (
        count_rows(system, "booking", "bookings", "status = 'confirmed'"),
        count_rows(system, "booking", "outbox_events"),
        count_rows(system, "booking", "hold_commands"),
        count_rows(system, "availability", "holds"),
        count_rows(system, "availability", "holds", "status = 'held'"),
    )


@pytest.mark.parametrize("case", list(CASES))
def test_bad_change_is_refused_and_changes_nothing(system, gateway, reference, case):
    method, tail, params, body, extra, status, code = CASES[case]
    before = _snapshot(system)
    kwargs = {"params": params, **extra}
    if body is not None:
        kwargs["json"] = body
    response = gateway.session.request(
        method, f"{gateway.base_url}/api/v1/bookings/{reference}{tail}", timeout=10, **kwargs
    )
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert response.json()["request_id"] == response.headers["X-Request-ID"]
    assert _snapshot(system) == before


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 10**6},
        {"from": "2027-01-10", "to": "2027-01-01"},
        {"status": "lost"},
        {"cursor": "not-a-cursor"},
        {"venue": "../etc"},
    ],
)
def test_bad_staff_list_is_refused(system, params):
    response = requests.get(f"{system.service_urls['booking']}/v1/bookings", params=params, headers=STAFF, timeout=10)
    assert response.status_code == 422 and response.json()["error"]["code"] == "validation_failed"


def test_staff_calls_need_the_credential(system, reference):
    for method, path in (("GET", "/v1/bookings"), ("POST", f"/v1/bookings/{reference}/complete")):
        response = requests.request(
            method, f"{system.service_urls['booking']}{path}", headers={"X-Service-Token": "wrong"}, timeout=10
        )
        assert response.status_code == 401 and response.json()["error"]["code"] == "authentication_required"
