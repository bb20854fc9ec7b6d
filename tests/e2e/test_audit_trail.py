"""Through the gateway, staff read a booking's audit trail: created, updated, cancelled, in
order, each with its actor and request id. Only staff of that venue may read it."""

from __future__ import annotations

import time
import uuid

import jwt

from gateway.config import DEV_JWT_SECRET
from gateway.identity.tokens import AUDIENCE, ISSUER
from tests.conftest import VENUE, booking_body, future_date
from tests.support.processes import wait_until

PASSWORD = "a long staff password"


def _staff(system, email: str, *options: str) -> None:
    system.manage("gateway", "create-staff", "--email", email, *options, TESSERA_STAFF_PASSWORD=PASSWORD)


def _login(gateway, email: str, password: str = PASSWORD):
    return gateway.post("/api/v1/auth/login", json={"email": email, "password": password})


def _token(gateway, email: str) -> str:
    response = _login(gateway, email)
    assert response.status_code == 200, response.text
    assert response.json()["token_type"] == "Bearer"
    return response.json()["access_token"]


def _audit(gateway, token: str, **params):
    return gateway.get("/api/v1/audit", params=params, headers={"Authorization": f"Bearer {token}"})


def test_the_trail_of_a_booking_shows_each_change_with_its_actor_and_request_id(system, gateway):
    run = uuid.uuid4().hex[:8]
    ids = {step: f"trail-{step}-{run}" for step in ("create", "update", "cancel")}
    email = f"trail-{run}@example.com"
    created = gateway.post(
        "/api/v1/bookings",
        json=booking_body(future_date(28), "19:00", 2, email=email),
        headers={"X-Request-ID": ids["create"]},
    )
    assert created.status_code == 201, created.text
    reference = created.json()["reference"]
    base = f"/api/v1/bookings/{reference}"
    assert (
        gateway.session.patch(
            gateway.base_url + base,
            params={"email": email},
            json={"party_size": 3},
            headers={"X-Request-ID": ids["update"]},
            timeout=10,
        ).status_code
        == 200
    )
    assert (
        gateway.post(
            f"{base}/cancel", params={"email": email}, json={"reason_id": 1}, headers={"X-Request-ID": ids["cancel"]}
        ).status_code
        == 200
    )

    _staff(system, f"manager-{run}@example.com", "--venue", VENUE, "--role", "manager")
    token = _token(gateway, f"manager-{run}@example.com")

    def trail():
        response = _audit(gateway, token, venue=VENUE, entity="booking", entity_id=reference)
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        return items if len(items) == 3 else None

    items = wait_until(trail, 20, 0.2, message="three audit entries")
    assert [i["action"] for i in items] == ["booking.created", "booking.updated", "booking.cancelled"]
    assert [i["request_id"] for i in items] == [ids["create"], ids["update"], ids["cancel"]]
    assert [i["actor"] for i in items] == [{"type": "customer"}] * 3
    assert [i["occurred_at"] for i in items] == sorted(i["occurred_at"] for i in items)
    assert items[1]["before"]["party_size"] == 2 and items[1]["after"]["party_size"] == 3
    assert items[2]["after"]["status"] == "cancelled"
    assert all(i["venue"] == VENUE and i["entity_id"] == reference for i in items)

    paged, cursor = [], None
    while True:
        page = _audit(
            gateway,
            token,
            venue=VENUE,
            entity="booking",
            entity_id=reference,
            limit=1,
            **({"cursor": cursor} if cursor else {}),
        ).json()
        paged += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert paged == items
    bad_cursor = _audit(gateway, token, venue=VENUE, cursor="12")
    assert bad_cursor.status_code == 422 and "cursor" in bad_cursor.json()["error"]["details"]
    past_year_9999 = _audit(gateway, token, venue=VENUE, cursor="778988641298376001-5209")  # was a 500
    assert past_year_9999.status_code == 422 and "cursor" in past_year_9999.json()["error"]["details"]


def test_the_audit_log_is_for_staff_of_the_venue_only(system, gateway):
    run = uuid.uuid4().hex[:8]
    _staff(system, f"elsewhere-{run}@example.com", "--venue", "SomeOtherVenue", "--role", "owner")
    _staff(system, f"admin-{run}@example.com", "--admin")
    elsewhere = _token(gateway, f"elsewhere-{run}@example.com")

    other_venue = _audit(gateway, elsewhere, venue=VENUE)
    assert other_venue.status_code == 404 and other_venue.json()["error"]["code"] == "not_found"
    assert _audit(gateway, elsewhere, venue="SomeOtherVenue").status_code == 200
    for params in ({}, {"venue": ["SomeOtherVenue", VENUE]}):
        refused = _audit(gateway, elsewhere, **params)
        assert refused.status_code == 422 and "venue" in refused.json()["error"]["details"]
    assert _audit(gateway, _token(gateway, f"admin-{run}@example.com"), entity="booking").status_code == 200

    now = int(time.time())
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "typ": "access", "admin": True, "roles": {}}
    forged = jwt.encode(
        {**claims, "iat": now, "exp": now + 60}, "not the gateway secret, but long enough for HS256", algorithm="HS256"
    )
    expired = jwt.encode({**claims, "iat": now - 120, "exp": now - 60}, DEV_JWT_SECRET, algorithm="HS256")
    for headers in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": f"Bearer {forged}"},
        {"Authorization": f"Bearer {expired}"},
        {"Authorization": f"Bearer {elsewhere[:-2]}xx"},
    ):
        response = gateway.get("/api/v1/audit", params={"venue": VENUE}, headers=headers)
        assert response.status_code == 401, (headers, response.text)
        assert response.json()["error"]["code"] == "authentication_required"


def test_a_wrong_password_and_an_unknown_account_get_the_same_answer(system, gateway):
    run = uuid.uuid4().hex[:8]
    _staff(system, f"careful-{run}@example.com", "--venue", VENUE)
    wrong = _login(gateway, f"careful-{run}@example.com", "not the password")
    unknown = _login(gateway, f"nobody-{run}@example.com")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["error"] == unknown.json()["error"]
    for body in (
        {},
        {"email": "not-an-address", "password": "x"},
        {"email": f"careful-{run}@example.com"},
        {"email": f"careful-{run}@example.com", "password": 12345},
        [1, 2],
    ):
        assert _login_raw(gateway, body).status_code == 422


def _login_raw(gateway, body):
    return gateway.post("/api/v1/auth/login", json=body)
