"""Opening rules (weekly periods and exceptional openings on a date) and closures.

Every change re-syncs the slots it can affect in the same transaction, so search and holds
never see rules and slots disagree; booked capacity is never touched (see slots/service.py).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from availability_service.cache import invalidate_days
from availability_service.errors import ClosureExists, ClosureNotFound, DateInPast, RuleNotFound
from availability_service.extensions import db
from availability_service.lookups import venue_by_slug, venue_rows_page
from availability_service.models import Closure, OpeningRule, Venue
from availability_service.slots.service import sync_venue
from shared.clock import venue_today
from shared.errors import ValidationFailed

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def rule_view(rule: OpeningRule) -> dict:
    return {
        "id": rule.id,
        "weekday": WEEKDAYS[rule.weekday] if rule.weekday is not None else None,
        "date": rule.on_date.isoformat() if rule.on_date else None,
        "first_start": rule.first_start.strftime("%H:%M"),
        "last_start": rule.last_start.strftime("%H:%M"),
        "interval_minutes": rule.interval_minutes,
        "duration_minutes": rule.duration_minutes,
        "capacity": rule.capacity,
    }


def closure_view(closure: Closure) -> dict:
    return {"id": closure.id, "date": closure.local_date.isoformat(), "note": closure.note}


def _rule_of_venue(session, venue: Venue, rule_id: int) -> OpeningRule:
    rule = session.scalar(select(OpeningRule).where(OpeningRule.id == rule_id, OpeningRule.venue_id == venue.id))
    if rule is None:
        raise RuleNotFound()
    return rule


def _check_rule(venue: Venue, fields: dict) -> None:
    if fields["first_start"] > fields["last_start"]:
        raise ValidationFailed(details={"last_start": ["Must not be before first_start."]})
    on = fields.get("on_date")
    if on is not None and on < venue_today(venue.timezone):
        raise DateInPast(details={"date": ["The date is in the past."]})


def _resync(session, venue: Venue, *rule_dates: date | None):
    """Sync what the changed rules can affect: their dates, or the horizon if one is weekly (None)."""
    dates = [day for day in rule_dates if day is not None]
    if len(dates) < len(rule_dates):
        return sync_venue(session, venue)
    return sync_venue(session, venue, min(dates), max(dates))


def list_rules(venue_slug: str, *, after_id: int | None, limit: int) -> dict:
    return venue_rows_page(venue_slug, OpeningRule, rule_view, after_id=after_id, limit=limit)


def create_rule(venue_slug: str, fields: dict) -> dict:
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug, for_update=True)
        _check_rule(venue, fields)
        rule = OpeningRule(
            venue_id=venue.id,
            **{"duration_minutes": venue.default_slot_minutes, "capacity": venue.default_slot_capacity, **fields},
        )
        session.add(rule)
        session.flush()
        report = _resync(session, venue, rule.on_date)
        view = {**rule_view(rule), "slot_changes": report.summary()}
    invalidate_days(venue_slug, report.dates)
    return view


def update_rule(venue_slug: str, rule_id: int, changes: dict) -> dict:
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug, for_update=True)
        rule = _rule_of_venue(session, venue, rule_id)
        date_before = rule.on_date
        if "weekday" in changes:
            changes.setdefault("on_date", None)
        if "on_date" in changes and changes["on_date"] is not None:
            changes.setdefault("weekday", None)
        merged = {**{name: getattr(rule, name) for name in ("first_start", "last_start", "on_date")}, **changes}
        _check_rule(venue, merged)
        for name, value in changes.items():
            setattr(rule, name, value)
        session.flush()
        report = _resync(session, venue, date_before, rule.on_date)
        view = {**rule_view(rule), "slot_changes": report.summary()}
    invalidate_days(venue_slug, report.dates)
    return view


def delete_rule(venue_slug: str, rule_id: int) -> dict:
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug, for_update=True)
        rule = _rule_of_venue(session, venue, rule_id)
        rule_date = rule.on_date
        session.delete(rule)
        session.flush()
        report = _resync(session, venue, rule_date)
    invalidate_days(venue_slug, report.dates)
    return {"slot_changes": report.summary()}


def list_closures(venue_slug: str, *, after_id: int | None, limit: int) -> dict:
    return venue_rows_page(venue_slug, Closure, closure_view, after_id=after_id, limit=limit)


def close_date(venue_slug: str, on: date, note: str | None) -> dict:
    """Close the venue for a day: unbooked slots go, booked ones close and keep their bookings."""
    try:
        with db.transaction() as session:
            venue = venue_by_slug(session, venue_slug, for_update=True)
            if on < venue_today(venue.timezone):
                raise DateInPast()
            if session.scalar(select(Closure.id).where(Closure.venue_id == venue.id, Closure.local_date == on)):
                raise ClosureExists()
            closure = Closure(venue_id=venue.id, local_date=on, note=note)
            session.add(closure)
            session.flush()
            report = sync_venue(session, venue, on, on)
            view = {**closure_view(closure), "slot_changes": report.summary()}
    except IntegrityError:
        raise ClosureExists() from None
    invalidate_days(venue_slug, report.dates)
    return view


def reopen_date(venue_slug: str, on: date) -> dict:
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug, for_update=True)
        closure = session.scalar(select(Closure).where(Closure.venue_id == venue.id, Closure.local_date == on))
        if closure is None:
            raise ClosureNotFound()
        session.delete(closure)
        session.flush()
        report = sync_venue(session, venue, on, on)
    invalidate_days(venue_slug, report.dates)
    return {"slot_changes": report.summary()}
