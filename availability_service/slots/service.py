"""Generating slots from a venue's opening rules.

Idempotent: a slot is identified by (venue, local date, local time) and inserted only when
missing, so re-running never touches a slot that already exists or the capacity booked on it.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from availability_service.extensions import db
from availability_service.models import OpeningRule, Slot, Venue
from shared.clock import local_to_utc, venue_today


def slot_starts(rule: OpeningRule, on: date):
    """Wall-clock start times a rule yields on one date."""
    current = datetime.combine(on, rule.first_start)
    last = datetime.combine(on, rule.last_start)
    step = timedelta(minutes=rule.interval_minutes)
    while current <= last:
        yield current.time()
        current += step


def _insert_ignoring_existing(session: Session, rows: list[dict]) -> int:
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Slot)
    result = session.execute(
        insert.values(rows).on_conflict_do_nothing(index_elements=["venue_id", "local_date", "local_time"])
    )
    return max(result.rowcount or 0, 0)


def generate_slots(session: Session, venue: Venue, first_day: date, last_day: date) -> int:
    """Insert the slots the venue's rules call for between two local dates; returns how many."""
    rules = session.scalars(select(OpeningRule).where(OpeningRule.venue_id == venue.id)).all()
    rows = []
    day = first_day
    while day <= last_day:
        for rule in rules:
            if rule.weekday != day.weekday():
                continue
            for start in slot_starts(rule, day):
                starts_at = local_to_utc(day, start, venue.timezone)
                if starts_at is None:  # the wall-clock time does not exist on a DST change day
                    continue
                rows.append({
                    "venue_id": venue.id, "local_date": day, "local_time": start,
                    "starts_at": starts_at, "ends_at": starts_at + timedelta(minutes=rule.duration_minutes),
                    "capacity": rule.capacity, "booked": 0, "is_open": True,
                })
        day += timedelta(days=1)
    inserted = 0
    for offset in range(0, len(rows), 500):
        inserted += _insert_ignoring_existing(session, rows[offset:offset + 500])
    return inserted


def fill_horizon(venue_slug: str | None = None) -> dict[str, int]:
    """Make sure every venue (or one) has slots from today to today + its horizon."""
    created = {}
    with db.transaction() as session:
        query = select(Venue)
        if venue_slug:
            query = query.where(Venue.slug == venue_slug)
        for venue in session.scalars(query).all():
            today = venue_today(venue.timezone)
            created[venue.slug] = generate_slots(session, venue, today, today + timedelta(days=venue.horizon_days))
    return created
