"""The demo hotel's prices (docs/stays.md, README): TheHarbourHotel's rate plans, a flexible and a
non-refundable one for each room type with a summer season, 6 % VAT and Lisbon's city tax, and
the small catalogue its front desk posts to folios.
Loaded through the staff API's own schemas, so the demo obeys the rules any plan does."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from booking_service.extensions import db
from booking_service.models import RatePlan
from booking_service.rates.schemas import RatePlanCreateSchema, StayTaxesSetSchema
from booking_service.rates.service import create_rate_plan, set_stay_taxes
from booking_service.stays.folio import create_item, list_items
from booking_service.stays.schemas import CatalogueItemCreateSchema

HOTEL = "TheHarbourHotel"
# room type: weekday, weekend, summer weekday, summer weekend, included guests
PRICES = {
    "double": ("120.00", "150.00", "160.00", "190.00", 2),
    "twin": ("110.00", "140.00", "150.00", "180.00", 2),
    "family": ("180.00", "220.00", "240.00", "280.00", 2),
}
CATALOGUE = (
    {"code": "minibar-water", "name": "Minibar: water", "price": "3.50", "currency": "EUR", "stock": 48},
    {"code": "minibar-wine", "name": "Minibar: Douro red", "price": "18.00", "currency": "EUR", "stock": 12},
    {"code": "breakfast", "name": "Breakfast", "price": "16.00", "currency": "EUR", "stock": None},
    {"code": "dinner", "name": "Dinner at the restaurant", "price": "45.00", "currency": "EUR", "stock": None},
    {
        "code": "late-checkout",
        "name": "Late check-out (until 15:00)",
        "price": "25.00",
        "currency": "EUR",
        "stock": None,
    },
)
TAXES = {"currency": "EUR", "percent": "6", "city_tax_per_guest_night": "4.00", "city_tax_max_nights": 7}


def _plans(room_type: str, today: date) -> list[dict]:
    weekday, weekend, summer_weekday, summer_weekend, included = PRICES[room_type]
    summers = [
        {
            "name": f"Summer {year}",
            "first_night": f"{year}-06-01",
            "last_night": f"{year}-09-30",
            "weekday_price": summer_weekday,
            "weekend_price": summer_weekend,
        }
        for year in (today.year, today.year + 1)
    ]
    common = {
        "room_type": room_type,
        "currency": "EUR",
        "weekday_price": weekday,
        "weekend_price": weekend,
        "included_guests": included,
        "extra_guest_price": "25.00",
        "seasons": summers,
    }
    return [
        {**common, "code": "flexible", "name": "Flexible", "description": "Free cancellation until the day before."},
        {
            **common,
            "code": "non-refundable",
            "name": "Non-refundable",
            "description": "10 % off; paid at booking and not refunded.",
            "discount_percent": "10",
            "min_nights": 2,
            "refundable": False,
        },
    ]


def seed_demo_hotel_rates() -> dict:
    """The demo hotel's taxes and rate plans (idempotent: a plan that exists is left as it is)."""
    set_stay_taxes(HOTEL, StayTaxesSetSchema().load(TAXES))
    created = 0
    for room_type in PRICES:
        for plan in _plans(room_type, date.today()):
            with db.reading() as session:
                exists = session.scalar(
                    select(RatePlan.id).where(
                        RatePlan.venue == HOTEL, RatePlan.room_type == room_type, RatePlan.code == plan["code"]
                    )
                )
            if exists is None:
                create_rate_plan(HOTEL, RatePlanCreateSchema().load(plan))
                created += 1
    known = {item["code"] for item in list_items(HOTEL)["items"]}
    for item in CATALOGUE:
        if item["code"] not in known:
            create_item(HOTEL, CatalogueItemCreateSchema().load(item))
    return {"venue": HOTEL, "rate_plans_created": created, "catalogue": len(CATALOGUE)}
