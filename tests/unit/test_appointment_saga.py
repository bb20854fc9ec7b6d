"""Booking an appointment (docs/appointments.md, "Booking an appointment") against the fake
availability port and a SQLite store: the booking keeps who takes it and the price as held, a
move keeps the staff member unless asked and names the hold it replaces, "anyone" lets the
service choose, and a refusal writes nothing."""

from __future__ import annotations

import json
from datetime import date, time, timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from booking_service import availability_client
from booking_service.bookings import changes
from booking_service.bookings.service import create_booking
from booking_service.extensions import db
from booking_service.models import Base, Booking, CancellationReason
from shared.errors import ApiError
from tests.support.fake_availability import VENUE, FakeAvailability
from tests.unit.test_booking_saga import ANONYMOUS, CUSTOMER, customer_access

DAY = date.today() + timedelta(days=10)
ANA, BEN = 11, 12


@pytest.fixture
def clinic(tmp_path) -> FakeAvailability:
    db.init(f"sqlite:///{tmp_path / 'booking.db'}")
    Base.metadata.create_all(db.engine)
    with db.transaction() as session:
        session.add(CancellationReason(id=1, reason="changed plans", description="", customer_may_choose=True))
    fake = FakeAvailability()
    fake.open_service("physio", {ANA: "Ana", BEN: "Ben"}, price="75.00")
    availability_client.bind(fake)
    app = Flask(__name__)
    app.config["REMINDER_LEAD_MINUTES"] = 24 * 60
    with app.test_request_context():
        yield fake
    availability_client.bind(None)
    db.dispose()


def _book(at: str = "10:00", staff: int | None = None) -> dict:
    data = {
        "kind": "appointment",
        "venue": VENUE,
        "service": "physio",
        "date": DAY,
        "time": time.fromisoformat(at),
        "staff": staff,
        "customer": dict(CUSTOMER),
    }
    status, body = create_booking(data, creator=ANONYMOUS)
    assert status == 201
    return json.loads(body)


def _bookings() -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Booking)) or 0


def test_an_appointment_keeps_who_takes_it_and_its_price(clinic):
    booking = _book()
    assert booking["kind"] == "appointment"
    assert booking["appointment"] == {
        "service": "physio",
        "service_name": "Physio",
        "staff": {"id": ANA, "name": "Ana"},
        "resources": [],
        "class_session": None,  # one person's appointment, not a class
    }
    assert (booking["party_size"], booking["total"]) == (1, {"amount": "75.00", "currency": "EUR"})
    assert _book()["appointment"]["staff"]["id"] == BEN  # Ana is taken then: anyone gives Ben


def test_a_move_keeps_the_staff_member_and_names_the_hold_it_replaces(clinic):
    booking = _book(staff=BEN)
    status, body = changes.update_booking(booking["reference"], customer_access(), {"time": time(10, 30)})
    moved = json.loads(body)
    assert (status, moved["time"], moved["appointment"]["staff"]["id"]) == (200, "10:30", BEN)
    new_hold = next(hold for hold in clinic.holds.values() if hold.slot[2] == time(10, 30))
    old_hold = next(hold for hold in clinic.holds.values() if hold.slot[2] == time(10, 0))
    assert (new_hold.replaces, old_hold.status) == (old_hold.id, "released")
    status, body = changes.update_booking(booking["reference"], customer_access(), {"staff": None, "time": time(11, 0)})
    assert json.loads(body)["appointment"]["staff"]["id"] == ANA  # anyone: the service chose


def test_a_refused_appointment_writes_nothing(clinic):
    _book(staff=ANA)
    for staff, code in ((ANA, "staff_unavailable"), (99, "staff_not_for_service")):
        with pytest.raises(ApiError) as refused:
            _book(staff=staff)
        assert refused.value.code == code
    assert _bookings() == 1
