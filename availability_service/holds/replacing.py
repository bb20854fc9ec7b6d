"""A move's new hold beside the one it replaces (docs/appointments.md, "Moving an appointment").

A booking that moves takes its new hold first and releases the old one after it commits
(booking_service/bookings/changes.py). When the two overlap on a resource (the same doctor half an
hour later, another doctor in the same room), the new one may use what the old one holds: the
placement leaves the replaced group out of its check, and in the same transaction marks the old
rows not `exclusive`, so PostgreSQL's exclusion constraint (which backs capacity 1 up) lets the
two overlap. Everyone else still counts both, so nothing else can take that time meanwhile, and
the ledger check counts a replaced group as gone. If the new hold is given back instead (the move
failed), the old rows become exclusive again.
"""

from __future__ import annotations

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from availability_service.models import Hold, HoldStatus, Resource


def replaced_ids(session: Session, hold_id: str | None, venue_id: int) -> set[str]:
    """The ids of the active group a move replaces (empty without one, or if it is not active)."""
    if hold_id is None:
        return set()
    return set(
        session.scalars(
            select(Hold.id).where(
                or_(Hold.id == hold_id, Hold.group_id == hold_id),
                Hold.venue_id == venue_id,
                Hold.status.in_(HoldStatus.ACTIVE),
            )
        )
    )


def stand_aside(session: Session, ids: set[str]) -> None:
    """Let the replacing hold overlap the replaced one on PostgreSQL."""
    if ids:
        session.execute(
            update(Hold).where(Hold.id.in_(ids)).values(exclusive=False).execution_options(synchronize_session=False)
        )


def stand_back(session: Session, replaced_id: str) -> None:
    """The move failed: the replaced group's capacity-1 holds are exclusive again."""
    session.execute(
        update(Hold)
        .where(
            or_(Hold.id == replaced_id, Hold.group_id == replaced_id),
            Hold.status.in_(HoldStatus.ACTIVE),
            Hold.resource_id.in_(select(Resource.id).where(Resource.capacity == 1)),
        )
        .values(exclusive=True)
        .execution_options(synchronize_session=False)
    )


def replaced_by_active_holds(session: Session) -> set[str]:
    """Groups that an active move's hold replaces: the ledger counts them as gone."""
    replaced = set(
        session.scalars(
            select(Hold.replaces_id).where(Hold.replaces_id.is_not(None), Hold.status.in_(HoldStatus.ACTIVE))
        )
    )
    if not replaced:
        return set()
    return set(session.scalars(select(Hold.id).where(or_(Hold.id.in_(replaced), Hold.group_id.in_(replaced)))))
