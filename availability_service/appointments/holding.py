"""Holding an appointment, or places in a class: the placer that holds/service.py's place_hold
runs in its transaction (docs/appointments.md, "Holding an appointment" and "Classes")."""

from __future__ import annotations

from sqlalchemy.orm import Session

from availability_service.appointments.catalogue import service_by_code
from availability_service.appointments.classes import take_places
from availability_service.appointments.placement import (
    AppointmentHoldRequest,
    new_appointment_holds,
    resource_candidates,
)
from availability_service.holds.ranges import lock_resource
from availability_service.lookups import venue_by_slug
from availability_service.models import Hold


def place_appointment(session: Session, request: AppointmentHoldRequest, existing) -> tuple[Hold, bool]:
    """The appointment's first hold (a class's: the booking's seat hold), and whether it is new; a
    key already used answers its hold. Every candidate staff member and resource is locked in id
    order first, so concurrent placements queue rather than deadlock, and the key is looked up
    under the locks, so a concurrent duplicate waits and then finds it."""
    venue = venue_by_slug(session, request.venue)
    service = service_by_code(session, venue, request.service)
    for resource in sorted([*service.staff, *resource_candidates(session, venue, service)], key=lambda r: r.id):
        lock_resource(session, resource)
    found = existing(session, request)
    if found is not None:
        return found, False
    if service.is_class:
        seat = take_places(session, request, venue, service)
        session.add(seat)
        return seat, True
    holds = new_appointment_holds(session, request, venue)
    session.add_all(holds)
    return holds[0], True
