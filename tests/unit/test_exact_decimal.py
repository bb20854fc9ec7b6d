"""shared/db_types.py: a Decimal goes into SQLite and comes back exactly, never through a float."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select, text
from sqlalchemy.exc import StatementError

from shared.db_types import ExactDecimal

AMOUNTS = Table("amounts", MetaData(), Column("id", Integer, primary_key=True), Column("amount", ExactDecimal()))


@pytest.fixture
def engine():
    engine = create_engine("sqlite://")
    AMOUNTS.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("amount", ["0.10", "123456789.1234", "0.000001", "-4.50", "1000000", "0"])
def test_a_decimal_round_trips_exactly_digits_and_scale(engine, amount):
    with engine.begin() as conn:
        conn.execute(insert(AMOUNTS).values(amount=Decimal(amount)))
        back = conn.scalar(select(AMOUNTS.c.amount))
        stored, kind = conn.execute(text("SELECT amount, typeof(amount) FROM amounts")).one()
    assert isinstance(back, Decimal) and str(back) == amount
    assert (stored, kind) == (amount, "text")  # a float would have made 0.10 0.1


def test_exponent_forms_are_stored_as_plain_digits(engine):
    with engine.begin() as conn:
        conn.execute(insert(AMOUNTS).values(amount=Decimal("1.5E+3")))
        assert conn.scalar(text("SELECT amount FROM amounts")) == "1500"


@pytest.mark.parametrize("value", [0.1, Decimal("NaN"), Decimal("Infinity"), "0.10", True])
def test_floats_and_what_is_not_a_finite_decimal_are_refused(engine, value):
    with engine.begin() as conn, pytest.raises(StatementError):
        conn.execute(insert(AMOUNTS).values(amount=value))
