"""Authentication through the gateway: every bad credential is refused without a hint.

Staff tokens that are missing, expired, forged or signed with another key; API keys unknown,
revoked or without the scope; a client trying to pass its own identity header; customers with
the wrong e-mail or a link to another booking. And the signed link from the confirmation
e-mail opens exactly its booking.
"""

from __future__ import annotations

import re
import time
import uuid
from email import message_from_bytes
from email.policy import default as default_policy
from urllib.parse import urlsplit

import jwt
import pytest

from gateway.config import DEV_JWT_SECRET
from gateway.identity.tokens import AUDIENCE, ISSUER
from shared.config import DEV_IDENTITY_SIGNING_KEY
from shared.identity import BOOKINGS_READ, PERMISSIONS, Caller, caller_for_roles, sign_booking_link, sign_identity
from tests.conftest import booking_body, future_date
from tests.support.processes import wait_until
from tests.support.tenants import api_key, staff_token, venue_with_a_booking

DAY = future_date(19)


@pytest.fixture(scope="module")
def venue(system):
    """A venue of this module's own, one booking at it, its manager and two API keys."""
    own = venue_with_a_booking(system, "auth", DAY)
    return {
        "slug": own.slug,
        "reference": own.reference,
        "email": own.email,
        "staff_token": staff_token(system, own.slug, "manager"),
        "read_key": api_key(system, own.slug, BOOKINGS_READ),
        "full_key": api_key(system, own.slug, *PERMISSIONS),
    }


def _call(gateway, method: str, path: str, token: str | None = None, **kwargs):
    headers = {**({"Authorization": f"Bearer {token}"} if token else {}), **kwargs.pop("headers", {})}
    return gateway.session.request(method, gateway.base_url + path, headers=headers, timeout=10, **kwargs)


def _staff_claims(venue: dict) -> dict:
    now = int(time.time())
    return {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "someone",
        "iat": now,
        "exp": now + 600,
        "typ": "access",
        "email": "x@example.com",
        "admin": True,
        "roles": {venue["slug"]: "owner"},
    }


def test_bad_staff_tokens_are_401_without_detail(gateway, venue):
    claims = _staff_claims(venue)
    bad = {
        "missing": None,
        "expired": jwt.encode({**claims, "iat": claims["iat"] - 1200, "exp": claims["iat"] - 600}, DEV_JWT_SECRET),
        "forged": jwt.encode(claims, "an attacker's own secret of at least 32 bytes"),
        "signed with the identity key": jwt.encode(claims, DEV_IDENTITY_SIGNING_KEY),
        "algorithm none": jwt.encode(claims, None, algorithm="none"),
        "a refresh token's shape": jwt.encode({**claims, "typ": "refresh"}, DEV_JWT_SECRET),
        "garbage": "not-a-token",
    }
    for name, token in bad.items():
        for method, path in (
            ("GET", f"/api/v1/bookings?venue={venue['slug']}"),
            ("GET", f"/api/v1/venues/{venue['slug']}/slots?from={DAY}&to={DAY}"),
            ("GET", f"/api/v1/audit?venue={venue['slug']}"),
        ):
            response = _call(gateway, method, path, token)
            assert response.status_code == 401, (name, path, response.text)
            assert response.json()["error"]["code"] == "authentication_required", (name, path)
    good = jwt.encode(claims, DEV_JWT_SECRET)
    assert _call(gateway, "GET", f"/api/v1/bookings?venue={venue['slug']}", good).status_code == 200


@pytest.mark.parametrize(
    "header", ["Basic abc", "Bearer", "Bearer  {key}", "Bearer {key} extra", "Bearer Bearer {key}"]
)
def test_malformed_authorization_headers_are_401(gateway, venue, header):
    response = _call(
        gateway,
        "GET",
        f"/api/v1/bookings?venue={venue['slug']}",
        headers={"Authorization": header.format(key=venue["full_key"]["key"])},
    )
    assert response.status_code == 401 and response.json()["error"]["code"] == "authentication_required"


def test_a_client_cannot_pass_its_own_identity_or_service_credential(gateway, venue):
    """The gateway drops both headers from clients, even a correctly signed identity."""
    admin = caller_for_roles("staff", "intruder", admin=True, roles={})
    for headers in (
        {"X-Tessera-Identity": sign_identity(admin, DEV_IDENTITY_SIGNING_KEY)},
        {"X-Service-Token": "test-service-token"},
    ):
        response = _call(gateway, "GET", f"/api/v1/bookings?venue={venue['slug']}", headers=headers)
        assert response.status_code == 401, headers


def test_api_keys_need_the_scope_and_stop_working_when_revoked(system, gateway, venue):
    reference, read_key = venue["reference"], venue["read_key"]["key"]
    assert _call(gateway, "GET", f"/api/v1/bookings/{reference}", read_key).status_code == 200
    for method, path, kwargs in (
        ("PATCH", f"/api/v1/bookings/{reference}", {"json": {"party_size": 3}}),
        ("POST", f"/api/v1/bookings/{reference}/cancel", {"json": {"reason_id": 1}}),
        ("GET", f"/api/v1/venues/{venue['slug']}/slots", {"params": {"from": DAY, "to": DAY}}),
        ("PATCH", f"/api/v1/venues/{venue['slug']}", {"json": {"name": "Renamed"}}),
        ("GET", "/api/v1/audit", {"params": {"venue": venue["slug"]}}),
    ):
        response = _call(gateway, method, path, read_key, **kwargs)
        assert response.status_code == 403, (method, path, response.text)
        assert response.json()["error"]["code"] == "forbidden"
    booking = _call(gateway, "GET", f"/api/v1/bookings/{reference}", read_key).json()
    assert (booking["status"], booking["party_size"]) == ("confirmed", 2)

    system.manage("gateway", "revoke-api-key", venue["read_key"]["id"])
    response = _call(gateway, "GET", f"/api/v1/bookings/{reference}", read_key)
    assert response.status_code == 401 and response.json()["error"]["code"] == "authentication_required"
    assert _call(gateway, "GET", f"/api/v1/bookings/{reference}", "tsk_" + "x" * 43).status_code == 401


def test_staff_role_cannot_change_the_venue_but_can_work_its_bookings(system, gateway, venue):
    token = staff_token(system, venue["slug"], "staff")
    assert _call(gateway, "PATCH", f"/api/v1/venues/{venue['slug']}", token, json={"name": "X"}).status_code == 403
    assert _call(gateway, "GET", f"/api/v1/bookings/{venue['reference']}", token).status_code == 200
    assert (
        _call(
            gateway,
            "POST",
            "/api/v1/venues",
            token,
            json={"slug": f"new-{uuid.uuid4().hex[:8]}", "name": "New", "timezone": "UTC"},
        ).status_code
        == 403
    )


def test_a_wrong_email_is_the_same_404_as_no_booking(gateway, venue):
    def answer(reference: str, email: str):
        response = _call(gateway, "GET", f"/api/v1/bookings/{reference}", params={"email": email})
        body = response.json()
        body.pop("request_id", None)
        return response.status_code, body

    wrong_email = answer(venue["reference"], "someone-else@example.com")
    assert wrong_email[0] == 404
    assert wrong_email == answer("ZZZZZZZ", venue["email"]) == answer("ZZZZZZZ", "someone-else@example.com")
    assert answer(venue["reference"], venue["email"].upper())[0] == 200


def _link_from_confirmation(system, reference: str) -> str:
    def find():
        for path in (system.backend.var_dir / "mail").glob("*.eml"):
            message = message_from_bytes(path.read_bytes(), policy=default_policy)
            if reference in message["Subject"]:
                return message
        return None

    message = wait_until(find, 20, 0.2, message="confirmation e-mail")
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    link = re.search(r"(http://\S+/bookings/\S+)", text).group(1)
    assert link.replace("&", "&amp;") in html
    return link


def test_the_signed_link_in_the_email_opens_exactly_that_booking(system, gateway, venue):
    reference = venue["reference"]
    link = urlsplit(_link_from_confirmation(system, reference))
    assert link.netloc == urlsplit(system.gateway_url).netloc
    assert link.path == f"/bookings/{reference}"  # the booking's page in the web app, which calls the API
    token = dict(pair.split("=", 1) for pair in link.query.split("&"))["token"]
    path_and_query = f"/api/v1/bookings/{reference}?{link.query}"

    opened = _call(gateway, "GET", path_and_query)
    assert opened.status_code == 200 and opened.json()["reference"] == reference
    changed = _call(gateway, "PATCH", path_and_query, json={"special_requests": "By the window"})
    assert changed.status_code == 200 and changed.json()["special_requests"] == "By the window"

    other = gateway.post("/api/v1/bookings", json={**booking_body(DAY, "11:00", 2), "venue": venue["slug"]})
    assert other.status_code == 201
    for path, params in (
        (f"/api/v1/bookings/{other.json()['reference']}", {"token": token}),
        (f"/api/v1/bookings/{reference}", {"token": token[:-2] + "xx"}),
        (f"/api/v1/bookings/{reference}", {"token": sign_booking_link(reference, "k" * 40, 600)}),
        (f"/api/v1/bookings/{reference}", {"token": sign_identity(Caller.platform(), DEV_IDENTITY_SIGNING_KEY)}),
    ):
        response = _call(gateway, "GET", path, params=params)
        assert response.status_code == 404, (path, response.text)
    expired = sign_booking_link(reference, DEV_IDENTITY_SIGNING_KEY, -60)
    response = _call(gateway, "GET", f"/api/v1/bookings/{reference}", params={"token": expired})
    assert response.status_code == 401 and response.json()["error"]["code"] == "link_expired"

    cancelled = _call(gateway, "POST", f"/api/v1/bookings/{reference}/cancel?{link.query}", json={"reason_id": 1})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
