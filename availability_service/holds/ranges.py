"""Range holds: a resource (a room, a room type with N units, equipment, a staff member)
for a time range, e.g. nights in a hotel or hours of a microscope.

The capacity a range hold takes is its own row. Placing one locks the resource row
(`SELECT ... FOR UPDATE` on PostgreSQL; on SQLite the write transaction's BEGIN IMMEDIATE
already serialises writers), sums what overlapping active holds take at their busiest
instant, and inserts only if the new units still fit: never check-then-insert unlocked.
On PostgreSQL an exclusion constraint on capacity-1 resources backs the check up.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from availability_service.models import Hold, HoldStatus, Resource


def peak_units(reservations: Iterable[tuple[datetime, datetime, int]], start: datetime, end: datetime) -> int:
    """The most units that half-open reservations [s, e) take at any one instant of [start, end)."""
    edges = []
    for res_start, res_end, units in reservations:
        lo, hi = max(res_start, start), min(res_end, end)
        if lo < hi:
            edges.append((lo, units))
            edges.append((hi, -units))
    # At equal instants ends sort before starts: [1,3) and [3,5) never overlap.
    edges.sort(key=lambda edge: (edge[0], edge[1]))
    peak = current = 0
    for _, change in edges:
        current += change
        peak = max(peak, current)
    return peak


def overlapping(session: Session, resource_id: int, start: datetime, end: datetime) -> list[tuple]:
    """(starts_at, ends_at, units) of the resource's active holds that overlap [start, end)."""
    return [
        tuple(row)
        for row in session.execute(
            select(Hold.starts_at, Hold.ends_at, Hold.units).where(
                Hold.resource_id == resource_id,
                Hold.status.in_(HoldStatus.ACTIVE),
                Hold.starts_at < end,
                Hold.ends_at > start,
            )
        )
    ]


def lock_resource(session: Session, resource: Resource) -> None:
    """Serialise every capacity decision on this resource until the transaction ends."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(Resource.id).where(Resource.id == resource.id).with_for_update())


def held_peak(session: Session, resource_id: int, now: datetime) -> int:
    """The most units that the holds not yet over take at any one instant: the floor for a
    capacity change. Measured over each hold's whole range, so a hold running now counts
    with everything it overlaps."""
    return peak_units(overlapping(session, resource_id, now, datetime.max), datetime.min, datetime.max)


def mark_exclusive(session: Session, resource: Resource, now: datetime) -> None:
    """Keep active future holds' `exclusive` flag equal to "the resource has capacity 1",
    so the PostgreSQL exclusion constraint covers exactly the capacity-1 resources."""
    session.execute(
        update(Hold)
        .where(Hold.resource_id == resource.id, Hold.status.in_(HoldStatus.ACTIVE), Hold.ends_at > now)
        .values(exclusive=resource.capacity == 1)
        .execution_options(synchronize_session=False)
    )
