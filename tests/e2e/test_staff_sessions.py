"""Staff sessions: a refresh token is rotated on use, a replayed one revokes its whole family,
logout revokes, an expired one is refused."""

from __future__ import annotations

import uuid

from sqlalchemy import text

from gateway.manage import DEMO_MANAGER_EMAIL, DEMO_MANAGER_PASSWORD
from tests.conftest import VENUE

PASSWORD = "a long staff password"


def _staff_login(system, gateway, email: str | None = None) -> dict:
    email = email or f"session-{uuid.uuid4().hex[:8]}@example.com"
    system.manage("gateway", "create-staff", "--email", email, "--venue", VENUE, TESSERA_STAFF_PASSWORD=PASSWORD)
    response = gateway.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return response.json()


def _refresh(gateway, token: str):
    return gateway.post("/api/v1/auth/refresh", json={"refresh_token": token})


def _can_read_audit(gateway, access_token: str) -> bool:
    response = gateway.get(
        "/api/v1/audit", params={"venue": VENUE, "limit": 1}, headers={"Authorization": f"Bearer {access_token}"}
    )
    return response.status_code == 200


def test_a_refresh_rotates_the_token_and_a_replayed_one_revokes_the_family(system, gateway):
    first = _staff_login(system, gateway)
    assert first["refresh_expires_in"] > first["expires_in"] > 0
    second = _refresh(gateway, first["refresh_token"])
    assert second.status_code == 200, second.text
    second = second.json()
    assert second["refresh_token"] != first["refresh_token"] and _can_read_audit(gateway, second["access_token"])

    replayed = _refresh(gateway, first["refresh_token"])  # a thief, or the owner after a thief: nobody knows
    assert replayed.status_code == 401 and replayed.json()["error"]["code"] == "invalid_refresh_token"
    assert _refresh(gateway, second["refresh_token"]).status_code == 401  # the family is gone


def test_logout_revokes_and_can_be_repeated(system, gateway):
    tokens = _staff_login(system, gateway)
    for _ in range(2):
        assert gateway.post("/api/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]}).status_code == 204
    assert _refresh(gateway, tokens["refresh_token"]).status_code == 401


def test_an_expired_or_unknown_refresh_token_is_refused_and_bad_bodies_are_422(system, gateway):
    email = f"expiring-{uuid.uuid4().hex[:8]}@example.com"
    tokens = _staff_login(system, gateway, email)
    engine = system.backend.engine("gateway")
    try:
        with engine.begin() as conn:  # test set-up: let this account's session run out
            conn.execute(
                text(
                    "UPDATE refresh_tokens SET expires_at = '2000-01-01 00:00:00' "
                    "WHERE user_id = (SELECT id FROM staff_users WHERE email = :email)"
                ),
                {"email": email},
            )
    finally:
        engine.dispose()
    assert _refresh(gateway, tokens["refresh_token"]).status_code == 401
    assert _refresh(gateway, "never-issued").status_code == 401
    for body in ({}, {"refresh_token": ""}, {"refresh_token": 42}, {"refresh_token": "x" * 500}, ["x"]):
        assert gateway.post("/api/v1/auth/refresh", json=body).status_code == 422


def test_an_access_token_says_whose_it_is(system, gateway):
    email = f"whoami-{uuid.uuid4().hex[:8]}@example.com"
    tokens = _staff_login(system, gateway, email)
    me = gateway.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200, me.text
    assert (me.json()["email"], me.json()["admin"], me.json()["roles"]) == (email, False, {VENUE: "staff"})
    assert me.headers["Cache-Control"] == "no-store"
    for headers in (
        {},
        {"Authorization": "Bearer not-a-token"},
        {"Authorization": f"Bearer {tokens['refresh_token']}"},
    ):
        refused = gateway.get("/api/v1/auth/me", headers=headers)
        assert (refused.status_code, refused.json()["error"]["code"]) == (401, "authentication_required")


def test_the_demo_venue_has_a_manager_login_in_development(gateway):
    login = gateway.post("/api/v1/auth/login", json={"email": DEMO_MANAGER_EMAIL, "password": DEMO_MANAGER_PASSWORD})
    assert login.status_code == 200, login.text
    me = gateway.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {login.json()['access_token']}"})
    assert me.json()["roles"] == {VENUE: "manager"}


def test_cancellation_reasons_are_public_through_the_gateway(gateway):
    reasons = gateway.get("/api/v1/cancellation-reasons")
    assert reasons.status_code == 200
    assert [reason["id"] for reason in reasons.json()["items"]] == [1, 2, 3, 4, 5]
    assert all(reason["reason"] and reason["description"] for reason in reasons.json()["items"])
