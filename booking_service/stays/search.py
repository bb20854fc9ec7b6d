"""The stay search (docs/stays.md, "Searching"): the availability service says which room types
sleep the guests and what each has free on every night of the stay (from its cached nights);
this service prices each of them on each rate plan on sale. A plan that does not sell the stay
(too short for it, or closed to arrival that day) is listed with the reason instead of a price,
so a guest sees why the cheaper rate is missing."""

from __future__ import annotations

from datetime import date

from booking_service import availability_client
from booking_service.extensions import db
from booking_service.stays import pricing, rates
from booking_service.stays.views import quote_view


def _offer(plan: pricing.RatePlan, taxes: pricing.Taxes, arrival: date, departure: date, guests: int) -> dict:
    offer = {"rate_plan": plan.code, "name": plan.name, "refundable": plan.refundable}
    try:
        return {
            **offer,
            "bookable": True,
            "reason": None,
            **quote_view(pricing.quote(plan, taxes, arrival, departure, guests)),
        }
    except pricing.StayNotPriced as refusal:
        return {**offer, "bookable": False, "reason": refusal.message, "nightly": [], "lines": [], "total": None}


def search_stays(venue: str, arrival: date, departure: date, guests: int) -> dict:
    free = availability_client.stay_availability(venue, arrival, departure, guests)
    with db.reading() as session:
        taxes = rates.taxes_of(session, venue)
        room_types = [
            {
                "room_type": room_type["code"],
                "name": room_type["name"],
                "description": room_type["description"],
                "max_occupancy": room_type["max_occupancy"],
                "bed_setup": room_type["bed_setup"],
                "amenities": room_type["amenities"],
                "available": room_type["available"],
                "rate_plans": [
                    _offer(plan, taxes, arrival, departure, guests)
                    for plan in rates.plans_for_sale(session, venue, room_type["code"])
                ],
            }
            for room_type in free["room_types"]
        ]
    return {
        "venue": venue,
        "timezone": free["timezone"],
        "arrival": arrival.isoformat(),
        "departure": departure.isoformat(),
        "nights": free["nights"],
        "guests": guests,
        "room_types": room_types,
    }
