"""What a stay costs: a rate plan's price for each night, its guest supplement and discount, and
the venue's taxes, as lines on the folio. Each line is rounded once, half-up to the currency's
minor unit, from its own quantity and unit amount; the total is the sum of the lines, so every
total can be reproduced from what the guest is shown (docs/stays.md, "Pricing").

Pure rules on `Decimal`s: no database, no clock. Money never passes through a float.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from shared.money import minor_unit

FRIDAY, SATURDAY = 4, 5
HUNDRED = Decimal(100)


class StayNotPriced(Exception):
    """The rate plan does not sell this stay; `code` says why (docs/stays.md)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class NightlyPrice:
    """A price for a night, on weekdays and on weekend nights."""

    weekday: Decimal
    weekend: Decimal


@dataclass(frozen=True)
class Season:
    """Nights from `first_night` up to and including `last_night` at their own price."""

    first_night: date
    last_night: date
    price: NightlyPrice


@dataclass(frozen=True)
class RatePlan:
    """How a room type is sold: its nights' prices and the conditions of the sale.

    A night takes the price of the first season that contains it, else `base`. Weekend nights
    are the nights of `weekend_nights` (Monday = 0; Friday and Saturday by default). Guests over
    `included_guests` pay `extra_guest` a night each. A `discount_percent` (a non-refundable
    plan's) comes off the nights and supplements. `name` and `refundable` are what the guest is
    told; they do not change the price.
    """

    code: str
    currency: str
    base: NightlyPrice
    seasons: Sequence[Season] = ()
    weekend_nights: frozenset[int] = frozenset({FRIDAY, SATURDAY})
    included_guests: int = 2
    extra_guest: Decimal = Decimal(0)
    min_nights: int = 1
    closed_to_arrival: frozenset[date] = frozenset()
    discount_percent: Decimal = Decimal(0)
    name: str = ""
    refundable: bool = True


@dataclass(frozen=True)
class Taxes:
    """A venue's taxes on a stay: a percentage on the room charges, and a city tax per guest per
    night, for at most `city_tax_max_nights` nights of one stay when the city caps it."""

    percent: Decimal = Decimal(0)
    city_tax_per_guest_night: Decimal = Decimal(0)
    city_tax_max_nights: int | None = None


@dataclass(frozen=True)
class Line:
    """One line of a stay's price: `amount` is `quantity` x `unit_amount`, rounded once."""

    kind: str  # night, extra_guests, discount, tax, city_tax
    description: str
    quantity: int
    unit_amount: Decimal
    amount: Decimal
    night: date | None = None


@dataclass(frozen=True)
class Quote:
    currency: str
    nights: int
    lines: tuple[Line, ...]

    @property
    def total(self) -> Decimal:
        return _sum(self.lines)


def _sum(lines: Sequence[Line]) -> Decimal:
    return sum((line.amount for line in lines), Decimal(0))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Half-up to the currency's minor unit: 0.125 EUR is 0.13, -0.125 EUR is -0.13."""
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def nights_of(arrival: date, departure: date) -> list[date]:
    return [arrival + timedelta(days=n) for n in range((departure - arrival).days)]


def night_price(plan: RatePlan, night: date) -> Decimal:
    price = next((s.price for s in plan.seasons if s.first_night <= night <= s.last_night), plan.base)
    return price.weekend if night.weekday() in plan.weekend_nights else price.weekday


def quote(plan: RatePlan, taxes: Taxes, arrival: date, departure: date, guests: int) -> Quote:
    """The lines and total of a stay of `guests` from `arrival` to `departure` on `plan`."""
    nights = nights_of(arrival, departure)
    if not nights:
        raise ValueError("a stay is at least one night: departure must be after arrival")
    if len(nights) < plan.min_nights:
        raise StayNotPriced("min_stay", f"This rate needs a stay of at least {plan.min_nights} nights.")
    if arrival in plan.closed_to_arrival:
        raise StayNotPriced("closed_to_arrival", "This rate cannot be booked to arrive on that date.")

    def line(kind: str, description: str, quantity: int, unit: Decimal, night: date | None = None) -> Line:
        return Line(kind, description, quantity, unit, round_money(quantity * unit, plan.currency), night)

    lines = [line("night", f"Night of {night.isoformat()}", 1, night_price(plan, night), night) for night in nights]
    extra_guests = max(guests - plan.included_guests, 0)
    if extra_guests and plan.extra_guest:
        lines.append(
            line(
                "extra_guests",
                f"{extra_guests} extra guest(s) x {len(nights)} nights",
                extra_guests * len(nights),
                plan.extra_guest,
            )
        )
    room_charges = _sum(lines)
    if plan.discount_percent:
        lines.append(
            line("discount", f"{plan.discount_percent}% off", 1, -room_charges * plan.discount_percent / HUNDRED)
        )
    if taxes.percent:
        lines.append(line("tax", f"Tax {taxes.percent}%", 1, _sum(lines) * taxes.percent / HUNDRED))
    if taxes.city_tax_per_guest_night:
        taxed_nights = len(nights) if taxes.city_tax_max_nights is None else min(len(nights), taxes.city_tax_max_nights)
        lines.append(
            line(
                "city_tax",
                f"City tax, {guests} guest(s) x {taxed_nights} nights",
                guests * taxed_nights,
                taxes.city_tax_per_guest_night,
            )
        )
    return Quote(plan.currency, len(nights), tuple(lines))
