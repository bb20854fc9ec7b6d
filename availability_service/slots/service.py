"""Keeping a venue's slots in step with its rules, and staff changes to single slots.

Syncing a date range touches only slots that have not started yet:
- slots the rules call for and that are missing are inserted;
- the others get their rule's capacity, length and open flag back, unless staff set them by
  hand (`staff_override`); capacity never drops below what is already booked;
- slots the rules no longer call for are withdrawn: deleted when nothing was ever held on
  them, otherwise closed, so their bookings keep their place in the ledger.
Re-running with unchanged rules changes nothing. Inserts ignore conflicts, so two syncs
racing (beat and an admin change) cannot insert a slot twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import cast

from sqlalchemy import Table, and_, bindparam, case, delete, exists, select, tuple_, update
from sqlalchemy.orm import Session

from availability_service.cache import invalidate_days
from availability_service.errors import CapacityBelowHeld, DateInPast, SlotNotFound
from availability_service.extensions import db
from availability_service.lookups import venue_by_slug
from availability_service.models import Closure, Hold, OpeningRule, Slot, Venue
from availability_service.slots.planning import PlannedSlot, plan_slots
from shared.clock import iso_utc, utcnow, venue_today
from shared.db import insert_ignoring_conflicts, rows_affected

log = logging.getLogger(__name__)
INSERT_BATCH = 500


@dataclass
class SyncReport:
    created: int = 0
    updated: int = 0
    withdrawn: int = 0
    dates: set[str] = field(default_factory=set)

    def summary(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "withdrawn": self.withdrawn}


def _insert_ignoring_existing(session: Session, rows: list[dict]) -> int:
    return sum(
        insert_ignoring_conflicts(
            session, Slot, rows[offset : offset + INSERT_BATCH], index_elements=["venue_id", "local_date", "local_time"]
        )
        for offset in range(0, len(rows), INSERT_BATCH)
    )


def _planned(session: Session, venue: Venue, first_day: date, last_day: date) -> dict:
    rules = session.scalars(select(OpeningRule).where(OpeningRule.venue_id == venue.id).order_by(OpeningRule.id)).all()
    closed = set(
        session.scalars(
            select(Closure.local_date).where(
                Closure.venue_id == venue.id, Closure.local_date.between(first_day, last_day)
            )
        )
    )
    return plan_slots(rules, closed, venue.timezone, first_day, last_day)


def sync_slots(session: Session, venue: Venue, first_day: date, last_day: date) -> SyncReport:
    """Make the not-yet-started slots between two local dates match the venue's rules."""
    now = utcnow()
    report = SyncReport()
    plan = {key: slot for key, slot in _planned(session, venue, first_day, last_day).items() if slot.starts_at > now}
    ever_held = exists().where(Hold.slot_id == Slot.id)
    existing = session.execute(
        select(
            Slot.id,
            Slot.local_date,
            Slot.local_time,
            Slot.ends_at,
            Slot.capacity,
            Slot.booked,
            Slot.is_open,
            Slot.staff_override,
            ever_held.label("ever_held"),
        ).where(Slot.venue_id == venue.id, Slot.local_date.between(first_day, last_day), Slot.starts_at > now)
    ).all()

    changes, withdraw_ids = [], []
    for row in existing:
        wanted = plan.pop((row.local_date, row.local_time), None)
        if wanted is None:
            if row.is_open or not row.ever_held:
                withdraw_ids.append(row.id)
                report.dates.add(row.local_date.isoformat())
        elif not row.staff_override and _differs(row, wanted):
            changes.append({"slot_id": row.id, "rule_capacity": wanted.capacity, "rule_ends_at": wanted.ends_at})
            report.dates.add(row.local_date.isoformat())

    if changes:
        slots = cast(Table, Slot.__table__)
        session.connection().execute(
            slots.update()
            .where(slots.c.id == bindparam("slot_id"))
            .values(
                # Never below what is booked: booked capacity is the customers', not the rules'.
                capacity=case(
                    (slots.c.booked > bindparam("rule_capacity"), slots.c.booked), else_=bindparam("rule_capacity")
                ),
                ends_at=bindparam("rule_ends_at"),
                is_open=True,
            ),
            changes,
        )
        report.updated = len(changes)
    if withdraw_ids:
        session.execute(
            delete(Slot)
            .where(Slot.id.in_(withdraw_ids), Slot.booked == 0, ~ever_held)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            update(Slot)
            .where(Slot.id.in_(withdraw_ids))
            .values(is_open=False)
            .execution_options(synchronize_session=False)
        )
        report.withdrawn = len(withdraw_ids)
    if plan:
        report.created = _insert_ignoring_existing(session, [_row(venue, slot) for slot in plan.values()])
        report.dates.update(slot.local_date.isoformat() for slot in plan.values())
    return report


def _differs(row, wanted: PlannedSlot) -> bool:
    capacity_wanted = max(wanted.capacity, row.booked)
    return row.capacity != capacity_wanted or row.ends_at != wanted.ends_at or not row.is_open


def _row(venue: Venue, slot: PlannedSlot) -> dict:
    return {
        "venue_id": venue.id,
        "local_date": slot.local_date,
        "local_time": slot.local_time,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "capacity": slot.capacity,
        "booked": 0,
        "is_open": True,
        "staff_override": False,
    }


def horizon_of(venue: Venue) -> tuple[date, date]:
    today = venue_today(venue.timezone)
    return today, today + timedelta(days=venue.horizon_days)


def sync_venue(
    session: Session, venue: Venue, first_day: date | None = None, last_day: date | None = None
) -> SyncReport:
    """Sync the venue's horizon, or the part of it between two dates."""
    today, horizon_end = horizon_of(venue)
    first_day = max(first_day or today, today)
    last_day = min(last_day or horizon_end, horizon_end)
    if first_day > last_day:
        return SyncReport()
    return sync_slots(session, venue, first_day, last_day)


def fill_horizon(venue_slug: str | None = None) -> dict[str, dict[str, int]]:
    """Keep every venue (or one) in step with its rules from today to today + its horizon."""
    with db.reading() as session:
        query = select(Venue.slug).order_by(Venue.id)
        slugs = [venue_slug] if venue_slug else list(session.scalars(query))
    results = {}
    for slug in slugs:
        with db.transaction() as session:
            report = sync_venue(session, venue_by_slug(session, slug))
        invalidate_days(slug, report.dates)
        results[slug] = report.summary()
    return results


def slot_view(slot: Slot) -> dict:
    return {
        "date": slot.local_date.isoformat(),
        "time": slot.local_time.strftime("%H:%M"),
        "starts_at": iso_utc(slot.starts_at),
        "ends_at": iso_utc(slot.ends_at),
        "capacity": slot.capacity,
        "booked": slot.booked,
        "remaining": slot.capacity - slot.booked if slot.is_open else 0,
        "is_open": slot.is_open,
        "staff_override": slot.staff_override,
    }


def list_slots(
    venue_slug: str, first_day: date, last_day: date, *, after: tuple[date, time] | None, limit: int
) -> dict:
    """The venue's slots with their ledger, in start order; the cursor is the last slot's start."""
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        query = select(Slot).where(Slot.venue_id == venue.id, Slot.local_date.between(first_day, last_day))
        if after is not None:
            query = query.where(tuple_(Slot.local_date, Slot.local_time) > tuple_(*after))
        rows = session.scalars(query.order_by(Slot.local_date, Slot.local_time).limit(limit + 1)).all()
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = f"{last.local_date.isoformat()}T{last.local_time.strftime('%H:%M')}"
    return {"items": [slot_view(slot) for slot in rows[:limit]], "next_cursor": next_cursor}


def change_slot(venue_slug: str, on: date, at: time, *, capacity: int | None, is_open: bool | None) -> dict:
    """Staff close, reopen or resize one slot. Capacity never goes below what is held."""
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug)
        slot = session.scalar(
            select(Slot).where(Slot.venue_id == venue.id, Slot.local_date == on, Slot.local_time == at)
        )
        if slot is None:
            raise SlotNotFound()
        if slot.starts_at <= utcnow():
            raise DateInPast("The slot has already started.")
        values: dict[str, object] = {"staff_override": True}
        guard = [Slot.id == slot.id]
        if capacity is not None:
            values["capacity"] = capacity
            guard.append(Slot.booked <= capacity)
        if is_open is not None:
            values["is_open"] = is_open
        changed = rows_affected(
            session, update(Slot).where(and_(*guard)).values(**values).execution_options(synchronize_session=False)
        )
        session.refresh(slot)
        if changed != 1:
            raise CapacityBelowHeld(details={"booked": slot.booked, "capacity": capacity})
        view = slot_view(slot)
    invalidate_days(venue_slug, [on.isoformat()])
    return view
