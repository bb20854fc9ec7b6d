"""Where stays get their prices: a venue's stored rate plans and taxes, as the RatePlan and Taxes
that pricing.quote takes (docs/stays.md, "Rate plans and taxes"). The stay search and booking
call these inside their own transaction."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from booking_service import models
from booking_service.stays import pricing


def plans_for_sale(session: Session, venue: str, room_type: str) -> list[pricing.RatePlan]:
    """The room type's active plans, with their seasons, in the order they were created."""
    rows = session.scalars(_on_sale(venue, room_type).order_by(models.RatePlan.id)).all()
    return [_priced(row) for row in rows]


def plan_for_sale(session: Session, venue: str, room_type: str, code: str) -> pricing.RatePlan | None:
    """The room type's plan of that code, or None when there is no such plan on sale."""
    row = session.scalars(_on_sale(venue, room_type).where(models.RatePlan.code == code)).one_or_none()
    return None if row is None else _priced(row)


def taxes_of(session: Session, venue: str) -> pricing.Taxes:
    """The venue's taxes on a stay; none when it has set none."""
    row = session.get(models.StayTaxes, venue)
    if row is None:
        return pricing.Taxes()
    return pricing.Taxes(row.percent, row.city_tax_per_guest_night, row.city_tax_max_nights)


def _on_sale(venue: str, room_type: str):
    return (
        select(models.RatePlan)
        .where(models.RatePlan.venue == venue, models.RatePlan.room_type == room_type, models.RatePlan.active)
        .options(selectinload(models.RatePlan.seasons))
    )


def _priced(row: models.RatePlan) -> pricing.RatePlan:
    return pricing.RatePlan(
        code=row.code,
        currency=row.currency,
        base=pricing.NightlyPrice(row.weekday_price, row.weekend_price),
        seasons=tuple(
            pricing.Season(
                season.first_night, season.last_night, pricing.NightlyPrice(season.weekday_price, season.weekend_price)
            )
            for season in row.seasons
        ),
        weekend_nights=frozenset(row.weekend_nights),
        included_guests=row.included_guests,
        extra_guest=row.extra_guest_price,
        min_nights=row.min_nights,
        closed_to_arrival=frozenset(date.fromisoformat(day) for day in row.closed_to_arrival),
        discount_percent=row.discount_percent,
        name=row.name,
        refundable=row.refundable,
    )
