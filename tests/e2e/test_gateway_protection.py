"""The gateway's protections: rate limits per client address with 429 and Retry-After,
security headers on every answer, and CORS only for the configured origins."""

from __future__ import annotations

import json
import time

import pytest
import requests

from tests.conftest import VENUE, future_date

pytestmark = pytest.mark.one_backend  # limits, CORS and headers live in the gateway and Redis

ALLOWED_ORIGIN = "http://localhost:5173"  # the default allow-list


@pytest.fixture(scope="module")
def strict_gateway(system):
    """A second gateway on the same services, with tight limits and one trusted proxy hop."""
    with system.another(
        "gateway-strict",
        "gateway",
        TRUSTED_PROXY_HOPS="1",
        RATE_LIMIT_DEFAULT="8 per 2 seconds",
        RATE_LIMIT_LOGIN="3 per 5 seconds",
        RATE_LIMIT_BOOKING_LOOKUP="4 per 2 seconds",
    ) as url:
        yield url


def _login(url: str, client: str):
    return requests.post(
        f"{url}/api/v1/auth/login",
        json={"email": "nobody@example.com", "password": "wrong"},
        headers={"X-Forwarded-For": client},
        timeout=5,
    )


def test_a_burst_past_the_login_limit_gets_429_with_retry_after_and_unblocks_after_the_window(strict_gateway):
    answers = [_login(strict_gateway, "198.51.100.1") for _ in range(4)]
    assert [a.status_code for a in answers] == [401, 401, 401, 429]
    refused = answers[-1]
    assert refused.json()["error"]["code"] == "rate_limited" and refused.json()["request_id"]
    retry_after = int(refused.headers["Retry-After"])
    assert 1 <= retry_after <= 6
    assert _login(strict_gateway, "198.51.100.2").status_code == 401  # another client is not held back
    time.sleep(retry_after + 0.05)  # what it was told, no more: the header is a promise
    assert _login(strict_gateway, "198.51.100.1").status_code == 401


def test_booking_lookups_have_their_own_stricter_limit(strict_gateway):
    client = {"X-Forwarded-For": "198.51.100.3"}
    lookups = [
        requests.get(
            f"{strict_gateway}/api/v1/bookings/NOSUCH1", params={"email": "a@example.com"}, headers=client, timeout=5
        ).status_code
        for _ in range(5)
    ]
    assert lookups == [404, 404, 404, 404, 429]
    search = requests.get(
        f"{strict_gateway}/api/v1/venues/{VENUE}/availability",
        params={"date": future_date(2), "party_size": 2},
        headers=client,
        timeout=5,
    )
    assert search.status_code == 200  # only the default limit applies to search


def test_the_default_limit_covers_every_route_but_health_checks(strict_gateway):
    client = {"X-Forwarded-For": "198.51.100.4"}
    statuses = [
        requests.get(f"{strict_gateway}/api/v1/venues/{VENUE}", headers=client, timeout=5).status_code for _ in range(9)
    ]
    assert statuses[:8] == [200] * 8 and statuses[8] == 429
    assert all(
        requests.get(f"{strict_gateway}/readyz", headers=client, timeout=5).status_code == 200 for _ in range(10)
    )


def test_an_api_key_has_its_own_bucket_whatever_its_address(system, strict_gateway):
    key = json.loads(
        system.manage("gateway", "create-api-key", "--venue", VENUE, "--name", "limits", "--scope", "venue:read")
    )["key"]

    def venue(client: str, **headers):
        return requests.get(
            f"{strict_gateway}/api/v1/venues/{VENUE}", timeout=5, headers={"X-Forwarded-For": client, **headers}
        ).status_code

    keyed = {"Authorization": f"Bearer {key}"}
    statuses = [venue(f"198.51.100.{20 + n}", **keyed) for n in range(9)]  # nine addresses, one key
    assert statuses[:8] == [200] * 8 and statuses[8] == 429
    assert venue("198.51.100.20") == 200  # the address itself still has its own allowance


def test_every_answer_carries_security_headers_and_hsts_only_behind_tls(system, strict_gateway):
    for response in (
        requests.get(f"{system.gateway_url}/api/v1/venues/{VENUE}", timeout=5),
        requests.get(f"{system.gateway_url}/api/v1/nothing-here", timeout=5),
        requests.get(f"{system.gateway_url}/api/v1/audit", timeout=5),
    ):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "Strict-Transport-Security" not in response.headers
    behind_tls = requests.get(
        f"{strict_gateway}/healthz",
        timeout=5,
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.5"},
    )
    assert behind_tls.headers["Strict-Transport-Security"].startswith("max-age=")


def test_cors_answers_only_the_allowed_origins(system):
    def preflight(origin: str):
        return requests.options(
            f"{system.gateway_url}/api/v1/bookings",
            timeout=5,
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type, idempotency-key",
            },
        )

    allowed = preflight(ALLOWED_ORIGIN)
    assert allowed.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "idempotency-key" in allowed.headers["Access-Control-Allow-Headers"].lower()
    assert "Access-Control-Allow-Credentials" not in allowed.headers
    refused = preflight("https://evil.example")
    assert "Access-Control-Allow-Origin" not in refused.headers
    simple = requests.get(f"{system.gateway_url}/api/v1/venues/{VENUE}", headers={"Origin": ALLOWED_ORIGIN}, timeout=5)
    assert simple.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "X-Request-ID" in simple.headers["Access-Control-Expose-Headers"]
