"""ISO 4217 currencies as every service checks them: the code, and its smallest amount."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from babel.numbers import get_currency_precision, list_currencies
from marshmallow import ValidationError, fields


@cache
def minor_unit(currency: str) -> Decimal:
    """The smallest amount of `currency` (ISO 4217): 0.01 for EUR, 1 for JPY."""
    if currency not in list_currencies():
        raise ValueError(f"not an ISO 4217 currency: {currency!r}")
    return Decimal(1).scaleb(-get_currency_precision(currency))


class CurrencyCode(fields.String):
    """An ISO 4217 currency code, such as `EUR`."""

    FORM = re.compile(r"[A-Z]{3}")

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs)
        # The form first: minor_unit caches what it is asked, so it only ever sees three letters.
        if self.FORM.fullmatch(code) is not None:
            try:
                minor_unit(code)
                return code
            except ValueError:
                pass
        raise ValidationError("Not an ISO 4217 currency code, such as EUR.")
