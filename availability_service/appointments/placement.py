"""Holding an appointment: its staff member and every resource it needs, in one transaction or
none (docs/appointments.md, "Booking an appointment"; guarantee 1 of docs/architecture.md).

The transaction locks every candidate (the staff who could take it and the resources that could
serve it) in id order, so concurrent placements queue rather than deadlock, then decides with
the same rules as the search (appointments/rules.py) on what the database holds now. The staff
member's hold is the group's first; each resource's hold names it (holds/service.py), so the
booking knows one hold and every status change moves them all. On PostgreSQL the exclusion
constraint on capacity-1 resources backs the decision up.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import ClassVar, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from availability_service.appointments.catalogue import STAFF, horizon_days, notice_minutes, service_by_code
from availability_service.appointments.rules import (
    Bookable,
    Held,
    Times,
    Timing,
    appointment_times,
    choose_resources,
    choose_staff,
    free_staff,
)
from availability_service.errors import (
    AppointmentNotBookable,
    ResourceUnavailable,
    StaffNotForService,
    StaffUnavailable,
)
from availability_service.holds.ranges import lock_resource
from availability_service.holds.replacing import replaced_ids, stand_aside
from availability_service.lookups import venue_by_slug
from availability_service.models import Hold, HoldStatus, Resource, Service, Venue
from availability_service.schedules.service import weeks_of
from shared.clock import utcnow, venue_today
from shared.errors import ApiError


@dataclass(frozen=True)
class AppointmentHoldRequest:
    refusal: ClassVar[type[ApiError]] = StaffUnavailable  # when PostgreSQL's exclusion constraint refuses it
    hold_key: str
    venue: str
    service: str
    date: date
    time: time
    staff_id: int | None = None  # None: any who performs the service
    replaces: str | None = None  # a move: the booking's current hold (holds/replacing.py)
    units: int = 1

    def matches(self, hold: Hold) -> bool:
        return (
            hold.service is not None
            and hold.service.code == self.service
            and hold.venue.slug == self.venue
            and hold.local_start == datetime.combine(self.date, self.time)
            and (self.staff_id is None or hold.resource_id == self.staff_id)
        )


def timing(service: Service) -> Timing:
    return Timing(service.duration_minutes, service.buffer_before_minutes, service.buffer_after_minutes)


def staff_candidates(service: Service, staff_id: int | None) -> list[Resource]:
    """Who could take it: the one asked for, or every active member who performs the service."""
    members = [member for member in service.staff if member.active]
    if staff_id is None:
        return members
    chosen = [member for member in members if member.id == staff_id]
    if not chosen:
        raise StaffNotForService(details={"staff": staff_id, "service": service.code})
    return chosen


def resource_candidates(session: Session, venue: Venue, service: Service) -> list[Resource]:
    tags = {requirement.tag for requirement in service.requirements}
    if not tags:
        return []
    resources = session.scalars(
        select(Resource).where(Resource.venue_id == venue.id, Resource.active.is_(True), Resource.kind != STAFF)
    )
    return [resource for resource in resources if tags & set(resource.tags or [])]


def held_by(
    session: Session, resource_ids: list[int], start: datetime, end: datetime, ignoring: frozenset[str] = frozenset()
) -> dict[int, list[Held]]:
    """Each resource's active holds overlapping [start, end), in one query, but those `ignoring`."""
    held: dict[int, list[Held]] = {rid: [] for rid in resource_ids}
    for resource_id, starts_at, ends_at, units in session.execute(
        select(Hold.resource_id, Hold.starts_at, Hold.ends_at, Hold.units).where(
            Hold.resource_id.in_(resource_ids),
            Hold.status.in_(HoldStatus.ACTIVE),
            Hold.starts_at < end,
            Hold.ends_at > start,
            Hold.id.not_in(ignoring),
        )
    ):
        held[cast(int, resource_id)].append((cast(datetime, starts_at), cast(datetime, ends_at), units))
    return held


def appointments_on(session: Session, staff_ids: list[int], on: date) -> dict[int, int]:
    """How many appointments each staff member holds on a venue-local date."""
    first, end = datetime.combine(on, time(0)), datetime.combine(on + timedelta(days=1), time(0))
    return {
        cast(int, resource_id): count
        for resource_id, count in session.execute(
            select(Hold.resource_id, func.count())
            .where(
                Hold.resource_id.in_(staff_ids),
                Hold.service_id.is_not(None),
                Hold.status.in_(HoldStatus.ACTIVE),
                Hold.local_start >= first,
                Hold.local_start < end,
            )
            .group_by(Hold.resource_id)
        ).all()
    }


def bookables(
    session: Session,
    resources: list[Resource],
    on: date,
    start: datetime,
    end: datetime,
    *,
    count_day: bool = False,
    ignoring: frozenset[str] = frozenset(),
) -> list[Bookable]:
    ids = [resource.id for resource in resources]
    weeks = weeks_of(session, ids, on, on)
    held = held_by(session, ids, start, end, ignoring)
    counts = appointments_on(session, ids, on) if count_day else {}
    return [
        Bookable(
            id=resource.id,
            name=resource.name,
            week=weeks[resource.id],
            held=held[resource.id],
            capacity=resource.capacity,
            tags=tuple(resource.tags or []),
            appointments_that_day=counts.get(resource.id, 0),
        )
        for resource in resources
    ]


def check_bookable(venue: Venue, service: Service, times: Times | None, on: date) -> Times:
    if times is None:
        raise AppointmentNotBookable("That time does not exist on that day (the clocks change).")
    if times.starts_at < utcnow() + timedelta(minutes=notice_minutes(service, venue)):
        raise AppointmentNotBookable(
            "The time is in the past or too soon to book.",
            details={"min_notice_minutes": notice_minutes(service, venue)},
        )
    if on > venue_today(venue.timezone) + timedelta(days=horizon_days(service, venue)):
        raise AppointmentNotBookable(
            "The date is beyond the booking horizon.", details={"horizon_days": horizon_days(service, venue)}
        )
    return times


def new_appointment_holds(session: Session, request: AppointmentHoldRequest, venue: Venue) -> list[Hold]:
    """The appointment's holds, its staff member's first; refusals are 409s and 422s."""
    service = service_by_code(session, venue, request.service)
    if not service.active:
        raise AppointmentNotBookable("The service is not offered.")
    staff = staff_candidates(service, request.staff_id)
    times = check_bookable(
        venue, service, appointment_times(request.date, request.time, timing(service), venue.timezone), request.date
    )
    resources = resource_candidates(session, venue, service)
    for resource in sorted([*staff, *resources], key=lambda r: r.id):
        lock_resource(session, resource)
    replaced = frozenset(replaced_ids(session, request.replaces, venue.id))
    window = (request.date, times.held_from, times.held_until)
    free = free_staff(bookables(session, staff, *window, count_day=True, ignoring=replaced), times)
    member = choose_staff(free)
    if member is None:
        if request.staff_id is not None:
            raise StaffUnavailable("That staff member is not free then.", details={"staff": request.staff_id})
        raise StaffUnavailable()
    tags = [requirement.tag for requirement in service.requirements]
    chosen = choose_resources(tags, bookables(session, resources, *window, ignoring=replaced), times)
    if chosen is None:
        raise ResourceUnavailable("A resource the service needs is not free then.", details={"requires": tags})
    by_id = {resource.id: resource for resource in [*staff, *resources]}
    first_id = str(uuid.uuid4())

    def hold(resource: Resource, key: str, **extra) -> Hold:
        return Hold(
            hold_key=key,
            venue=venue,
            resource=resource,
            units=1,
            starts_at=times.held_from,
            ends_at=times.held_until,
            local_start=times.local_start,
            local_end=times.local_end,
            exclusive=resource.capacity == 1,
            status=HoldStatus.HELD,
            expires_at=utcnow() + timedelta(seconds=venue.hold_ttl_seconds),
            buffer_before_minutes=service.buffer_before_minutes,
            buffer_after_minutes=service.buffer_after_minutes,
            **extra,
        )

    stand_aside(session, set(replaced))
    first = hold(
        by_id[member.id],
        request.hold_key,
        id=first_id,
        service=service,
        replaces_id=request.replaces if replaced else None,
    )
    return [
        first,
        *(hold(by_id[r.id], f"{first_id}:{r.id}", group_id=first_id) for r in chosen.values()),
    ]


def place_appointment(session: Session, request: AppointmentHoldRequest, existing) -> tuple[Hold, bool]:
    """The appointment's first hold, and whether it is new; a key already used answers its hold.
    The key is looked up under the locks, so a concurrent duplicate waits and then finds it."""
    venue = venue_by_slug(session, request.venue)
    service = service_by_code(session, venue, request.service)
    for resource in sorted([*service.staff, *resource_candidates(session, venue, service)], key=lambda r: r.id):
        lock_resource(session, resource)
    found = existing(session, request)
    if found is not None:
        return found, False
    holds = new_appointment_holds(session, request, venue)
    session.add_all(holds)
    return holds[0], True
