"""Staff's use cases on a venue's rate plans and stay taxes (docs/stays.md, "Rate plans and taxes").

Every change first locks the venue's `stay_taxes` row (creating it, with no taxes, for the
venue's first plan), so changes to one venue's rates happen one after the other on either
database: the checks that span rows (a code used once, one currency for the city tax and the
plans) are then never raced.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from booking_service.errors import CurrencyMismatch, RatePlanExists, RatePlanNotFound
from booking_service.extensions import db
from booking_service.models import RatePlan, RatePlanSeason, StayTaxes
from shared.clock import iso_utc, utcnow
from shared.db import insert_ignoring_conflicts
from shared.errors import ValidationFailed
from shared.money import minor_unit
from shared.pagination import keyset_page

PLAN_AMOUNTS = ("weekday_price", "weekend_price", "extra_guest_price")
SEASON_AMOUNTS = ("weekday_price", "weekend_price")
NO_TAXES = {"percent": Decimal(0), "city_tax_per_guest_night": Decimal(0)}


def _text(amount: Decimal) -> str:
    return format(amount, "f")


def plan_view(plan: RatePlan) -> dict:
    return {
        "venue": plan.venue,
        "room_type": plan.room_type,
        "code": plan.code,
        "name": plan.name,
        "description": plan.description,
        "currency": plan.currency,
        "weekday_price": _text(plan.weekday_price),
        "weekend_price": _text(plan.weekend_price),
        "weekend_nights": list(plan.weekend_nights),
        "included_guests": plan.included_guests,
        "extra_guest_price": _text(plan.extra_guest_price),
        "min_nights": plan.min_nights,
        "closed_to_arrival": list(plan.closed_to_arrival),
        "discount_percent": _text(plan.discount_percent),
        "refundable": plan.refundable,
        "active": plan.active,
        "seasons": [
            {
                "name": season.name,
                "first_night": season.first_night.isoformat(),
                "last_night": season.last_night.isoformat(),
                "weekday_price": _text(season.weekday_price),
                "weekend_price": _text(season.weekend_price),
            }
            for season in sorted(plan.seasons, key=lambda season: season.first_night)
        ],
        "created_at": iso_utc(plan.created_at),
        "updated_at": iso_utc(plan.updated_at),
    }


def taxes_view(taxes: StayTaxes) -> dict:
    return {
        "venue": taxes.venue,
        "currency": taxes.currency,
        "percent": _text(taxes.percent),
        "city_tax_per_guest_night": _text(taxes.city_tax_per_guest_night),
        "city_tax_max_nights": taxes.city_tax_max_nights,
    }


def list_rate_plans(venue: str, *, room_type: str | None, after_id: int | None, limit: int) -> dict:
    """The venue's plans (of one room type if given), in the order they were created."""
    with db.reading() as session:
        query = select(RatePlan).where(RatePlan.venue == venue).options(selectinload(RatePlan.seasons))
        if room_type is not None:
            query = query.where(RatePlan.room_type == room_type)
        return keyset_page(session, query, RatePlan.id, after_id=after_id, limit=limit, view=plan_view)


def get_rate_plan(venue: str, room_type: str, code: str) -> dict:
    with db.reading() as session:
        return plan_view(_plan(session, venue, room_type, code))


def create_rate_plan(venue: str, fields: dict) -> dict:
    with db.transaction() as session:
        taxes = _locked_taxes(session, venue)
        if _find_plan(session, venue, fields["room_type"], fields["code"]) is not None:
            raise RatePlanExists()
        now = utcnow()
        plan = RatePlan(venue=venue, created_at=now, updated_at=now)
        _apply(plan, fields)
        _settle(plan, taxes)
        session.add(plan)
        session.flush()
        return plan_view(plan)


def update_rate_plan(venue: str, room_type: str, code: str, changes: dict) -> dict:
    """Change any of a plan's fields; `seasons`, when given, replace the plan's seasons."""
    with db.transaction() as session:
        taxes = _locked_taxes(session, venue)
        plan = _plan(session, venue, room_type, code)
        _apply(plan, changes)
        _settle(plan, taxes)
        plan.updated_at = utcnow()
        session.flush()
        return plan_view(plan)


def get_stay_taxes(venue: str) -> dict:
    with db.reading() as session:
        return taxes_view(session.get(StayTaxes, venue) or StayTaxes(venue=venue, **NO_TAXES))


def set_stay_taxes(venue: str, fields: dict) -> dict:
    """Replace the venue's taxes. A city tax is charged in the plans' currency, so one in another
    currency than any of the venue's plans is refused."""
    with db.transaction() as session:
        taxes = _locked_taxes(session, venue)
        amount = fields["city_tax_per_guest_night"]
        exact = _in_minor_units(amount, fields["currency"])
        if exact is None:
            raise ValidationFailed(details={"city_tax_per_guest_night": [_too_precise(fields["currency"])]})
        if amount:
            others = session.scalars(
                select(RatePlan.currency)
                .where(RatePlan.venue == venue, RatePlan.currency != fields["currency"])
                .distinct()
            ).all()
            if others:
                raise CurrencyMismatch(details={"rate_plan_currencies": sorted(others)})
        for name, value in {**fields, "city_tax_per_guest_night": exact}.items():
            setattr(taxes, name, value)
        session.flush()
        return taxes_view(taxes)


def _locked_taxes(session: Session, venue: str) -> StayTaxes:
    insert_ignoring_conflicts(session, StayTaxes, {"venue": venue, **NO_TAXES}, index_elements=["venue"])
    return session.scalars(select(StayTaxes).where(StayTaxes.venue == venue).with_for_update()).one()


def _find_plan(session: Session, venue: str, room_type: str, code: str) -> RatePlan | None:
    return session.scalars(
        select(RatePlan).where(RatePlan.venue == venue, RatePlan.room_type == room_type, RatePlan.code == code)
    ).one_or_none()


def _plan(session: Session, venue: str, room_type: str, code: str) -> RatePlan:
    plan = _find_plan(session, venue, room_type, code)
    if plan is None:
        raise RatePlanNotFound()
    return plan


def _apply(plan: RatePlan, fields: dict) -> None:
    for name, value in fields.items():
        if name == "seasons":
            plan.seasons = [RatePlanSeason(**season) for season in value]
        elif name == "weekend_nights":
            plan.weekend_nights = sorted(value)
        elif name == "closed_to_arrival":
            plan.closed_to_arrival = sorted(day.isoformat() for day in value)
        else:
            setattr(plan, name, value)


def _settle(plan: RatePlan, taxes: StayTaxes) -> None:
    """Write the plan's amounts to its currency's minor unit, refusing any more precise than
    that (with every such field named), and a currency other than the venue's city tax's."""
    problems: dict = {}
    for name in PLAN_AMOUNTS:
        exact = _in_minor_units(getattr(plan, name), plan.currency)
        if exact is None:
            problems[name] = [_too_precise(plan.currency)]
        else:
            setattr(plan, name, exact)
    for index, season in enumerate(plan.seasons):
        for name in SEASON_AMOUNTS:
            exact = _in_minor_units(getattr(season, name), plan.currency)
            if exact is None:
                problems.setdefault("seasons", {}).setdefault(index, {})[name] = [_too_precise(plan.currency)]
            else:
                setattr(season, name, exact)
    if problems:
        raise ValidationFailed(details=problems)
    if taxes.city_tax_per_guest_night and taxes.currency != plan.currency:
        raise CurrencyMismatch(details={"city_tax_currency": taxes.currency})


def _in_minor_units(amount: Decimal, currency: str) -> Decimal | None:
    """The amount written to the currency's minor unit (120 EUR as 120.00), or None when it is
    more precise than that (0.125 EUR)."""
    exact = amount.quantize(minor_unit(currency))
    return exact if exact == amount else None


def _too_precise(currency: str) -> str:
    return f"Too precise for {currency}, whose smallest amount is {minor_unit(currency)}."
