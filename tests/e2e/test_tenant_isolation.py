"""Tenant isolation: a staff member or API key of venue A reaches nothing of venue B.

Every route that reads or writes B's bookings, customers, slots, rules, closures, resources or
audit rows answers 404 to A's credentials, through the gateway and also when the signed
identity reaches the service directly (the services enforce it themselves), and changes
nothing. B's own staff get through on the same routes, so the 404s are not a broken route.
"""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import text

from shared.config import DEV_IDENTITY_SIGNING_KEY
from shared.identity import PERMISSIONS, Caller, caller_for_roles, sign_identity
from tests.conftest import VENUE, Gateway, booking_body, future_date
from tests.support.availability import HEADERS as SERVICE_HEADERS
from tests.support.processes import wait_until
from tests.support.tenants import api_key, staff_token, venue_with_a_booking

DAY = future_date(19)


@pytest.fixture(scope="module")
def venues(system):
    """Venue B with one booking and its audit row; A's manager and API key; B's manager."""
    other = venue_with_a_booking(system, "isolation", DAY, "11:00")
    b_token = staff_token(system, other.slug, "manager")
    gateway = Gateway(system.gateway_url)
    wait_until(
        lambda: gateway.get(
            "/api/v1/audit",
            params={"venue": other.slug, "entity_id": other.reference},
            headers={"Authorization": f"Bearer {b_token}"},
        ).json()["items"],
        20,
        0.2,
        message="B's audit row",
    )
    return {
        "other": other.slug,
        "reference": other.reference,
        "email": other.email,
        "credentials": {
            "A staff": staff_token(system, VENUE, "manager"),
            "A API key": api_key(system, VENUE, *PERMISSIONS)["key"],
        },
        "b_token": b_token,
    }


def _routes(other: str, reference: str, email: str) -> list[tuple[str, str, dict]]:
    """(method, path, request keyword arguments) for every route that touches venue B."""
    booking = f"/api/v1/bookings/{reference}"
    venue = f"/api/v1/venues/{other}"
    return [
        ("GET", booking, {}),
        ("PATCH", booking, {"json": {"party_size": 3}}),
        ("POST", f"{booking}/cancel", {"json": {"reason_id": 1}}),
        ("POST", f"{booking}/no-show", {}),
        ("POST", f"{booking}/complete", {}),
        ("GET", "/api/v1/bookings", {"params": {"venue": other}}),
        ("GET", "/api/v1/bookings", {"params": {"venue": other, "email": email}}),
        ("GET", "/api/v1/bookings/counts", {"params": {"venue": other, "date": DAY}}),
        ("POST", "/api/v1/bookings", {"json": {**booking_body(DAY, "10:00", 2), "venue": other}}),
        ("GET", f"{venue}/slots", {"params": {"from": DAY, "to": DAY}}),
        ("PATCH", f"{venue}/slots/{DAY}/11:00", {"json": {"is_open": False}}),
        ("PATCH", venue, {"json": {"name": "Taken over"}}),
        (
            "POST",
            f"{venue}/opening-rules",
            {"json": {"weekday": "monday", "first_start": "15:00", "last_start": "16:00", "interval_minutes": 60}},
        ),
        ("PATCH", f"{venue}/opening-rules/1", {"json": {"capacity": 0}}),
        ("DELETE", f"{venue}/opening-rules/1", {}),
        ("POST", f"{venue}/closures", {"json": {"date": DAY}}),
        ("DELETE", f"{venue}/closures/{DAY}", {}),
        ("POST", f"{venue}/resources", {"json": {"name": "Room", "kind": "room"}}),
        ("PATCH", f"{venue}/resources/1", {"json": {"capacity": 2}}),
        ("GET", "/api/v1/audit", {"params": {"venue": other}}),
        ("GET", "/api/v1/audit", {"params": {"venue": other, "entity_id": reference}}),
    ]


def _b_state(system, other: str, reference: str) -> tuple:
    engine = system.backend.engine("booking")
    try:
        with engine.connect() as conn:
            booking = conn.execute(
                text("SELECT status, party_size, version FROM bookings WHERE reference = :ref"), {"ref": reference}
            ).one()
    finally:
        engine.dispose()
    slots = requests.get(
        f"{system.service_urls['availability']}/v1/venues/{other}/slots",
        params={"from": DAY, "to": DAY, "limit": 50},
        headers=SERVICE_HEADERS,
        timeout=10,
    ).json()
    venue = requests.get(f"{system.service_urls['availability']}/v1/venues/{other}", timeout=10).json()
    rules = requests.get(f"{system.service_urls['availability']}/v1/venues/{other}/opening-rules", timeout=10).json()
    return tuple(booking), slots["items"], venue, rules


@pytest.mark.parametrize("credential", ["A staff", "A API key"])
def test_every_route_of_another_venue_is_not_found_and_changes_nothing(system, gateway, venues, credential):
    other, reference = venues["other"], venues["reference"]
    before = _b_state(system, other, reference)
    headers = {"Authorization": f"Bearer {venues['credentials'][credential]}"}
    answers = {}
    for method, path, kwargs in _routes(other, reference, venues["email"]):
        response = gateway.session.request(method, gateway.base_url + path, headers=headers, timeout=10, **kwargs)
        answers[f"{method} {path} {kwargs.get('params', '')}"] = (
            response.status_code,
            response.json()["error"]["code"],
        )
    # The same answers as for things that do not exist at all.
    assert set(answers.values()) <= {(404, "not_found"), (404, "booking_not_found")}, answers
    assert _b_state(system, other, reference) == before


def test_a_list_without_a_venue_shows_only_the_callers_venues(gateway, venues):
    for credential in venues["credentials"].values():
        response = gateway.get(
            "/api/v1/bookings", params={"email": venues["email"]}, headers={"Authorization": f"Bearer {credential}"}
        )
        assert response.status_code == 200 and response.json()["items"] == []
    mine = gateway.get(
        "/api/v1/bookings", params={"email": venues["email"]}, headers={"Authorization": f"Bearer {venues['b_token']}"}
    )
    assert [item["reference"] for item in mine.json()["items"]] == [venues["reference"]]


def test_the_venues_own_staff_reach_the_same_routes(gateway, venues):
    """The control: B's manager gets through where A's credentials got 404."""
    other, reference = venues["other"], venues["reference"]
    headers = {"Authorization": f"Bearer {venues['b_token']}"}
    for method, path, kwargs in [
        ("GET", f"/api/v1/bookings/{reference}", {}),
        ("GET", "/api/v1/bookings", {"params": {"venue": other}}),
        ("GET", f"/api/v1/venues/{other}/slots", {"params": {"from": DAY, "to": DAY}}),
        ("GET", "/api/v1/audit", {"params": {"venue": other}}),
        ("PATCH", f"/api/v1/venues/{other}", {"json": {"name": "Still B"}}),
        ("PATCH", f"/api/v1/bookings/{reference}", {"json": {"special_requests": "Quiet"}}),
    ]:
        response = gateway.session.request(method, gateway.base_url + path, headers=headers, timeout=10, **kwargs)
        assert response.status_code == 200, (method, path, response.text)


@pytest.mark.parametrize("kind", ["staff", "api_key"])
def test_services_refuse_another_venue_even_when_called_directly(system, venues, kind):
    """The services check the signed identity themselves: no gateway bug can open venue B to A."""
    other, reference = venues["other"], venues["reference"]
    caller = (
        caller_for_roles("staff", "a-user", admin=False, roles={VENUE: "owner"})
        if kind == "staff"
        else Caller(kind="api_key", subject="a-key", grants={VENUE: frozenset(PERMISSIONS)})
    )
    headers = {**SERVICE_HEADERS, "X-Tessera-Identity": sign_identity(caller, DEV_IDENTITY_SIGNING_KEY)}
    urls = system.service_urls
    for method, url, kwargs in [
        ("GET", f"{urls['booking']}/v1/bookings/{reference}", {}),
        ("POST", f"{urls['booking']}/v1/bookings/{reference}/cancel", {"json": {"reason_id": 1}}),
        ("GET", f"{urls['booking']}/v1/bookings", {"params": {"venue": other}}),
        ("PATCH", f"{urls['availability']}/v1/venues/{other}", {"json": {"name": "X"}}),
        ("GET", f"{urls['availability']}/v1/venues/{other}/slots", {"params": {"from": DAY, "to": DAY}}),
        ("GET", f"{urls['notification']}/v1/audit", {"params": {"venue": other}}),
    ]:
        response = requests.request(method, url, headers=headers, timeout=10, **kwargs)
        assert response.status_code == 404, (method, url, response.text)
