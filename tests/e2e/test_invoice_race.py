"""Invoice numbers under load (docs/stays.md, "Folio and invoice"): 200 guests checking out at
once at one hotel, through two booking-service replicas, get 200 invoices numbered 1 to 200,
no gap and no number twice; an issued invoice can be changed by nobody, not even by SQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.conftest import future_date
from tests.support.availability import HEADERS, AvailabilityApi
from tests.support.tenants import staff_token

pytestmark = pytest.mark.race  # hundreds of requests at once: make test-pg runs these alone

HOTEL = "invoice-race"
GUESTS = 200


@pytest.fixture(scope="module")
def in_house(system, two_booking_replicas):
    """200 guests checked in at a hotel of 200 rooms; the staff's headers."""
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(HOTEL, kind="hotel", horizon_days=30, min_notice_minutes=0, hold_ttl_seconds=600)
    api.add_room_type(HOTEL, "room", rooms=GUESTS, max_occupancy=2)
    plan = {"room_type": "room", "code": "flexible", "name": "Flexible", "currency": "EUR"}
    created = requests.post(
        f"{system.service_urls['booking']}/v1/venues/{HOTEL}/rate-plans",
        json={**plan, "weekday_price": "80.00", "weekend_price": "95.00"},
        headers=HEADERS,
        timeout=30,
    )
    assert created.status_code == 201, created.text
    staff = {"Authorization": f"Bearer {staff_token(system, HOTEL, 'manager')}"}
    session = requests.Session()

    def check_in(i: int) -> str:
        body = {
            "kind": "stay",
            "venue": HOTEL,
            "room_type": "room",
            "arrival": future_date(0),
            "departure": future_date(1),
            "guests": 1,
            "customer": {"first_name": "Guest", "surname": str(i), "email": f"guest-{i}@example.com"},
        }
        booking = session.post(f"{two_booking_replicas}/api/v1/bookings", json=body, timeout=60)
        assert booking.status_code == 201, booking.text
        reference = booking.json()["reference"]
        checked_in = session.post(
            f"{two_booking_replicas}/api/v1/bookings/{reference}/check-in", json={}, headers=staff, timeout=60
        )
        assert checked_in.status_code == 200, checked_in.text
        return reference

    with session, ThreadPoolExecutor(max_workers=8) as pool:
        references = list(pool.map(check_in, range(GUESTS)))
    return references, staff


def test_two_hundred_check_outs_at_once_number_their_invoices_one_to_two_hundred(
    system, two_booking_replicas, in_house
):
    references, staff = in_house
    barrier = threading.Barrier(GUESTS)
    session = requests.Session()

    def check_out(reference: str):
        barrier.wait()
        return session.post(f"{two_booking_replicas}/api/v1/bookings/{reference}/check-out", headers=staff, timeout=120)

    with session, ThreadPoolExecutor(max_workers=GUESTS) as pool:
        answers = list(pool.map(check_out, references))
    assert {answer.status_code for answer in answers} == {200}, {a.status_code: a.text for a in answers}
    numbers = []
    for reference in references:
        invoice = requests.get(f"{two_booking_replicas}/api/v1/bookings/{reference}/invoice", headers=staff, timeout=30)
        assert invoice.status_code == 200, invoice.text
        numbers.append(invoice.json()["number"])
    assert sorted(numbers) == list(range(1, GUESTS + 1))


def test_an_issued_invoice_cannot_be_changed_through_the_api_nor_in_the_database(
    system, two_booking_replicas, in_house
):
    references, staff = in_house
    path = f"{two_booking_replicas}/api/v1/bookings/{references[0]}/invoice"
    for method in ("PUT", "PATCH", "DELETE"):
        refused = requests.request(method, path, json={"total": "0.00"}, headers=staff, timeout=30)
        assert refused.status_code == 405, (method, refused.text)
        assert refused.json()["error"]["code"] == "method_not_allowed"
    engine = system.backend.engine("booking")
    try:
        for statement in (
            "UPDATE invoices SET total = '0.00' WHERE venue = :venue",
            "DELETE FROM invoices WHERE venue = :venue",
        ):
            with pytest.raises(DBAPIError, match="cannot be changed or deleted"), engine.begin() as conn:
                conn.execute(text(statement), {"venue": HOTEL})
        with engine.connect() as conn:
            assert (
                conn.execute(text("SELECT COUNT(*) FROM invoices WHERE venue = :venue"), {"venue": HOTEL}).scalar_one()
                == GUESTS
            )
    finally:
        engine.dispose()
