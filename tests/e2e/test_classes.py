"""A class through the gateway (docs/appointments.md, "Classes"): the demo clinic's Pilates class
(capacity 6, seeded by `seed-demo`) is booked by the place; the search's places left drop and come
back when a booking is cancelled, a party larger than what is left is refused and stores nothing,
the e-mail says it is a class and how many places, and the ledger stays sound."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import count_rows
from tests.e2e.test_booking_flow import _emails_for
from tests.support.availability import AvailabilityApi
from tests.support.processes import wait_until

CLINIC = "TheMeadowClinic"
AT = "17:00"  # Sofia Lang teaches weekday evenings (availability_service/seed.py)
ATHLETE = {"first_name": "Nora", "surname": "Brandt", "email": "nora@example.com"}
FRIEND = {"first_name": "Ida", "surname": "Kraus", "email": "ida@example.com"}


def _weekday(ahead: int) -> str:
    day = date.today() + timedelta(days=ahead)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day.isoformat()


DAY = _weekday(12)


def _class(customer: dict, **extra) -> dict:
    return {
        "kind": "appointment",
        "venue": CLINIC,
        "service": "pilates",
        "date": DAY,
        "time": AT,
        "customer": customer,
        **extra,
    }


def _places_left(gateway) -> int:
    found = gateway.get(
        f"/api/v1/venues/{CLINIC}/appointments/availability", params={"service": "pilates", "date": DAY}
    )
    assert found.status_code == 200, found.text
    assert found.json()["capacity"] == 6
    return {slot["time"]: slot["places_left"] for slot in found.json()["slots"]}[AT]


def test_places_in_a_class_are_booked_counted_and_given_back(system, gateway):
    pilates = gateway.get(f"/api/v1/venues/{CLINIC}/services/pilates").json()
    assert (pilates["name"], pilates["capacity"], pilates["requires"]) == ("Pilates class", 6, ["studio"])
    assert _places_left(gateway) == 6

    created = gateway.post(
        "/api/v1/bookings", json=_class(ATHLETE, party_size=2), headers={"Idempotency-Key": "pilates-1"}
    )
    assert created.status_code == 201, created.text
    booking = created.json()
    assert (booking["kind"], booking["party_size"], booking["total"]) == (
        "appointment",
        2,
        {"amount": "44.00", "currency": "EUR"},  # 22.00 a place
    )
    appointment = booking["appointment"]
    assert (
        appointment["service_name"],
        appointment["staff"]["name"],
        [r["name"] for r in appointment["resources"]],
    ) == (
        "Pilates class",
        "Sofia Lang",
        ["Movement studio"],
    )
    assert appointment["class_session"] == {"id": appointment["class_session"]["id"], "capacity": 6, "places": 2}
    wait_until(lambda: _places_left(gateway) == 4, 10, message="two places fewer")

    friend = gateway.post("/api/v1/bookings", json=_class(FRIEND)).json()
    assert friend["appointment"]["class_session"] == {**appointment["class_session"], "places": 1}
    wait_until(lambda: _places_left(gateway) == 3, 10, message="one place fewer")

    bookings_before = count_rows(system, "booking", "bookings")
    too_many = gateway.post("/api/v1/bookings", json=_class({**FRIEND, "email": "crowd@example.com"}, party_size=4))
    assert (too_many.status_code, too_many.json()["error"]["code"]) == (409, "class_full"), too_many.text
    assert count_rows(system, "booking", "bookings") == bookings_before
    assert _places_left(gateway) == 3

    email = wait_until(lambda: _emails_for(system, booking["reference"]), 15, message="the class's confirmation")[0]
    text = email.get_body(("plain",)).get_content()
    assert "Class:      Pilates class with Sofia Lang" in text and "2 places in the class" in text and "€44.00" in text

    for each, customer in ((booking, ATHLETE), (friend, FRIEND)):
        cancelled = gateway.post(
            f"/api/v1/bookings/{each['reference']}/cancel", params={"email": customer["email"]}, json={"reason_id": 1}
        )
        assert cancelled.json()["status"] == "cancelled", cancelled.text
    wait_until(lambda: _places_left(gateway) == 6, 10, message="every place given back")
    ledger = AvailabilityApi(system.service_urls["availability"]).run_job("check-ledger")
    assert ledger == {"slots": [], "resources": [], "class_sessions": []}


def test_a_party_for_one_persons_appointment_or_no_places_is_refused_and_stores_nothing(system, gateway):
    before = count_rows(system, "booking", "bookings")
    for body, status, code in (
        ({**_class(ATHLETE, party_size=0)}, 422, "validation_failed"),
        ({**_class(ATHLETE, party_size=7)}, 422, "party_too_large"),
        (
            {**_class(ATHLETE), "service": "consultation", "time": "10:00", "party_size": 2},
            422,
            "appointment_not_bookable",
        ),
    ):
        refused = gateway.post("/api/v1/bookings", json=body)
        assert (refused.status_code, refused.json()["error"]["code"]) == (status, code), refused.text
    assert count_rows(system, "booking", "bookings") == before
