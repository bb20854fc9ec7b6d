"""What a rate plan's input may be (booking_service/rates/schemas.py): amounts in range, real
currencies, seasons that never overlap. The forms a decimal may take are in test_strict_fields.py,
the API's answer to each bad body in tests/integration/test_rate_plans.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from marshmallow import ValidationError

from booking_service.rates.schemas import RatePlanCreateSchema, StayTaxesSetSchema

PLAN = {
    "room_type": "double",
    "code": "flexible",
    "name": "Flexible",
    "currency": "EUR",
    "weekday_price": "120.00",
    "weekend_price": "150.00",
}


def season(name: str, first: str, last: str) -> dict:
    return {"name": name, "first_night": first, "last_night": last, "weekday_price": "1", "weekend_price": "1"}


def test_a_plan_needs_little_and_defaults_the_rest():
    loaded = RatePlanCreateSchema().load(PLAN)
    assert loaded["weekday_price"] == Decimal("120.00") and isinstance(loaded["weekday_price"], Decimal)
    assert {name: loaded[name] for name in ("weekend_nights", "included_guests", "min_nights", "refundable")} == {
        "weekend_nights": [4, 5],
        "included_guests": 2,
        "min_nights": 1,
        "refundable": True,
    }
    assert (loaded["extra_guest_price"], loaded["discount_percent"], loaded["seasons"]) == (0, 0, [])


@pytest.mark.parametrize(
    "amount, message",
    [
        (120.5, 'Give a decimal number as a string, such as "120.00".'),  # the parser made it a float
        ("0.12345", "Give at most 4 decimal places."),
        ("-0.01", "Give an amount from 0 to 1000000."),
        ("1000000.0001", "Give an amount from 0 to 1000000."),
    ],
)
def test_anything_but_an_amount_in_range_is_refused(amount, message):
    with pytest.raises(ValidationError) as refused:
        RatePlanCreateSchema().load({**PLAN, "weekday_price": amount})
    assert refused.value.messages == {"weekday_price": [message]}


@pytest.mark.parametrize("currency", ["eur", "XYZ", "EURO", "", "€", 978])
def test_only_iso_4217_codes_are_currencies(currency):
    with pytest.raises(ValidationError) as refused:
        StayTaxesSetSchema().load({"currency": currency, "percent": "6", "city_tax_per_guest_night": "4.00"})
    assert list(refused.value.messages) == ["currency"]


def test_seasons_may_touch_but_not_overlap():
    touching = [season("Summer", "2027-06-01", "2027-09-30"), season("Autumn", "2027-10-01", "2027-10-31")]
    loaded = RatePlanCreateSchema().load({**PLAN, "seasons": touching})
    assert [s["last_night"] for s in loaded["seasons"]] == [date(2027, 9, 30), date(2027, 10, 31)]

    given_in_any_order = [season("Autumn", "2027-09-30", "2027-10-31"), touching[0]]
    with pytest.raises(ValidationError) as refused:
        RatePlanCreateSchema().load({**PLAN, "seasons": given_in_any_order})
    assert refused.value.messages == {
        "seasons": [
            "Seasons 'Summer' (2027-06-01 to 2027-09-30) and 'Autumn' (2027-09-30 to 2027-10-31) overlap: "
            "a night can be in one season only."
        ]
    }
