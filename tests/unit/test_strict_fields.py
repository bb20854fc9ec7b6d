"""The strict readers of shared/schemas.py: a time, a date, a boolean or a decimal means one thing only."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from marshmallow import ValidationError

from shared.schemas import EARLIEST_DATE, CalendarDate, DecimalString, StrictBoolean, WallClockTime, latest_date


@pytest.mark.parametrize("text, read", [("19:00", time(19, 0)), ("07:30:00", time(7, 30))])
def test_a_wall_clock_minute(text, read):
    assert WallClockTime().deserialize(text) == read


@pytest.mark.parametrize("text", ["19:00:00.5", "19:00:30", "19:00Z", "19:00+01:00", "7pm", "1900", "25:00", 1900])
def test_anything_else_is_no_time_rather_than_a_truncated_one(text):
    with pytest.raises(ValidationError):
        WallClockTime().deserialize(text)


def test_a_date_within_the_sane_range():
    assert CalendarDate().deserialize("2026-12-09") == date(2026, 12, 9)
    assert CalendarDate().deserialize(EARLIEST_DATE.isoformat()) == EARLIEST_DATE
    assert CalendarDate().deserialize(latest_date().isoformat()) == latest_date()


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31",
        "1999-12-31",
        (date.today() + timedelta(days=2000)).isoformat(),
        "20261209",
        "2026-W49-3",
        "2026-12-09T00:00:00",
        "0",
        0,
        "2026-02-30",
    ],
)
def test_a_date_outside_it_or_in_another_form_is_refused(text):
    with pytest.raises(ValidationError):
        CalendarDate().deserialize(text)


@pytest.mark.parametrize("value", [True, False])
def test_a_boolean_is_true_or_false(value):
    assert StrictBoolean().deserialize(value) is value


@pytest.mark.parametrize("value", ["yes", "true", 1, 0, "on", None, "1"])
def test_nothing_else_is_taken_for_one(value):
    with pytest.raises(ValidationError):
        StrictBoolean().deserialize(value)


@pytest.mark.parametrize("text, read", [("120.00", "120.00"), ("0", "0"), ("-4.5", "-4.5"), ("007.50", "7.50")])
def test_a_decimal_written_as_a_string_is_read_exactly(text, read):
    decimal = DecimalString(places=2).deserialize(text)
    assert isinstance(decimal, Decimal) and str(decimal) == read


@pytest.mark.parametrize(
    "value",
    [120.5, 120, True, "1e3", "Infinity", "NaN", " 120", "120.", ".5", "+1", "1_000", "\u0661\u0662", "1" * 41],
)
def test_a_json_number_or_any_other_form_is_no_decimal(value):
    with pytest.raises(ValidationError, match="Give a decimal number as a string"):
        DecimalString(places=2).deserialize(value)


def test_a_decimal_has_at_most_its_places():
    with pytest.raises(ValidationError, match="at most 2 decimal places"):
        DecimalString(places=2).deserialize("0.125")
