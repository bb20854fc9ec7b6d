"""Places in a class (docs/appointments.md, "Classes"; guarantee 1 of docs/architecture.md).

A service of capacity above 1 is a class. Its sessions (ClassSession) each hold one staff member
and the resources the service needs, as an appointment would, with holds that belong to the
session and stay confirmed while a place is taken; a booking holds its places with a seat hold
naming the session. Taking places runs under the same locks as an appointment (every candidate
staff member and resource, in id order: appointments/holding.py), so a session starts at most once
per staff member and time, and `taken` moves only by guarded updates: `taken + n <= capacity`
to join, and the last place given back releases the session's holds in the same transaction
(holds/seats.py), so the staff member and the room are free again.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from availability_service.appointments.class_rules import SessionSeats, session_to_join
from availability_service.appointments.placement import (
    AppointmentHoldRequest,
    choose_team,
    opening,
    staff_candidates,
    team_holds,
)
from availability_service.errors import ClassFull, ResourceUnavailable, StaffUnavailable
from availability_service.holds.replacing import replaced_ids
from availability_service.models import ClassSession, Hold, HoldStatus, Service, Venue
from shared.clock import utcnow
from shared.db import rows_affected


def state(class_session: ClassSession) -> SessionSeats:
    return SessionSeats(class_session.id, class_session.staff_id, class_session.capacity, class_session.taken)


def live_sessions(session: Session, service: Service, staff_ids: list[int], first: datetime, end: datetime):
    """The service's sessions with a place taken, of those staff, starting in [first, end) (venue wall clock)."""
    return list(
        session.scalars(
            select(ClassSession)
            .where(
                ClassSession.service_id == service.id,
                ClassSession.staff_id.in_(staff_ids),
                ClassSession.taken > 0,
                ClassSession.local_start >= first,
                ClassSession.local_start < end,
            )
            .order_by(ClassSession.id)
        )
    )


def sessions_by_start(
    session: Session, service: Service, staff_ids: list[int], on: date
) -> dict[datetime, list[SessionSeats]]:
    """The service's live sessions of a venue-local date by their local start."""
    first = datetime.combine(on, time(0))
    found: dict[datetime, list[SessionSeats]] = {}
    for class_session in live_sessions(session, service, staff_ids, first, first + timedelta(days=1)):
        found.setdefault(class_session.local_start, []).append(state(class_session))
    return found


def _join(session: Session, class_session: ClassSession, places: int) -> bool:
    """Take places in a live session; False if its last place was given back meanwhile."""
    joined = rows_affected(
        session,
        update(ClassSession)
        .where(
            ClassSession.id == class_session.id,
            ClassSession.taken > 0,
            ClassSession.taken + places <= ClassSession.capacity,
        )
        .values(taken=ClassSession.taken + places)
        .execution_options(synchronize_session=False),
    )
    session.refresh(class_session)
    return joined == 1


def _start(
    session: Session, request: AppointmentHoldRequest, venue: Venue, service: Service, times, full: list[ClassSession]
) -> ClassSession:
    """A new session with its staff member and resources, confirmed for as long as it has places
    taken; when they are busy, 409 (`class_full` if the time's sessions are full)."""
    try:
        member, resources = choose_team(session, request, venue, service, times)
    except (StaffUnavailable, ResourceUnavailable):
        if full:
            raise ClassFull(details={"places_left": max(state(s).places_left for s in full)}) from None
        raise
    holds = team_holds(venue, service, times, member, resources, status=HoldStatus.CONFIRMED)
    session.add_all(holds)
    class_session = ClassSession(
        venue_id=venue.id,
        service_id=service.id,
        staff_id=member.id,
        local_start=times.local_start,
        local_end=times.local_end,
        starts_at=times.starts_at,
        ends_at=times.ends_at,
        capacity=service.capacity,
        taken=request.units,
        hold_id=holds[0].id,
    )
    session.add(class_session)
    session.flush()
    return class_session


def take_places(session: Session, request: AppointmentHoldRequest, venue: Venue, service: Service) -> Hold:
    """The booking's seat hold: places in the session it joins, or in one it starts. Call under
    the locks of every candidate staff member and resource (appointments/holding.py)."""
    times = opening(request, venue, service)
    staff_ids = [member.id for member in staff_candidates(service, request.staff_id)]
    live = live_sessions(session, service, staff_ids, times.local_start, times.local_start + timedelta(minutes=1))
    by_id = {class_session.id: class_session for class_session in live}
    chosen = session_to_join([state(s) for s in live], request.units, request.staff_id)
    class_session = by_id[chosen.id] if chosen is not None else None
    if class_session is None or not _join(session, class_session, request.units):
        class_session = _start(session, request, venue, service, times, [s for s in live if s.taken > 0])
    replaced = replaced_ids(session, request.replaces, venue.id)
    return Hold(
        hold_key=request.hold_key,
        venue=venue,
        class_session=class_session,
        service=service,
        units=request.units,
        starts_at=times.starts_at,
        ends_at=times.ends_at,
        local_start=times.local_start,
        local_end=times.local_end,
        status=HoldStatus.HELD,
        expires_at=utcnow() + timedelta(seconds=venue.hold_ttl_seconds),
        replaces_id=request.replaces if replaced else None,
    )
