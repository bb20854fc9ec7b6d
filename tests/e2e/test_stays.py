"""Stays through the gateway, on the demo hotel (docs/stays.md): search with prices, book a stay
that keeps the total it was sold at, change it, cancel it, and refuse what cannot be sold."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import count_rows, future_date
from tests.e2e.test_booking_flow import _emails_for
from tests.support.processes import wait_until

HOTEL = "TheHarbourHotel"
GUEST = {"first_name": "Ines", "surname": "Sousa", "email": "ines@example.com", "mobile": "+351912345678"}


def _search(gateway, arrival: int, departure: int, guests: int = 2):
    return gateway.get(
        f"/api/v1/venues/{HOTEL}/stays/availability",
        params={"arrival": future_date(arrival), "departure": future_date(departure), "guests": guests},
    )


def _stay(arrival: int, departure: int, room_type: str = "double", guests: int = 2, **extra) -> dict:
    return {
        "kind": "stay",
        "venue": HOTEL,
        "room_type": room_type,
        "arrival": future_date(arrival),
        "departure": future_date(departure),
        "guests": guests,
        "customer": dict(GUEST),
        **extra,
    }


def _amount(money: dict) -> Decimal:
    assert money["currency"] == "EUR"
    return Decimal(money["amount"])


def _free(gateway, first: int, end: int, room_type: str) -> list[int]:
    grid = gateway.get(
        f"/api/v1/venues/{HOTEL}/room-nights", params={"from": future_date(first), "to": future_date(end)}
    ).json()
    return next([n["free"] for n in rt["nights"]] for rt in grid["room_types"] if rt["code"] == room_type)


def test_the_search_prices_every_room_type_that_sleeps_the_guests_on_each_plan(gateway):
    answer = _search(gateway, 40, 43, guests=3)
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert (found["nights"], found["timezone"]) == (3, "Europe/Lisbon")
    assert [rt["room_type"] for rt in found["room_types"]] == ["family"]  # the only type for three
    family = found["room_types"][0]
    assert family["available"] == 2
    flexible, non_refundable = family["rate_plans"]
    assert (flexible["rate_plan"], flexible["refundable"], non_refundable["refundable"]) == ("flexible", True, False)
    for offer in (flexible, non_refundable):
        assert offer["bookable"] is True
        assert _amount(offer["total"]) == sum(_amount(line["amount"]) for line in offer["lines"])
        assert [n["date"] for n in offer["nightly"]] == [future_date(d) for d in (40, 41, 42)]
        extra = next(line for line in offer["lines"] if line["kind"] == "extra_guests")
        assert (extra["quantity"], extra["unit_amount"]) == (3, "25.00")  # 1 guest over 2, for 3 nights
    assert _amount(non_refundable["total"]) < _amount(flexible["total"])


def test_a_plan_that_does_not_sell_the_stay_says_why(gateway):
    double = next(rt for rt in _search(gateway, 45, 46).json()["room_types"] if rt["room_type"] == "double")
    non_refundable = next(p for p in double["rate_plans"] if p["rate_plan"] == "non-refundable")
    assert (non_refundable["bookable"], non_refundable["total"]) == (False, None)
    assert "at least 2 nights" in non_refundable["reason"]


def test_a_booked_stay_keeps_the_searched_total_takes_its_nights_and_is_e_mailed(system, gateway):
    searched = next(rt for rt in _search(gateway, 50, 53).json()["room_types"] if rt["room_type"] == "twin")
    flexible = next(p for p in searched["rate_plans"] if p["rate_plan"] == "flexible")
    free_before = _free(gateway, 50, 53, "twin")
    headers = {"Idempotency-Key": "stay-e2e-twin"}
    created = gateway.post("/api/v1/bookings", json=_stay(50, 53, "twin", rate_plan="flexible"), headers=headers)
    assert created.status_code == 201, created.text
    booking = created.json()
    assert (booking["kind"], booking["status"], booking["total"]) == ("stay", "confirmed", flexible["total"])
    stay = booking["stay"]
    assert (stay["room_type"], stay["room_type_name"], stay["nights"], stay["guests"]) == ("twin", "Twin Room", 3, 2)
    assert (stay["rate_plan"], stay["rate_plan_name"]) == ("flexible", flexible["name"])
    assert stay["lines"] == flexible["lines"]
    assert _free(gateway, 50, 53, "twin") == [free - 1 for free in free_before]
    again = gateway.post("/api/v1/bookings", json=_stay(50, 53, "twin", rate_plan="flexible"), headers=headers)
    assert (again.status_code, again.content) == (201, created.content)
    read = gateway.get(f"/api/v1/bookings/{booking['reference']}", params={"email": GUEST["email"]})
    assert read.json()["total"] == flexible["total"]

    email = wait_until(lambda: _emails_for(system, booking["reference"]), 15, message="stay confirmation")[0]
    text = email.get_body(("plain",)).get_content()
    assert "Twin Room for 2 guests" in text and "(3 nights)" in text
    assert f"Rate:       {flexible['name']}\n" in text
    assert f"€{flexible['total']['amount']}" in text
    invite = next(part for part in email.iter_attachments() if part.get_content_type() == "text/calendar")
    assert f"DTSTART;VALUE=DATE:{future_date(50).replace('-', '')}" in invite.get_content()


def test_moving_a_stay_takes_the_new_nights_and_prices_it_again_and_cancelling_gives_them_back(gateway):
    booking = gateway.post("/api/v1/bookings", json=_stay(60, 62, "double")).json()
    before = _free(gateway, 60, 65, "double")
    moved = gateway.session.patch(
        f"{gateway.base_url}/api/v1/bookings/{booking['reference']}",
        params={"email": GUEST["email"]},
        json={"arrival": future_date(62), "departure": future_date(65)},
        timeout=10,
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["stay"]["nights"], moved.json()["date"]) == (3, future_date(62))
    assert len([line for line in moved.json()["stay"]["lines"] if line["kind"] == "night"]) == 3
    after = _free(gateway, 60, 65, "double")
    assert after == [before[0] + 1, before[1] + 1, before[2] - 1, before[3] - 1, before[4] - 1]
    more_guests = gateway.session.patch(
        f"{gateway.base_url}/api/v1/bookings/{booking['reference']}",
        params={"email": GUEST["email"]},
        json={"guests": 3},
        timeout=10,
    )
    assert (more_guests.status_code, more_guests.json()["error"]["code"]) == (422, "stay_not_bookable")
    cancelled = gateway.post(
        f"/api/v1/bookings/{booking['reference']}/cancel", params={"email": GUEST["email"]}, json={"reason_id": 1}
    )
    assert cancelled.json()["status"] == "cancelled"
    wait_until(lambda: _free(gateway, 60, 65, "double") == [before[0] + 1, before[1] + 1, *before[2:]], 10)


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (_stay(20, 20), 422, "validation_failed"),  # departure not after arrival
        (_stay(22, 20), 422, "validation_failed"),
        (_stay(-2, 1), 422, "stay_not_bookable"),  # arrival in the past
        (_stay(366, 368), 422, "stay_not_bookable"),  # beyond the horizon
        (_stay(20, 51), 422, "stay_not_bookable"),  # 31 nights, over the hotel's 30
        (_stay(20, 22, guests=3), 422, "stay_not_bookable"),  # a double sleeps two
        (_stay(20, 22, guests=0), 422, "validation_failed"),
        (_stay(20, 22, guests=10**9), 422, "validation_failed"),
        (_stay(20, 22, room_type="penthouse"), 422, "rate_plan_not_on_sale"),
        (_stay(20, 22, rate_plan="members-only"), 422, "rate_plan_not_on_sale"),
        (_stay(20, 21, rate_plan="non-refundable"), 422, "stay_not_bookable"),  # two nights at least
        (_stay(20, 22, date=future_date(20)), 422, "validation_failed"),  # a table's field
        ({**_stay(20, 22), "kind": "cabin"}, 422, "validation_failed"),
        ({**_stay(20, 22), "guests": "2"}, 422, "validation_failed"),
    ],
)
def test_a_stay_that_cannot_be_sold_is_refused_and_writes_nothing(system, gateway, body, status, code):
    bookings = count_rows(system, "booking", "bookings")
    holds = count_rows(system, "availability", "holds")
    refused = gateway.post("/api/v1/bookings", json=body)
    assert (refused.status_code, refused.json()["error"]["code"]) == (status, code), refused.text
    assert count_rows(system, "booking", "bookings") == bookings
    assert count_rows(system, "availability", "holds") == holds
