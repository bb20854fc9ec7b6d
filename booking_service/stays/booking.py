"""What booking a stay adds to the booking saga (docs/stays.md, "Booking a stay"): the price,
worked out before the hold is taken and kept on the booking as its lines and their total, the
stay hold itself, and the columns and view of a stay booking.

Without a `rate_plan` a stay is sold on the first of the room type's plans on sale that sells
it (plans keep the order they were created in: a hotel lists its flexible rate first).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from booking_service import availability_client
from booking_service.errors import RatePlanNotOnSale, StayNotBookable
from booking_service.extensions import db
from booking_service.models import Booking, BookingKind
from booking_service.stays import pricing, rates
from booking_service.stays.views import line_view, money
from shared.clock import iso_utc

STAY_FIELDS = ("room_type", "rate_plan", "arrival", "departure", "guests")


@dataclass(frozen=True)
class PricedStay:
    plan: pricing.RatePlan
    quote: pricing.Quote


def price_stay(
    venue: str, room_type: str, rate_plan: str | None, arrival: date, departure: date, guests: int
) -> PricedStay:
    with db.reading() as session:
        taxes = rates.taxes_of(session, venue)
        if rate_plan is not None:
            plan = rates.plan_for_sale(session, venue, room_type, rate_plan)
            plans = [plan] if plan is not None else []
        else:
            plans = rates.plans_for_sale(session, venue, room_type)
    if not plans:
        raise RatePlanNotOnSale(details={"room_type": room_type, "rate_plan": rate_plan})
    refusals = []
    for plan in plans:
        try:
            return PricedStay(plan, pricing.quote(plan, taxes, arrival, departure, guests))
        except pricing.StayNotPriced as refusal:
            refusals.append(refusal)
    raise StayNotBookable(refusals[0].message, details={"reason": refusals[0].code, "rate_plan": plans[0].code})


def place_hold(hold_key: str, data: dict) -> dict:
    return availability_client.place_stay_hold(
        hold_key, data["venue"], data["room_type"], data["arrival"], data["departure"], data["guests"]
    )


def columns(data: dict, hold: dict, priced: PricedStay) -> dict:
    """A stay booking's own columns: it starts when its hold does (noon on arrival, venue time)."""
    return {
        "kind": BookingKind.STAY,
        "local_date": data["arrival"],
        "local_time": datetime.fromisoformat(hold["start"]).time(),
        "departure_date": data["departure"],
        "party_size": data["guests"],
        "room_type": data["room_type"],
        "room_type_name": hold["room_type_name"],
        **price_columns(priced),
    }


def price_columns(priced: PricedStay) -> dict:
    """The price a stay was sold at, kept as it was: a later change of the rate plan changes no booking."""
    quote = priced.quote
    return {
        "rate_plan": priced.plan.code,
        "rate_plan_name": priced.plan.name,
        "refundable": priced.plan.refundable,
        "currency": quote.currency,
        "total_amount": quote.total,
        "price_lines": [line_view(line, quote.currency) for line in quote.lines],
    }


def stay_view(booking: Booking) -> dict | None:
    if booking.kind != BookingKind.STAY or booking.departure_date is None:
        return None
    return {
        "room_type": booking.room_type,
        "room_type_name": booking.room_type_name,
        "rate_plan": booking.rate_plan,
        "rate_plan_name": booking.rate_plan_name or booking.rate_plan,
        "refundable": booking.refundable,
        "arrival": booking.local_date.isoformat(),
        "departure": booking.departure_date.isoformat(),
        "nights": (booking.departure_date - booking.local_date).days,
        "guests": booking.party_size,
        "lines": booking.price_lines,
        "room": booking.assigned_room,
        "checked_in_at": iso_utc(booking.checked_in_at) if booking.checked_in_at else None,
        "checked_out_at": iso_utc(booking.checked_out_at) if booking.checked_out_at else None,
    }


def total_view(booking: Booking) -> dict | None:
    if booking.total_amount is None or booking.currency is None:
        return None
    return money(booking.total_amount, booking.currency)
