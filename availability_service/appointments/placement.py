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
    PartyTooLarge,
    ResourceUnavailable,
    StaffNotForService,
    StaffUnavailable,
)
from availability_service.holds.replacing import replaced_ids, stand_aside
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
    units: int = 1  # places in a class; an appointment is one person's

    def matches(self, hold: Hold) -> bool:
        return (
            hold.service is not None
            and hold.service.code == self.service
            and hold.venue.slug == self.venue
            and hold.local_start == datetime.combine(self.date, self.time)
            and (self.staff_id is None or self.staff_id in (hold.resource_id, seat_staff(hold)))
            and hold.units == self.units
        )


def seat_staff(hold: Hold) -> int | None:
    return hold.class_session.staff_id if hold.class_session is not None else None


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


def opening(request: AppointmentHoldRequest, venue: Venue, service: Service) -> Times:
    """The appointment's times, if the service, staff member, time and places may be booked at all."""
    if not service.active:
        raise AppointmentNotBookable("The service is not offered.")
    if request.units > service.capacity:
        if not service.is_class:
            raise AppointmentNotBookable("The service takes one person at a time.", details={"capacity": 1})
        raise PartyTooLarge("More places than the class has.", details={"capacity": service.capacity})
    staff_candidates(service, request.staff_id)
    times = appointment_times(request.date, request.time, timing(service), venue.timezone)
    return check_bookable(venue, service, times, request.date)


def choose_team(
    session: Session,
    request: AppointmentHoldRequest,
    venue: Venue,
    service: Service,
    times: Times,
    ignoring: frozenset[str] = frozenset(),
) -> tuple[Resource, list[Resource]]:
    """The free staff member (the one asked for, or by the any-staff rule) and one free resource
    of each tag the service needs; 409 when there is none. Call under the candidates' locks."""
    staff = staff_candidates(service, request.staff_id)
    resources = resource_candidates(session, venue, service)
    window = (request.date, times.held_from, times.held_until)
    member = choose_staff(free_staff(bookables(session, staff, *window, count_day=True, ignoring=ignoring), times))
    if member is None:
        if request.staff_id is not None:
            raise StaffUnavailable("That staff member is not free then.", details={"staff": request.staff_id})
        raise StaffUnavailable()
    tags = [requirement.tag for requirement in service.requirements]
    chosen = choose_resources(tags, bookables(session, resources, *window, ignoring=ignoring), times)
    if chosen is None:
        raise ResourceUnavailable("A resource the service needs is not free then.", details={"requires": tags})
    by_id = {resource.id: resource for resource in [*staff, *resources]}
    return by_id[member.id], [by_id[resource.id] for resource in chosen.values()]


def range_hold(
    venue: Venue, offered: Service, times: Times, resource: Resource, key: str, status: str = HoldStatus.HELD, **extra
) -> Hold:
    """A hold of the resource for the appointment of `offered` and its buffers."""
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
        status=status,
        expires_at=utcnow() + timedelta(seconds=venue.hold_ttl_seconds),
        buffer_before_minutes=offered.buffer_before_minutes,
        buffer_after_minutes=offered.buffer_after_minutes,
        **extra,
    )


def team_holds(
    venue: Venue,
    service: Service,
    times: Times,
    member: Resource,
    resources: list[Resource],
    *,
    hold_key: str | None = None,
    status: str = HoldStatus.HELD,
    replaces_id: str | None = None,
) -> list[Hold]:
    """The staff member's hold, the group's first (keyed `hold_key`, or its own id), and each
    resource's naming it."""
    first_id = str(uuid.uuid4())
    return [
        range_hold(
            venue,
            service,
            times,
            member,
            hold_key or first_id,
            status,
            id=first_id,
            service=service,
            replaces_id=replaces_id,
        ),
        *(
            range_hold(venue, service, times, resource, f"{first_id}:{resource.id}", status, group_id=first_id)
            for resource in resources
        ),
    ]


def new_appointment_holds(session: Session, request: AppointmentHoldRequest, venue: Venue) -> list[Hold]:
    """The appointment's holds, its staff member's first; refusals are 409s and 422s."""
    service = service_by_code(session, venue, request.service)
    times = opening(request, venue, service)
    replaced = frozenset(replaced_ids(session, request.replaces, venue.id))
    member, resources = choose_team(session, request, venue, service, times, ignoring=replaced)
    stand_aside(session, set(replaced))
    return team_holds(
        venue,
        service,
        times,
        member,
        resources,
        hold_key=request.hold_key,
        replaces_id=request.replaces if replaced else None,
    )
