"""Joining a waitlist twice at once (docs/appointments.md, "Waitlist"): joins of one person for
overlapping times, made to meet inside their transactions, leave one entry and answer the others
`409 already_waiting`, for a known customer (whose row is the lock) and a new one (whose row one join
creates and the others collide on). The booking service runs in this process on the suite's database;
its availability port is a stand-in that finds every time taken, as a join needs it to be."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from booking_service import availability_client
from booking_service.app import create_app
from booking_service.config import Settings
from booking_service.extensions import db
from booking_service.models import Customer, WaitlistEntry
from booking_service.reservations import waitlist
from shared.clock import iso_utc
from shared.errors import ApiError
from shared.migrations import upgrade
from tests.support.backends import service_database

MIGRATIONS = Path(__file__).resolve().parents[2] / "booking_service" / "migrations"
LAB = "waitlist-joins"
LASER = 7
JOINS = 4


class TakenTimes:
    """The two calls a join makes of the availability service: the resource's calendar (its name, the
    venue's zone, the range as instants) and a dry run of the hold, which finds the time taken."""

    def resource_calendar(self, venue: str, resource: int, start: datetime, end: datetime) -> dict:
        offset = timedelta(hours=5)  # New York in winter
        return {
            "resource": {"id": resource, "name": "Laser cutter"},
            "timezone": "America/New_York",
            "starts_at": iso_utc(start + offset),
            "ends_at": iso_utc(end + offset),
            "free": [],
            "busy": [],
        }

    def place_reservation_hold(self, hold_key: str, request) -> dict:
        raise ApiError("Taken.", code="resource_unavailable", status=409)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("waitlist-joins")
    with service_database(var_dir, "booking") as url, pytest.MonkeyPatch.context() as env:
        upgrade(MIGRATIONS, url, "booking_alembic_version")
        env.setenv("TESSERA_ENV", "test")
        env.setenv("TESSERA_VAR_DIR", str(var_dir))
        env.setenv("BOOKING_DATABASE_URL", url)
        app = create_app(Settings.from_env())
        availability_client.bind(TakenTimes())
        yield app.test_client()
        availability_client.bind(None)
        db.dispose()


def join(client, email: str, start: str, end: str):
    """As a customer does, through the gateway: no credential, their own details."""
    body = {"start": start, "end": end, "customer": {"first_name": "Eve", "surname": "Waits", "email": email}}
    return client.post(f"/v1/venues/{LAB}/resources/{LASER}/waitlist", json=body)


def rows(model, email: str) -> int:
    column = WaitlistEntry.contact_email if model is WaitlistEntry else Customer.email
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(column == email)) or 0


def joins_at_once(client, monkeypatch, email: str, start: str, end: str) -> list[tuple[int, str | None]]:
    """JOINS joins, each waiting once it has found its customer until all have (or two seconds have
    passed: on SQLite the first one's write transaction keeps the others out until it commits), so
    that they look for each other's entries at the same moment."""
    barrier = threading.Barrier(JOINS)
    real = waitlist.match_customer

    def then_meet(*args, **kwargs):
        customer = real(*args, **kwargs)
        try:
            barrier.wait(timeout=2)
        except threading.BrokenBarrierError:
            pass
        return customer

    monkeypatch.setattr(waitlist, "match_customer", then_meet)

    def attempt(_):
        answer = join(client.application.test_client(), email, start, end)
        return answer.status_code, (answer.json.get("error") or {}).get("code")

    with ThreadPoolExecutor(max_workers=JOINS) as pool:
        return sorted(pool.map(attempt, range(JOINS)))


@pytest.mark.parametrize("known", [True, False], ids=["a known customer", "a new customer"])
def test_joins_at_once_for_overlapping_times_make_one_entry(client, monkeypatch, known):
    email = f"{'known' if known else 'new'}@example.com"
    if known:  # a wait of their own at another time: the customer exists before the race
        earlier = join(client, email, "2027-03-08T08:00", "2027-03-08T09:00")
        assert earlier.status_code == 201, earlier.json
    answers = joins_at_once(client, monkeypatch, email, "2027-03-08T10:00", "2027-03-08T11:00")
    assert answers == [(201, None)] + [(409, "already_waiting")] * (JOINS - 1)
    assert (rows(WaitlistEntry, email), rows(Customer, email)) == (2 if known else 1, 1)
