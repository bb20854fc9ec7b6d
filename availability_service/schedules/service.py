"""The hours staff and resources keep, and their time away (docs/appointments.md, "Hours").

Hours are read by the appointment and reservation rules (appointments/rules.py,
schedules/hours.py); changing them changes what is offered from then on, never a booking already
held. Time away is a block: a confirmed hold of all the resource's units for the range, taken
under the resource's lock like any hold, so it can't be placed over a booking, and nothing can be
booked over it.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import cast

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from availability_service.cache import every_day, invalidate_booking_days
from availability_service.errors import BlockNotFound, RangeNotBookable, ResourceUnavailable
from availability_service.extensions import db
from availability_service.holds.ranges import lock_resource, overlapping, peak_units
from availability_service.holds.service import give_back
from availability_service.lookups import resource_of_venue, venue_by_slug
from availability_service.models import Hold, HoldStatus, HoursException, Resource, ResourceBlock, Venue, WorkingHours
from availability_service.schedules.hours import Week
from shared.clock import local_to_utc, utcnow, venue_today


def _hhmm(moment) -> str:
    return moment.strftime("%H:%M")


def weeks_of(session: Session, resource_ids: list[int], first: date, last: date) -> dict[int, Week]:
    """Each resource's week, with its exceptions from `first` to `last`."""
    periods: defaultdict[int, list] = defaultdict(list)
    exceptions: defaultdict[int, list] = defaultdict(list)
    for period in session.scalars(select(WorkingHours).where(WorkingHours.resource_id.in_(resource_ids))):
        periods[period.resource_id].append((period.weekday, period.starts, period.ends))
    for dated in session.scalars(
        select(HoursException).where(
            HoursException.resource_id.in_(resource_ids),
            HoursException.on_date >= first,
            HoursException.on_date <= last,
        )
    ):
        exceptions[dated.resource_id].append((dated.on_date, dated.starts, dated.ends))
    return {rid: Week(tuple(sorted(periods[rid])), tuple(sorted(exceptions[rid], key=str))) for rid in resource_ids}


def _hours_view(session: Session, venue: Venue, resource: Resource) -> dict:
    today = venue_today(venue.timezone)
    dated: defaultdict[date, list] = defaultdict(list)
    notes: dict[date, str | None] = {}
    for row in session.scalars(
        select(HoursException)
        .where(HoursException.resource_id == resource.id, HoursException.on_date >= today)
        .order_by(HoursException.on_date, HoursException.starts)
    ):
        notes[row.on_date] = row.note
        if row.starts is not None and row.ends is not None:
            dated[row.on_date].append({"starts": _hhmm(row.starts), "ends": _hhmm(row.ends)})
    week = session.scalars(
        select(WorkingHours)
        .where(WorkingHours.resource_id == resource.id)
        .order_by(WorkingHours.weekday, WorkingHours.starts)
    )
    return {
        "resource": resource.id,
        "periods": [{"weekday": row.weekday, "starts": _hhmm(row.starts), "ends": _hhmm(row.ends)} for row in week],
        "exceptions": [{"date": day.isoformat(), "periods": dated[day], "note": notes[day]} for day in sorted(notes)],
    }


def _changed(venue: Venue) -> None:
    """Hours change what every day to come offers."""
    today = venue_today(venue.timezone)
    invalidate_booking_days(venue.slug, every_day(today, today + timedelta(days=venue.horizon_days)))


def get_hours(venue_slug: str, resource_id: int) -> dict:
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        return _hours_view(session, venue, resource_of_venue(session, venue, resource_id))


def set_week(venue_slug: str, resource_id: int, periods: list[dict]) -> dict:
    """Replace the resource's weekly hours."""
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug)
        resource = resource_of_venue(session, venue, resource_id)
        session.execute(delete(WorkingHours).where(WorkingHours.resource_id == resource.id))
        session.add_all(WorkingHours(resource_id=resource.id, **period) for period in periods)
        session.flush()
        view = _hours_view(session, venue, resource)
    _changed(venue)
    return view


def set_exception(venue_slug: str, resource_id: int, on: date, periods: list[dict], note: str | None) -> dict:
    """The date's own hours (none: closed), replacing the week's for that date."""
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug)
        resource = resource_of_venue(session, venue, resource_id)
        session.execute(
            delete(HoursException).where(HoursException.resource_id == resource.id, HoursException.on_date == on)
        )
        rows = [HoursException(resource_id=resource.id, on_date=on, note=note, **period) for period in periods]
        session.add_all(rows or [HoursException(resource_id=resource.id, on_date=on, note=note)])
        session.flush()
        view = _hours_view(session, venue, resource)
    _changed(venue)
    return view


def clear_exception(venue_slug: str, resource_id: int, on: date) -> dict:
    """The date keeps the week's hours again."""
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug)
        resource = resource_of_venue(session, venue, resource_id)
        session.execute(
            delete(HoursException).where(HoursException.resource_id == resource.id, HoursException.on_date == on)
        )
        view = _hours_view(session, venue, resource)
    _changed(venue)
    return view


def block_view(block: ResourceBlock) -> dict:
    hold = block.hold
    return {
        "id": block.id,
        "resource": block.resource_id,
        "start": cast(datetime, hold.local_start).strftime("%Y-%m-%dT%H:%M"),
        "end": cast(datetime, hold.local_end).strftime("%Y-%m-%dT%H:%M"),
        "reason": block.reason,
    }


def list_blocks(venue_slug: str, resource_id: int) -> dict:
    """The resource's blocks that have not ended."""
    with db.reading() as session:
        resource = resource_of_venue(session, venue_by_slug(session, venue_slug), resource_id)
        blocks = session.scalars(
            select(ResourceBlock)
            .join(Hold, Hold.id == ResourceBlock.hold_id)
            .where(
                ResourceBlock.resource_id == resource.id,
                Hold.status.in_(HoldStatus.ACTIVE),
                Hold.ends_at > utcnow(),
            )
            .order_by(Hold.starts_at)
        )
        return {"items": [block_view(block) for block in blocks]}


def add_block(venue_slug: str, resource_id: int, start: datetime, end: datetime, reason: str | None) -> dict:
    """Take the resource out for [start, end) (venue wall clock); 409 if anything is held then."""
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug)
        resource = resource_of_venue(session, venue, resource_id)
        if resource.room_type is not None:
            raise RangeNotBookable("A room type's rooms go out of order one by one: block the room.")
        starts_at = local_to_utc(start.date(), start.time(), venue.timezone)
        ends_at = local_to_utc(end.date(), end.time(), venue.timezone)
        if starts_at is None or ends_at is None:
            raise RangeNotBookable("That wall-clock time does not exist in the venue's time zone (a DST change).")
        lock_resource(session, resource)
        held = peak_units(overlapping(session, resource.id, starts_at, ends_at), starts_at, ends_at)
        if held > 0:
            raise ResourceUnavailable("Something is booked then: move it first.", details={"held": held})
        hold = Hold(
            hold_key=f"block:{resource.id}:{uuid.uuid4()}",
            venue=venue,
            resource=resource,
            units=resource.capacity,
            starts_at=starts_at,
            ends_at=ends_at,
            local_start=start,
            local_end=end,
            exclusive=resource.capacity == 1,
            status=HoldStatus.CONFIRMED,
            expires_at=ends_at,
        )
        block = ResourceBlock(venue_id=venue.id, resource=resource, hold=hold, reason=reason)
        session.add(block)
        session.flush()
        view = block_view(block)
    invalidate_booking_days(venue.slug, every_day(start.date(), end.date()))
    return view


def remove_block(venue_slug: str, resource_id: int, block_id: int) -> None:
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug)
        resource = resource_of_venue(session, venue, resource_id)
        block = session.get(ResourceBlock, block_id)
        if block is None or block.resource_id != resource.id:
            raise BlockNotFound()
        hold = block.hold
        give_back(session, hold, HoldStatus.RELEASED)
        days = every_day(cast(datetime, hold.local_start).date(), cast(datetime, hold.local_end).date())
    invalidate_booking_days(venue.slug, days)
