"""The ledger invariant, checked from the rows themselves (guarantee 1 of docs/architecture.md):

- every slot's `booked` equals the units of its held and confirmed holds, and stays within
  its capacity;
- no resource has more units held at any instant than its capacity;
- every class session's `taken` equals the places of its active seat holds and stays within its
  capacity, and its own holds (staff member and resources) are active exactly while it has a
  place taken (docs/appointments.md, "Classes").

An ops command (`manage check-ledger`), a maintenance job and the test suite all run it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import cast

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from availability_service.extensions import db
from availability_service.holds.ranges import peak_units
from availability_service.holds.replacing import replaced_by_active_holds
from availability_service.models import ClassSession, Hold, HoldStatus, Resource, Slot, Venue


def check_ledger() -> dict:
    """Every violation found; empty lists mean the ledger is sound."""
    with db.reading() as session:
        held = (
            select(func.coalesce(func.sum(Hold.units), 0))
            .where(Hold.slot_id == Slot.id, Hold.status.in_(HoldStatus.ACTIVE))
            .scalar_subquery()
        )
        slots = session.execute(
            select(Venue.slug, Slot.local_date, Slot.local_time, Slot.capacity, Slot.booked, held.label("held"))
            .join(Venue, Venue.id == Slot.venue_id)
            .where(or_(Slot.booked != held, Slot.booked > Slot.capacity, Slot.booked < 0))
        ).all()
        # Range holds (resource_id set) always have their times.
        reservations: defaultdict[int, list[tuple[datetime, datetime, int]]] = defaultdict(list)
        moving = replaced_by_active_holds(session)  # a move's old holds, about to go (holds/replacing.py)
        for resource_id, starts_at, ends_at, units in session.execute(
            select(Hold.resource_id, Hold.starts_at, Hold.ends_at, Hold.units).where(
                Hold.resource_id.is_not(None), Hold.status.in_(HoldStatus.ACTIVE), Hold.id.not_in(moving)
            )
        ):
            reservations[cast(int, resource_id)].append((cast(datetime, starts_at), cast(datetime, ends_at), units))
        capacities = dict(
            session.execute(select(Resource.id, Resource.capacity).where(Resource.id.in_(list(reservations)))).all()
        )
        sessions = _class_sessions(session)
    overbooked = []
    for resource_id, rows in reservations.items():
        peak = peak_units(rows, min(row[0] for row in rows), max(row[1] for row in rows))
        if peak > capacities[resource_id]:
            overbooked.append({"resource_id": resource_id, "capacity": capacities[resource_id], "peak_held": peak})
    return {
        "slots": [
            {
                "venue": row.slug,
                "date": row.local_date.isoformat(),
                "time": row.local_time.strftime("%H:%M"),
                "capacity": row.capacity,
                "booked": row.booked,
                "held": row.held,
            }
            for row in slots
        ],
        "resources": overbooked,
        "class_sessions": sessions,
    }


def _class_sessions(session: Session) -> list[dict]:
    """The class sessions whose places or holds disagree with their seat holds."""
    seats = (
        select(func.coalesce(func.sum(Hold.units), 0))
        .where(Hold.class_session_id == ClassSession.id, Hold.status.in_(HoldStatus.ACTIVE))
        .scalar_subquery()
    )
    in_group = or_(Hold.id == ClassSession.hold_id, Hold.group_id == ClassSession.hold_id)
    own_holds = select(func.count()).where(in_group).scalar_subquery()
    own_active = select(func.count()).where(in_group, Hold.status.in_(HoldStatus.ACTIVE)).scalar_subquery()
    rows = session.execute(
        select(
            ClassSession.id,
            Venue.slug,
            ClassSession.local_start,
            ClassSession.staff_id,
            ClassSession.capacity,
            ClassSession.taken,
            seats.label("seats_held"),
            own_holds.label("own_holds"),
            own_active.label("own_holds_active"),
        )
        .join(Venue, Venue.id == ClassSession.venue_id)
        .where(
            or_(
                ClassSession.taken != seats,
                ClassSession.taken > ClassSession.capacity,
                ClassSession.taken < 0,
                and_(ClassSession.taken > 0, own_active != own_holds),
                and_(ClassSession.taken == 0, own_active > 0),
            )
        )
    ).all()
    return [
        {
            "class_session": row.id,
            "venue": row.slug,
            "start": row.local_start.strftime("%Y-%m-%dT%H:%M"),
            "staff_id": row.staff_id,
            "capacity": row.capacity,
            "taken": row.taken,
            "seats_held": row.seats_held,
            "own_holds": row.own_holds,
            "own_holds_active": row.own_holds_active,
        }
        for row in rows
    ]


def ledger_is_sound(report: dict) -> bool:
    return not report["slots"] and not report["resources"] and not report["class_sessions"]
