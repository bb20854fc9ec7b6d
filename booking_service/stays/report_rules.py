"""A hotel's figures for a range of nights (docs/stays.md, "Reports"): the pure arithmetic.

Per night and room type: rooms available (its rooms in service, less those out of order), rooms
sold (stays booked, in house or over that took a room that night), occupancy (sold / available),
room revenue (what the stays were sold at for that night, before taxes: the night's own line and
the night's share of the stay's guest supplement and discount), ADR (room revenue / sold) and
RevPAR (room revenue / available). Revenue by kind spreads each stay-wide line (supplement,
discount, taxes) evenly over the stay's nights, counts each night line on its night and each
charge on the day it was posted. Shares are exact decimals; each figure shown is rounded once,
half-up to the currency's minor unit (percentages to 0.01), so a sum of shown figures may differ
from a shown total by a cent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from booking_service.stays.pricing import nights_of, round_money
from booking_service.stays.views import money

ROOM_REVENUE_KINDS = ("night", "extra_guests", "discount")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class SoldStay:
    room_type: str
    arrival: date
    departure: date
    lines: Sequence[dict]  # the booking's price lines as sold (kind, night, amount)


@dataclass(frozen=True)
class PostedCharge:
    day: date  # the venue-local day it was posted
    amount: Decimal


def _amount(line: dict) -> Decimal:
    return Decimal(line["amount"]["amount"])


def nightly_shares(stay: SoldStay) -> dict[date, dict[str, Decimal]]:
    """What each night of the stay earned, by line kind. A guest who left early was billed for
    the nights sold: a night line for a night they did not stay is shared out over the nights
    they did, as the stay-wide lines are."""
    nights = nights_of(stay.arrival, stay.departure)
    shares: dict[date, defaultdict[str, Decimal]] = {night: defaultdict(Decimal) for night in nights}
    for line in stay.lines:
        night = date.fromisoformat(line["night"]) if line["kind"] == "night" and line.get("night") else None
        if night in shares:
            shares[night]["night"] += _amount(line)
        else:
            for night in nights:
                shares[night][line["kind"]] += _amount(line) / len(nights)
    return {night: dict(kinds) for night, kinds in shares.items()}


def _money(amount: Decimal, currency: str) -> dict:
    return money(round_money(amount, currency), currency)


def _figures(available: int, sold: int, revenue: Decimal, currency: str) -> dict:
    return {
        "available": available,
        "sold": sold,
        "occupancy": str((Decimal(sold) * HUNDRED / available).quantize(Decimal("0.01"))) if available else "0.00",
        "room_revenue": _money(revenue, currency),
        "adr": _money(revenue / sold if sold else Decimal(0), currency),
        "revpar": _money(revenue / available if available else Decimal(0), currency),
    }


def report(
    nights: Sequence[date],
    available: dict[tuple[date, str], int],
    stays: Iterable[SoldStay],
    charges: Iterable[PostedCharge],
    currency: str,
) -> dict:
    """`available` is rooms available by (night, room type); every type in it is reported."""
    in_range = set(nights)
    sold: defaultdict[tuple[date, str], int] = defaultdict(int)
    revenue: defaultdict[tuple[date, str], Decimal] = defaultdict(Decimal)
    by_kind: defaultdict[str, Decimal] = defaultdict(Decimal)
    for stay in stays:
        for night, kinds in nightly_shares(stay).items():
            if night not in in_range:
                continue
            sold[(night, stay.room_type)] += 1
            revenue[(night, stay.room_type)] += sum(
                (kinds.get(kind, Decimal(0)) for kind in ROOM_REVENUE_KINDS), Decimal(0)
            )
            for kind, amount in kinds.items():
                by_kind[kind] += amount
    for charge in charges:
        if charge.day in in_range:
            by_kind["charge"] += charge.amount
    room_types = sorted({room_type for _, room_type in available})

    def totals(keys: list[tuple[date, str]]) -> dict:
        return _figures(
            sum(available.get(key, 0) for key in keys),
            sum(sold[key] for key in keys),
            sum((revenue[key] for key in keys), Decimal(0)),
            currency,
        )

    return {
        "currency": currency,
        "days": [
            {
                "date": night.isoformat(),
                "room_types": [{"room_type": rt, **totals([(night, rt)])} for rt in room_types],
                "total": totals([(night, rt) for rt in room_types]),
            }
            for night in nights
        ],
        "room_types": [{"room_type": rt, **totals([(night, rt) for night in nights])} for rt in room_types],
        "total": totals([(night, rt) for night in nights for rt in room_types]),
        "revenue_by_kind": [
            {"kind": kind, "amount": _money(amount, currency)} for kind, amount in sorted(by_kind.items())
        ],
    }
