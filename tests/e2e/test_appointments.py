"""Appointments through the gateway (docs/appointments.md): a customer books a service with any
staff member or one they choose, is e-mailed, moves and cancels it; the staff member and the room
are held and given back together."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import count_rows, future_date
from tests.e2e.test_booking_flow import _emails_for
from tests.support.availability import AvailabilityApi
from tests.support.processes import wait_until

CLINIC = "appointments-e2e"
PATIENT = {"first_name": "Lena", "surname": "Vogel", "email": "lena@example.com", "mobile": "+4915112345678"}
ALL_WEEK = [(day, "08:00", "18:00") for day in range(7)]


@pytest.fixture(scope="module")
def clinic(system):
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(CLINIC, kind="clinic", timezone="Europe/Berlin", horizon_days=60, min_notice_minutes=0)
    staff = {name: api.add_staff(CLINIC, name, ALL_WEEK) for name in ("Dr Adler", "Dr Berg")}
    api.ok("POST", f"/v1/venues/{CLINIC}/resources", json={"name": "Room A", "kind": "room", "tags": ["room"]})
    api.ok(
        "POST",
        f"/v1/venues/{CLINIC}/services",
        json={
            "code": "check-up",
            "name": "Check-up",
            "duration_minutes": 30,
            "buffer_after_minutes": 10,
            "price": "80.00",
            "currency": "EUR",
            "staff": list(staff.values()),
            "requires": ["room"],
        },
    )
    return api, staff


def _appointment(day: int, at: str, **extra) -> dict:
    return {
        "kind": "appointment",
        "venue": CLINIC,
        "service": "check-up",
        "date": future_date(day),
        "time": at,
        "customer": dict(PATIENT),
        **extra,
    }


def _times(gateway, day: int) -> dict[str, list[int]]:
    found = gateway.get(
        f"/api/v1/venues/{CLINIC}/appointments/availability", params={"service": "check-up", "date": future_date(day)}
    )
    assert found.status_code == 200, found.text
    return {slot["time"]: slot["staff"] for slot in found.json()["slots"]}


def test_the_catalogue_shows_the_services_and_who_performs_them(gateway, clinic):
    _, staff = clinic
    services = gateway.get(f"/api/v1/venues/{CLINIC}/services").json()["items"]
    assert [(s["code"], s["price"], [m["id"] for m in s["staff"]]) for s in services] == [
        ("check-up", {"amount": "80.00", "currency": "EUR"}, list(staff.values()))
    ]
    members = gateway.get(f"/api/v1/venues/{CLINIC}/staff").json()["items"]
    assert [(m["name"], m["services"]) for m in members] == [("Dr Adler", ["check-up"]), ("Dr Berg", ["check-up"])]


def test_a_customer_books_any_staff_is_e_mailed_and_the_room_and_doctor_are_held(system, gateway, clinic):
    _, staff = clinic
    assert _times(gateway, 5)["10:00"] == list(staff.values())
    headers = {"Idempotency-Key": "appointment-e2e-1"}
    created = gateway.post("/api/v1/bookings", json=_appointment(5, "10:00", staff=None), headers=headers)
    assert created.status_code == 201, created.text
    booking = created.json()
    assert (booking["kind"], booking["status"], booking["time"], booking["total"]) == (
        "appointment",
        "confirmed",
        "10:00",
        {"amount": "80.00", "currency": "EUR"},
    )
    assert booking["appointment"]["staff"] == {"id": staff["Dr Adler"], "name": "Dr Adler"}
    assert [r["name"] for r in booking["appointment"]["resources"]] == ["Room A"]
    again = gateway.post("/api/v1/bookings", json=_appointment(5, "10:00", staff=None), headers=headers)
    assert (again.status_code, again.content) == (201, created.content)
    # The one room is taken 10:00-10:40 (30 minutes and a 10-minute buffer): no one can be offered then.
    times = _times(gateway, 5)
    assert "10:00" not in times and "10:30" not in times and "10:45" in times
    email = wait_until(lambda: _emails_for(system, booking["reference"]), 15, message="appointment confirmation")[0]
    text = email.get_body(("plain",)).get_content()
    assert "Check-up with Dr Adler" in text and "€80.00" in text


def test_a_move_takes_the_new_time_first_and_a_cancel_gives_everything_back(system, gateway, clinic):
    api, staff = clinic
    booking = gateway.post("/api/v1/bookings", json=_appointment(6, "09:00", staff=staff["Dr Berg"])).json()
    assert booking["appointment"]["staff"]["id"] == staff["Dr Berg"]
    email = {"email": PATIENT["email"]}
    # The one room is the booking's own at 09:00: the public search has no 09:15, the move's has.
    assert "09:15" not in _times(gateway, 6)
    move_times = gateway.get(
        f"/api/v1/bookings/{booking['reference']}/appointment-times", params={**email, "date": future_date(6)}
    )
    assert move_times.status_code == 200, move_times.text
    offered = {slot["time"]: slot["staff"] for slot in move_times.json()["slots"]}
    assert offered["09:15"] == list(staff.values()) and offered["09:00"] == list(staff.values())
    stranger = gateway.get(
        f"/api/v1/bookings/{booking['reference']}/appointment-times",
        params={"email": "someone@example.com", "date": future_date(6)},
    )
    assert stranger.status_code == 404
    moved = gateway.patch(f"/api/v1/bookings/{booking['reference']}", params=email, json={"time": "14:00"})
    assert moved.status_code == 200, moved.text
    assert (moved.json()["time"], moved.json()["appointment"]["staff"]["id"]) == ("14:00", staff["Dr Berg"])
    times = _times(gateway, 6)
    assert "09:00" in times and "14:00" not in times
    other = gateway.patch(f"/api/v1/bookings/{booking['reference']}", params=email, json={"staff": staff["Dr Adler"]})
    assert other.json()["appointment"]["staff"]["id"] == staff["Dr Adler"]
    cancelled = gateway.post(f"/api/v1/bookings/{booking['reference']}/cancel", params=email, json={"reason_id": 1})
    assert cancelled.json()["status"] == "cancelled"
    wait_until(lambda: "14:00" in _times(gateway, 6), 10, message="the cancelled time offered again")
    assert _times(gateway, 6)["14:00"] == list(staff.values())
    assert api.run_job("check-ledger") == {"slots": [], "resources": [], "class_sessions": []}


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"service": "brain-surgery"}, 404, "service_not_found"),
        ({"date": future_date(-1)}, 422, "appointment_not_bookable"),
        ({"time": "06:00"}, 409, "staff_unavailable"),  # before anyone's hours
        ({"staff": 2**31 - 1}, 422, "staff_not_for_service"),
        ({"party_size": 2}, 422, "appointment_not_bookable"),  # places are a class's; a check-up takes one
        ({"room_number": "12"}, 422, "validation_failed"),  # a table's field
        ({"service": None}, 422, "validation_failed"),
    ],
)
def test_bad_appointments_are_refused_and_write_nothing(system, gateway, clinic, change, status, code):
    bookings = count_rows(system, "booking", "bookings")
    refused = gateway.post("/api/v1/bookings", json=_appointment(7, "11:00", **change))
    assert (refused.status_code, refused.json()["error"]["code"]) == (status, code), refused.text
    assert count_rows(system, "booking", "bookings") == bookings
    assert "11:00" in _times(gateway, 7)


def test_a_table_field_on_an_appointment_and_the_reverse_are_refused(gateway, clinic):
    booking = gateway.post("/api/v1/bookings", json=_appointment(8, "12:00")).json()
    wrong = gateway.patch(
        f"/api/v1/bookings/{booking['reference']}", params={"email": PATIENT["email"]}, json={"room_number": "3"}
    )
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (422, "validation_failed")
    party = gateway.patch(
        f"/api/v1/bookings/{booking['reference']}", params={"email": PATIENT["email"]}, json={"party_size": 3}
    )
    assert (party.status_code, party.json()["error"]["code"]) == (422, "appointment_not_bookable")


def test_the_demo_clinic_offers_its_services_with_its_staff(gateway):
    services = gateway.get("/api/v1/venues/TheMeadowClinic/services").json()["items"]
    assert len(services) == 6 and {s["code"] for s in services} >= {"consultation", "physiotherapy", "pilates"}
    staff = gateway.get("/api/v1/venues/TheMeadowClinic/staff").json()["items"]
    assert [(m["name"], m["description"]) for m in staff][:1] == [("Dr Hanna Weber", "General practitioner")]
    assert len(staff) == 5  # four who see patients, and the Pilates instructor
    monday = date.today() + timedelta(days=7 - date.today().weekday())  # next Monday, a working day
    found = gateway.get(
        "/api/v1/venues/TheMeadowClinic/appointments/availability",
        params={"service": "physiotherapy", "date": monday.isoformat()},
    ).json()
    assert found["slots"][0]["time"] == "08:00" and found["timezone"] == "Europe/Berlin"
