"""Column types for values SQLAlchemy's own types would store inexactly on one of the databases."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Numeric, String
from sqlalchemy.types import TypeDecorator

DECIMAL_TEXT_LENGTH = 40


class ExactDecimal(TypeDecorator):
    """A `Decimal` stored exactly, digits and scale as given: an unconstrained NUMERIC on
    PostgreSQL, its plain decimal text on SQLite (whose NUMERIC goes through a float, so
    0.10 would come back as 0.1000000000000000055...). Floats are refused, not converted.

    SQLite compares such a column as text: a CHECK or WHERE on its value casts it first
    (`CAST(amount AS NUMERIC) >= 0`), which is exact enough for a bound, never for money."""

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(DECIMAL_TEXT_LENGTH))
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, Decimal | int):
            raise TypeError(f"an exact decimal column takes a Decimal, not {type(value).__name__}")
        value = Decimal(value)
        if not value.is_finite():
            raise ValueError(f"an exact decimal column takes a finite number, not {value}")
        return format(value, "f") if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(value)
