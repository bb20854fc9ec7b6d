"""A hotel's reports through the gateway (docs/stays.md, "Reports"): occupancy, ADR and RevPAR
from what was sold, the rooms out of order and the charges posted."""

from __future__ import annotations

import pytest
import requests

from tests.conftest import Gateway, future_date
from tests.support.availability import HEADERS, AvailabilityApi
from tests.support.tenants import staff_token

HOTEL = "report-hotel"


@pytest.fixture(scope="module")
def staff(system):
    gateway = Gateway(system.gateway_url)
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(HOTEL, kind="hotel", timezone="Europe/Lisbon", horizon_days=60, min_notice_minutes=0)
    api.add_room_type(HOTEL, "double", rooms=2, max_occupancy=2)
    booking = system.service_urls["booking"]
    plan = {"room_type": "double", "code": "flexible", "name": "Flexible", "currency": "EUR"}
    for path, body in (
        ("rate-plans", {**plan, "weekday_price": "100.00", "weekend_price": "100.00"}),
        ("stays/catalogue", {"code": "wine", "name": "Wine", "price": "18.00", "currency": "EUR", "stock": None}),
    ):
        created = requests.post(f"{booking}/v1/venues/{HOTEL}/{path}", json=body, headers=HEADERS, timeout=30)
        assert created.status_code == 201, created.text
    requests.put(
        f"{booking}/v1/venues/{HOTEL}/stay-taxes",
        json={"currency": "EUR", "percent": "10", "city_tax_per_guest_night": "0"},
        headers=HEADERS,
        timeout=30,
    ).raise_for_status()
    headers = {"Authorization": f"Bearer {staff_token(system, HOTEL, 'manager')}"}
    tonight = _book(gateway, 0, 1)
    assert (
        gateway.post(f"/api/v1/bookings/{tonight['reference']}/check-in", json={}, headers=headers).status_code == 200
    )
    assert (
        gateway.post(
            f"/api/v1/bookings/{tonight['reference']}/charges", json={"item": "wine", "quantity": 1}, headers=headers
        ).status_code
        == 201
    )
    _book(gateway, 1, 3)
    api.ok(
        "POST",
        f"/v1/venues/{HOTEL}/rooms/double-2/blocks",
        json={"first_night": future_date(2), "end_night": future_date(3)},
    )
    return headers


def _book(gateway, arrival: int, departure: int) -> dict:
    body = {
        "kind": "stay",
        "venue": HOTEL,
        "room_type": "double",
        "arrival": future_date(arrival),
        "departure": future_date(departure),
        "guests": 2,
        "customer": {"first_name": "Rita", "surname": "Lopes", "email": "rita@example.com"},
    }
    created = gateway.post("/api/v1/bookings", json=body)
    assert created.status_code == 201, created.text
    return created.json()


def _report(gateway, headers, first: int, end: int):
    return gateway.get(
        f"/api/v1/venues/{HOTEL}/stays/reports",
        params={"from": future_date(first), "to": future_date(end)},
        headers=headers,
    )


def test_the_report_counts_what_was_sold_the_rooms_out_of_order_and_the_charges(gateway, staff):
    answer = _report(gateway, staff, 0, 4)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    nights = [(day["total"]["available"], day["total"]["sold"], day["total"]["occupancy"]) for day in report["days"]]
    assert nights == [
        (2, 1, "50.00"),
        (2, 1, "50.00"),
        (1, 1, "100.00"),
        (2, 0, "0.00"),
    ]  # double-2 out of order on night 2
    assert report["total"]["room_revenue"] == {"amount": "300.00", "currency": "EUR"}
    assert (report["total"]["adr"]["amount"], report["total"]["revpar"]["amount"]) == ("100.00", "42.86")
    revenue = {row["kind"]: row["amount"]["amount"] for row in report["revenue_by_kind"]}
    assert revenue == {"charge": "18.00", "night": "300.00", "tax": "30.00"}


@pytest.mark.parametrize(("first", "end"), [(3, 3), (5, 2), (0, 93)])
def test_a_range_that_is_not_a_range_is_refused(gateway, staff, first, end):
    refused = _report(gateway, staff, first, end)
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "validation_failed")


def test_only_the_venues_staff_see_its_reports(system, gateway, staff):
    assert _report(gateway, {}, 0, 1).status_code == 401
    other = {"Authorization": f"Bearer {staff_token(system, 'TheHungryUnicorn', 'manager')}"}
    assert _report(gateway, other, 0, 1).status_code in (403, 404)
