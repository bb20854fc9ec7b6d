"""Giving a seat's places back to its class session (docs/appointments.md, "Classes"): what
holds/service.py's give_back does for a seat hold, in the same transaction, once. The session's
last places given back release its own holds, so its staff member and resources are free again."""

from __future__ import annotations

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from availability_service.models import ClassSession, Hold, HoldStatus
from shared.clock import utcnow


def give_places_back(session: Session, seat: Hold) -> None:
    """The seat's places are free again (call once, when the seat stops being active); the
    session's last ones release its own holds, so its staff member and resources are free."""
    session.execute(
        update(ClassSession)
        .where(ClassSession.id == seat.class_session_id)
        .values(taken=ClassSession.taken - seat.units)
        .execution_options(synchronize_session=False)
    )
    class_session = session.get(ClassSession, seat.class_session_id)
    if class_session is None:
        return
    session.refresh(class_session)
    if class_session.taken == 0:
        session.execute(
            update(Hold)
            .where(
                or_(Hold.id == class_session.hold_id, Hold.group_id == class_session.hold_id),
                Hold.status.in_(HoldStatus.ACTIVE),
            )
            .values(status=HoldStatus.RELEASED, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
