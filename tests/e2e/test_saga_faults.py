"""The create saga when the booking service dies at its worst moments (a test-only crash
point, TESSERA_FAULTS, makes the process exit as if killed):

- after the hold, before the commit: no booking; the hold expires and the capacity returns;
- after the commit, before the response: the booking stands, the relay confirms its hold, and a
  retry with the same key gets the original booking.
With the relay stopped as well, the reconciliation job confirms the holds bookings owe.
"""

from __future__ import annotations

import contextlib
from datetime import date, time

import pytest
import requests
from sqlalchemy import Date, Time, bindparam, text

from tests.conftest import booking_body, count_rows, future_date
from tests.support.availability import HEADERS
from tests.support.processes import wait_until

DAY = future_date(26)


@contextlib.contextmanager
def booking_service_crashing_at(system, point: str):
    system.stop("booking")
    system.start("booking", TESSERA_FAULTS=point)
    system.wait_service("booking")
    try:
        yield
    finally:
        system.stop("booking")
        system.start("booking")
        system.wait_service("booking")


@contextlib.contextmanager
def reconciliation_paused(system):
    """The booking worker's beat reconciles every minute; stopped, it cannot do the work a test is
    about to ask reconciliation for (and look for it undone first)."""
    system.stop("booking-worker")
    try:
        yield
    finally:
        system.start("booking-worker")


@contextlib.contextmanager
def relay_stopped(system):
    system.stop("relay")
    try:
        yield
    finally:
        system.start("relay")


def _one(system, service: str, query: str, **params):
    engine = system.backend.engine(service)
    try:
        with engine.connect() as conn:
            return conn.execute(text(query), params).one()
    finally:
        engine.dispose()


def _booking_of(system, email: str) -> tuple[str, str]:
    """(reference, hold id) of the one booking made with this e-mail."""
    return tuple(
        _one(
            system,
            "booking",
            "SELECT b.reference, b.hold_id FROM bookings b JOIN customers c ON c.id = b.customer_id "
            "WHERE c.email = :email",
            email=email,
        )
    )


def _hold_status(system, hold_id: str) -> str:
    return _one(system, "availability", "SELECT status FROM holds WHERE id = :id", id=hold_id)[0]


def _age_held_holds(system, at: str) -> None:
    """As if the holds' TTL had passed (the demo venue's is 5 minutes)."""
    statement = text(
        "UPDATE holds SET expires_at = '2000-01-01 00:00:00' WHERE status = 'held' AND slot_id = "
        "(SELECT s.id FROM slots s JOIN venues v ON v.id = s.venue_id WHERE v.slug = 'TheHungryUnicorn' "
        "AND s.local_date = :day AND s.local_time = :at)"
    )
    statement = statement.bindparams(bindparam("day", type_=Date()), bindparam("at", type_=Time()))
    engine = system.backend.engine("availability")
    try:
        with engine.begin() as conn:
            assert conn.execute(statement, {"day": date.fromisoformat(DAY), "at": time.fromisoformat(at)}).rowcount == 1
    finally:
        engine.dispose()


def _booked(availability, at: str) -> int:
    return next(slot for slot in availability.slots("TheHungryUnicorn", DAY) if slot["time"] == at)["booked"]


def _job(system, service: str, job: str) -> dict:
    response = requests.post(f"{system.service_urls[service]}/internal/jobs/{job}", headers=HEADERS, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()["result"]


def test_death_between_hold_and_commit_leaves_no_booking_and_the_capacity_returns(system, gateway, availability):
    before = _booked(availability, "12:00")
    body, key = booking_body(DAY, "12:00", 2, email="died-after-hold@example.com"), {"Idempotency-Key": "fault-hold"}
    with booking_service_crashing_at(system, "booking.after_hold"):
        died = gateway.post("/api/v1/bookings", json=body, headers=key)
    assert died.status_code == 503
    assert count_rows(system, "booking", "customers", "email = 'died-after-hold@example.com'") == 0
    assert _booked(availability, "12:00") == before + 2  # held by a booking that never committed

    _age_held_holds(system, "12:00")
    _job(system, "availability", "expire-holds")
    assert _booked(availability, "12:00") == before
    retry = gateway.post("/api/v1/bookings", json=body, headers=key)
    assert retry.status_code == 409 and retry.json()["error"]["code"] == "idempotency_key_spent"


def test_death_after_the_commit_keeps_the_booking_confirms_its_hold_and_answers_the_retry(system, gateway):
    body, key = (
        booking_body(DAY, "13:00", 2, email="died-after-commit@example.com"),
        {"Idempotency-Key": "fault-commit"},
    )
    with booking_service_crashing_at(system, "booking.after_commit"):
        assert gateway.post("/api/v1/bookings", json=body, headers=key).status_code == 503
    reference, hold_id = _booking_of(system, "died-after-commit@example.com")
    wait_until(lambda: _hold_status(system, hold_id) == "confirmed", 10, message="the relay confirms the hold")
    retry = gateway.post("/api/v1/bookings", json=body, headers=key)
    assert retry.status_code == 201 and retry.json()["reference"] == reference
    assert (
        count_rows(
            system,
            "booking",
            "customers c JOIN bookings b ON b.customer_id = c.id",
            "c.email = 'died-after-commit@example.com'",
        )
        == 1
    )


def test_with_the_relay_stopped_reconciliation_confirms_the_holds_bookings_owe(system, gateway):
    body = booking_body(DAY, "12:30", 2, email="relay-stopped@example.com")
    with reconciliation_paused(system), relay_stopped(system):
        assert gateway.post("/api/v1/bookings", json=body).status_code == 201
        _, hold_id = _booking_of(system, "relay-stopped@example.com")
        assert _hold_status(system, hold_id) == "held"
        assert _job(system, "booking", "reconcile")["commands_done"] >= 1
        assert _hold_status(system, hold_id) == "confirmed"


def test_crash_points_are_refused_outside_the_test_environment(monkeypatch):
    from shared import faults
    from shared.config import ConfigError

    monkeypatch.setenv("TESSERA_ENV", "production")
    monkeypatch.setenv("TESSERA_FAULTS", "booking.after_commit")
    with pytest.raises(ConfigError):
        faults.arm_from_environment()
