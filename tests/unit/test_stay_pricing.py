"""booking_service/stays/pricing.py: a stay's lines each round once and its total is their sum
(docs/stays.md, "Pricing"), for the documented examples and for any plan, stay and taxes."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from booking_service.stays.pricing import (
    NightlyPrice,
    RatePlan,
    Season,
    StayNotPriced,
    Taxes,
    minor_unit,
    nights_of,
    quote,
    round_money,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "stays.md"

# The plans and taxes of docs/stays.md, "Worked examples".
BASE = NightlyPrice(Decimal("120.00"), Decimal("150.00"))
SUMMER = Season(date(2027, 6, 1), date(2027, 9, 30), NightlyPrice(Decimal("160.00"), Decimal("190.00")))
PLANS = {
    "flexible": RatePlan("flexible", "EUR", BASE, (SUMMER,), extra_guest=Decimal("25.00")),
    "non-refundable": RatePlan(
        "non-refundable",
        "EUR",
        BASE,
        (SUMMER,),
        extra_guest=Decimal("25.00"),
        min_nights=2,
        discount_percent=Decimal(10),
    ),
}
LISBON = Taxes(percent=Decimal(6), city_tax_per_guest_night=Decimal("4.00"), city_tax_max_nights=7)


def _documented_examples() -> list[dict[str, str]]:
    """The rows of the worked-examples table in docs/stays.md, by column heading."""
    text = DOC.read_text()
    table = text[text.index("| plan | arrival |") :].split("\n\n", 1)[0].splitlines()
    headings = [cell.strip() for cell in table[0].strip("|").split("|")]
    return [dict(zip(headings, (cell.strip() for cell in row.strip("|").split("|")), strict=True)) for row in table[2:]]


def _sum_of(kind: str, lines) -> Decimal:
    return sum((line.amount for line in lines if line.kind == kind), Decimal("0.00"))


@pytest.mark.parametrize("example", _documented_examples(), ids=lambda row: f"{row['plan']} {row['arrival']}")
def test_the_worked_examples_of_the_docs(example):
    priced = quote(
        PLANS[example["plan"]],
        LISBON,
        date.fromisoformat(example["arrival"]),
        date.fromisoformat(example["departure"]),
        int(example["guests"]),
    )
    columns = {"nights": "night", "extra guests": "extra_guests", "discount": "discount", "tax": "tax"}
    for column, kind in columns.items():
        assert _sum_of(kind, priced.lines) == Decimal(example[column]), column
    assert _sum_of("city_tax", priced.lines) == Decimal(example["city tax"])
    assert priced.total == Decimal(example["total"]) and priced.currency == "EUR"


def test_the_docs_have_worked_examples():
    assert len(_documented_examples()) >= 4


@pytest.mark.parametrize(
    "amount, currency, rounded",
    [
        ("0.125", "EUR", "0.13"),
        ("-0.125", "EUR", "-0.13"),
        ("0.124999", "EUR", "0.12"),
        ("2.5", "JPY", "3"),
        ("1.0005", "BHD", "1.001"),
    ],
)
def test_money_rounds_half_up_to_the_currencys_minor_unit(amount, currency, rounded):
    result = round_money(Decimal(amount), currency)
    assert result == Decimal(rounded) and result.as_tuple().exponent == Decimal(rounded).as_tuple().exponent


def test_an_unknown_currency_is_refused():
    with pytest.raises(ValueError, match="ISO 4217"):
        minor_unit("EURO")


def test_a_plan_refuses_a_stay_shorter_than_its_minimum_or_arriving_on_a_closed_date():
    with pytest.raises(StayNotPriced) as short:
        quote(PLANS["non-refundable"], LISBON, date(2027, 3, 10), date(2027, 3, 11), 2)
    assert short.value.code == "min_stay"
    closed = RatePlan("flexible", "EUR", BASE, closed_to_arrival=frozenset({date(2027, 12, 31)}))
    with pytest.raises(StayNotPriced) as arriving:
        quote(closed, LISBON, date(2027, 12, 31), date(2028, 1, 2), 2)
    assert arriving.value.code == "closed_to_arrival"
    assert quote(closed, LISBON, date(2027, 12, 30), date(2028, 1, 2), 2).nights == 3  # staying over it is fine


def test_a_stay_is_at_least_one_night():
    with pytest.raises(ValueError, match="at least one night"):
        quote(PLANS["flexible"], LISBON, date(2027, 3, 10), date(2027, 3, 10), 2)


# --- any plan, stay and taxes ----------------------------------------------------------------------

CURRENCIES = ["EUR", "GBP", "JPY", "BHD"]  # minor units of 0.01, 0.01, 1 and 0.001
prices = st.decimals(min_value=0, max_value=5000, places=4)
percents = st.decimals(min_value=0, max_value=100, places=3)


@st.composite
def seasons(draw, around: date):
    starts = draw(st.integers(min_value=-60, max_value=60))
    length = draw(st.integers(min_value=0, max_value=90))
    first = around + timedelta(days=starts)
    return Season(first, first + timedelta(days=length), NightlyPrice(draw(prices), draw(prices)))


@st.composite
def stays(draw):
    arrival = date(2027, 1, 1) + timedelta(days=draw(st.integers(min_value=0, max_value=730)))
    nights = draw(st.integers(min_value=1, max_value=30))
    plan = RatePlan(
        code="any",
        currency=draw(st.sampled_from(CURRENCIES)),
        base=NightlyPrice(draw(prices), draw(prices)),
        seasons=tuple(draw(st.lists(seasons(arrival), max_size=4))),
        weekend_nights=frozenset(draw(st.sets(st.integers(min_value=0, max_value=6), max_size=3))),
        included_guests=draw(st.integers(min_value=1, max_value=4)),
        extra_guest=draw(prices),
        discount_percent=draw(percents),
    )
    taxes = Taxes(draw(percents), draw(prices), draw(st.none() | st.integers(min_value=1, max_value=14)))
    return plan, taxes, arrival, arrival + timedelta(days=nights), draw(st.integers(min_value=1, max_value=8))


def _rounded_half_up(amount: Decimal, currency: str) -> Decimal:
    exponent = {"JPY": 0, "BHD": -3}.get(currency, -2)
    return amount.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


@settings(max_examples=200, deadline=None)
@given(stays())
def test_every_total_is_the_sum_of_its_lines_each_rounded_once(stay):
    plan, taxes, arrival, departure, guests = stay
    priced = quote(plan, taxes, arrival, departure, guests)

    assert priced.total == sum(line.amount for line in priced.lines)
    for line in priced.lines:
        assert line.amount == _rounded_half_up(line.quantity * line.unit_amount, plan.currency), line
        assert line.amount.as_tuple().exponent == minor_unit(plan.currency).as_tuple().exponent, line

    nights = nights_of(arrival, departure)
    assert [line.night for line in priced.lines if line.kind == "night"] == nights
    room_charges = _sum_of("night", priced.lines) + _sum_of("extra_guests", priced.lines)
    if plan.discount_percent:
        assert _sum_of("discount", priced.lines) == _rounded_half_up(
            -room_charges * plan.discount_percent / 100, plan.currency
        )
    [city_tax] = [line for line in priced.lines if line.kind == "city_tax"] or [None]
    if city_tax is not None:
        capped = len(nights) if taxes.city_tax_max_nights is None else min(len(nights), taxes.city_tax_max_nights)
        assert city_tax.quantity == guests * capped
    assert priced.total >= 0
