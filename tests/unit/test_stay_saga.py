"""Booking a stay (docs/stays.md, "Booking a stay") against the fake availability port and a SQLite
store: priced before anything is held, one hold for all the nights, the price kept on the
booking, moves that take new nights first or keep the hold, and refusals that write nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import func, select

from booking_service import availability_client, hold_commands
from booking_service.bookings import changes
from booking_service.bookings.service import create_booking
from booking_service.errors import RatePlanNotOnSale, StayNotBookable
from booking_service.extensions import db
from booking_service.models import Base, Booking, CancellationReason, HoldCommand, OutboxEvent
from booking_service.rates.schemas import RatePlanCreateSchema, RatePlanUpdateSchema, StayTaxesSetSchema
from booking_service.rates.service import create_rate_plan, set_stay_taxes, update_rate_plan
from booking_service.stays.reports import stay_report
from shared.identity import BOOKINGS_READ, Caller
from tests.support.fake_availability import VENUE, FakeAvailability
from tests.unit.test_booking_saga import ANONYMOUS, CUSTOMER, customer_access

MONDAY = date.today() + timedelta(days=30 - date.today().weekday())  # a Monday a month or so ahead


def night(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


@pytest.fixture
def hotel(tmp_path) -> FakeAvailability:
    db.init(f"sqlite:///{tmp_path / 'booking.db'}")
    Base.metadata.create_all(db.engine)
    with db.transaction() as session:
        session.add(CancellationReason(id=1, reason="changed plans", description="", customer_may_choose=True))
    fake = FakeAvailability()
    fake.open_room_type("double", units=2, max_occupancy=2)
    fake.open_room_type("loft", units=1, max_occupancy=3)
    availability_client.bind(fake)
    set_stay_taxes(
        VENUE, StayTaxesSetSchema().load({"currency": "EUR", "percent": "10", "city_tax_per_guest_night": "0"})
    )
    for room_type, price in (("double", "100.00"), ("loft", "200.00")):
        plan = {"room_type": room_type, "currency": "EUR", "weekday_price": price, "weekend_price": price}
        create_rate_plan(
            VENUE, RatePlanCreateSchema().load({**plan, "code": "saver", "name": "Saver", "min_nights": 3})
        )
        create_rate_plan(VENUE, RatePlanCreateSchema().load({**plan, "code": "flexible", "name": "Flexible"}))
    app = Flask(__name__)
    app.config["REMINDER_LEAD_MINUTES"] = 24 * 60
    with app.test_request_context():
        yield fake
    availability_client.bind(None)
    db.dispose()


def stay(arrival: int = 0, departure: int = 2, room_type: str = "double", guests: int = 2, **extra) -> dict:
    return {
        "kind": "stay",
        "venue": VENUE,
        "room_type": room_type,
        "arrival": night(arrival),
        "departure": night(departure),
        "guests": guests,
        "customer": dict(CUSTOMER),
        **extra,
    }


def book(key: str | None = None, **overrides) -> dict:
    status, answer = create_booking(stay(**overrides), creator=ANONYMOUS, idempotency_key=key)
    assert status == 201
    return json.loads(answer)


def count(model) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_stay_holds_its_nights_once_and_keeps_the_lines_and_total_it_was_sold_at(hotel):
    booking = book(arrival=0, departure=2, rate_plan="flexible")
    assert (booking["kind"], booking["date"], booking["time"], booking["party_size"]) == (
        "stay",
        night(0).isoformat(),
        "12:00",
        2,
    )
    lines = booking["stay"]["lines"]
    assert [(line["kind"], line["amount"]["amount"]) for line in lines] == [
        ("night", "100.00"),
        ("night", "100.00"),
        ("tax", "20.00"),
    ]
    assert booking["total"] == {"amount": "220.00", "currency": "EUR"}
    assert sum(Decimal(line["amount"]["amount"]) for line in lines) == Decimal("220.00")
    assert [hotel.rooms_taken("double", night(n)) for n in range(-1, 3)] == [0, 1, 1, 0]
    assert [call for call, _ in hotel.calls] == ["place"]  # the relay confirms it


def test_without_a_rate_plan_a_stay_is_sold_on_the_first_plan_that_sells_it(hotel):
    assert book(arrival=0, departure=2)["stay"]["rate_plan"] == "flexible"  # saver needs 3 nights
    assert book(arrival=3, departure=6)["stay"]["rate_plan"] == "saver"


def test_the_price_a_stay_was_sold_at_does_not_follow_the_plan(hotel):
    booking = book(rate_plan="flexible")
    update_rate_plan(VENUE, "double", "flexible", RatePlanUpdateSchema().load({"weekday_price": "500.00"}))
    with db.reading() as session:
        total = session.scalar(select(Booking.total_amount).where(Booking.reference == booking["reference"]))
    assert total == Decimal("220.00")


@pytest.mark.parametrize(
    ("request_body", "refusal", "code"),
    [
        (stay(rate_plan="saver"), StayNotBookable, "stay_not_bookable"),  # 2 nights, saver sells 3 or more
        (stay(rate_plan="members"), RatePlanNotOnSale, "rate_plan_not_on_sale"),
        (stay(room_type="penthouse"), RatePlanNotOnSale, "rate_plan_not_on_sale"),
    ],
)
def test_a_stay_its_plans_do_not_sell_is_refused_before_anything_is_held(hotel, request_body, refusal, code):
    with pytest.raises(refusal) as refused:
        create_booking(request_body, creator=ANONYMOUS)
    assert refused.value.code == code
    assert (hotel.calls, count(Booking), count(OutboxEvent)) == ([], 0, 0)


def test_a_sold_out_night_refuses_the_whole_stay_and_writes_nothing(hotel):
    book(room_type="loft", arrival=1, departure=2, guests=3)
    with pytest.raises(Exception) as refused:
        book(room_type="loft", arrival=0, departure=3, guests=1)
    assert getattr(refused.value, "code", None) == "resource_unavailable"
    assert (count(Booking), hotel.rooms_taken("loft", night(0))) == (1, 0)


def test_the_same_key_replays_the_stay_and_holds_its_nights_once(hotel):
    first = create_booking(stay(), creator=ANONYMOUS, idempotency_key="stay-1")
    again = create_booking(stay(), creator=ANONYMOUS, idempotency_key="stay-1")
    assert first == again
    assert (count(Booking), hotel.rooms_taken("double", night(0))) == (1, 1)


def test_new_dates_take_new_nights_first_and_are_priced_again(hotel):
    booking = book(arrival=0, departure=2, rate_plan="flexible")
    status, answer = changes.update_booking(
        booking["reference"], customer_access(), {"arrival": night(1), "departure": night(4)}
    )
    moved = json.loads(answer)
    assert (status, moved["stay"]["nights"], moved["total"]["amount"]) == (200, 3, "330.00")
    assert [call for call, _ in hotel.calls[-2:]] == ["place", "release"]
    assert [hotel.rooms_taken("double", night(n)) for n in range(5)] == [0, 1, 1, 1, 0]
    with db.reading() as session:
        pending = session.scalars(select(HoldCommand).where(HoldCommand.done_at.is_(None))).all()
    assert {command.command for command in pending} == {HoldCommand.CONFIRM}  # the relay's to send
    hold_commands.confirm_owed()
    with db.reading() as session:
        pending = session.scalars(select(HoldCommand).where(HoldCommand.done_at.is_(None))).all()
    assert pending == []


def test_more_guests_keep_the_hold_within_the_room_types_occupancy(hotel):
    booking = book(room_type="loft", guests=1, rate_plan="flexible")
    status, answer = changes.update_booking(booking["reference"], customer_access(), {"guests": 3})
    assert (status, json.loads(answer)["stay"]["guests"]) == (200, 3)
    assert [call for call, _ in hotel.calls] == ["place", "room_type"]  # no new hold
    with pytest.raises(StayNotBookable):
        changes.update_booking(booking["reference"], customer_access(), {"guests": 4})


def test_another_room_type_is_sold_on_its_own_first_plan(hotel):
    booking = book(arrival=0, departure=3, rate_plan="saver")
    _, answer = changes.update_booking(booking["reference"], customer_access(), {"room_type": "loft"})
    moved = json.loads(answer)
    assert (moved["stay"]["room_type"], moved["stay"]["rate_plan"], moved["total"]["amount"]) == (
        "loft",
        "saver",
        "660.00",
    )
    assert (hotel.rooms_taken("double", night(0)), hotel.rooms_taken("loft", night(0))) == (0, 1)


@pytest.mark.parametrize("field", [{"time": "20:00"}, {"party_size": 3}, {"date": "2030-01-01"}])
def test_a_tables_fields_are_refused_on_a_stay(hotel, field):
    booking = book()
    with pytest.raises(Exception) as refused:
        changes.update_booking(booking["reference"], customer_access(), field)
    assert getattr(refused.value, "code", None) == "validation_failed"


def test_cancelling_a_stay_gives_its_nights_back(hotel):
    booking = book()
    changes.cancel_booking(booking["reference"], customer_access(), 1)
    assert hotel.rooms_taken("double", night(0)) == 0


def test_a_report_counts_the_stays_sold_against_the_rooms_there_are(hotel):
    book(arrival=0, departure=2, rate_plan="flexible")
    staff = Caller(kind="staff", subject="staff-1", grants={VENUE: frozenset({BOOKINGS_READ})})
    figures = stay_report(staff, VENUE, night(0), night(3))
    assert [(day["total"]["available"], day["total"]["sold"]) for day in figures["days"]] == [(3, 1), (3, 1), (3, 0)]
    assert (figures["total"]["room_revenue"]["amount"], figures["total"]["occupancy"]) == ("200.00", "22.22")
