"""A stopped booking service gives a fast 503 envelope at the gateway, and recovery is automatic."""

from __future__ import annotations

import time

from tests.conftest import booking_body, count_rows, future_date
from tests.support.processes import wait_until


def test_booking_service_down_then_back(system, gateway):
    body = booking_body(future_date(10), "13:30", 2, email="down@example.com")
    system.stop("booking")
    try:
        started = time.monotonic()
        response = gateway.post("/api/v1/bookings", json=body)
        elapsed = time.monotonic() - started
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "upstream_unavailable"
        assert response.json()["request_id"] == response.headers["X-Request-ID"]
        assert elapsed < 3.0  # GATEWAY_UPSTREAM_TIMEOUT in the test system
    finally:
        system.start("booking")
    system.wait_service("booking")
    created = wait_until(
        lambda: (r := gateway.post("/api/v1/bookings", json=body)).status_code == 201 and r,
        15,
        message="booking to succeed again",
    )
    assert created.json()["status"] == "confirmed"


def test_availability_down_gives_503_and_stores_nothing(system, gateway):
    before = count_rows(system, "booking", "bookings")
    system.stop("availability")
    try:
        response = gateway.post("/api/v1/bookings", json=booking_body(future_date(10), "12:00", 2))
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "upstream_unavailable"
    finally:
        system.start("availability")
    system.wait_service("availability")
    assert count_rows(system, "booking", "bookings") == before
    assert count_rows(system, "booking", "outbox_events", "event_type = 'booking.created'") == before
