"""What a venue offers by appointment: its services and the staff who perform them
(docs/appointments.md, "Services"). A staff member is a resource of kind `staff` and capacity 1;
a service names who performs it and the tags of the resources it needs."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from availability_service.cache import every_day, invalidate_booking_days
from availability_service.errors import ServiceExists, ServiceNotFound, StaffNotFound
from availability_service.extensions import db
from availability_service.lookups import venue_by_slug
from availability_service.models import Resource, Service, ServiceRequirement, Venue
from shared.clock import venue_today
from shared.errors import ValidationFailed
from shared.money import minor_unit
from shared.pagination import keyset_page

STAFF = "staff"


def service_view(service: Service, venue: Venue) -> dict:
    price = None
    if service.price is not None and service.currency is not None:
        price = {"amount": format(service.price, "f"), "currency": service.currency}
    return {
        "code": service.code,
        "name": service.name,
        "description": service.description,
        "duration_minutes": service.duration_minutes,
        "buffer_before_minutes": service.buffer_before_minutes,
        "buffer_after_minutes": service.buffer_after_minutes,
        "interval_minutes": service.interval_minutes,
        "price": price,
        "min_notice_minutes": notice_minutes(service, venue),
        "horizon_days": horizon_days(service, venue),
        "staff": [{"id": member.id, "name": member.name} for member in service.staff],
        "requires": [requirement.tag for requirement in service.requirements],
        "capacity": service.capacity,
        "active": service.active,
    }


def notice_minutes(service: Service, venue: Venue) -> int:
    return venue.min_notice_minutes if service.min_notice_minutes is None else service.min_notice_minutes


def horizon_days(service: Service, venue: Venue) -> int:
    return venue.horizon_days if service.horizon_days is None else service.horizon_days


def service_by_code(session: Session, venue: Venue, code: str) -> Service:
    service = session.scalar(select(Service).where(Service.venue_id == venue.id, Service.code == code))
    if service is None:
        raise ServiceNotFound()
    return service


def staff_of_venue(session: Session, venue: Venue, ids: list[int]) -> list[Resource]:
    found = {
        member.id: member
        for member in session.scalars(
            select(Resource).where(Resource.venue_id == venue.id, Resource.kind == STAFF, Resource.id.in_(ids))
        )
    }
    missing = [staff_id for staff_id in ids if staff_id not in found]
    if missing:
        raise StaffNotFound(details={"staff": missing})
    return [found[staff_id] for staff_id in ids]


def list_services(venue_slug: str, *, after_id: int | None, limit: int, active_only: bool) -> dict:
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        query = select(Service).where(Service.venue_id == venue.id)
        if active_only:
            query = query.where(Service.active.is_(True))
        return keyset_page(
            session, query, Service.id, after_id=after_id, limit=limit, view=lambda s: service_view(s, venue)
        )


def get_service(venue_slug: str, code: str) -> dict:
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        return service_view(service_by_code(session, venue, code), venue)


def _apply(session: Session, venue: Venue, service: Service, fields: dict) -> None:
    staff, requires = fields.pop("staff", None), fields.pop("requires", None)
    for name, value in fields.items():
        setattr(service, name, value)
    if staff is not None:
        service.staff = staff_of_venue(session, venue, staff)
    if requires is not None:
        service.requirements = [ServiceRequirement(tag=tag) for tag in requires]
    if service.price is not None:
        if service.currency is None:
            raise ValidationFailed(details={"currency": ["A price needs its currency."]})
        if service.price != service.price.quantize(minor_unit(service.currency)):
            raise ValidationFailed(details={"price": [f"Too precise for {service.currency}."]})


def _offer_changed(venue: Venue) -> None:
    today = venue_today(venue.timezone)
    invalidate_booking_days(venue.slug, every_day(today, today + timedelta(days=venue.horizon_days + 1)))


def create_service(venue_slug: str, fields: dict) -> dict:
    try:
        with db.transaction() as session:
            venue = venue_by_slug(session, venue_slug)
            service = Service(venue_id=venue.id, code=fields.pop("code"))
            session.add(service)
            _apply(session, venue, service, fields)
            session.flush()
            view = service_view(service, venue)
    except IntegrityError:
        raise ServiceExists() from None
    _offer_changed(venue)
    return view


def update_service(venue_slug: str, code: str, changes: dict) -> dict:
    """Rename, re-time, reprice, restaff or take off sale; appointments already booked keep theirs."""
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug)
        service = service_by_code(session, venue, code)
        _apply(session, venue, service, changes)
        session.flush()
        view = service_view(service, venue)
    _offer_changed(venue)
    return view


def staff_view(member: Resource, codes: list[str]) -> dict:
    return {"id": member.id, "name": member.name, "description": member.description, "services": codes}


def list_staff(venue_slug: str, *, after_id: int | None, limit: int) -> dict:
    """The venue's active staff, each with the codes of the active services they perform."""
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        services = session.scalars(select(Service).where(Service.venue_id == venue.id, Service.active.is_(True)))
        performs: dict[int, list[str]] = {}
        for service in services:
            for member in service.staff:
                performs.setdefault(member.id, []).append(service.code)
        query = select(Resource).where(Resource.venue_id == venue.id, Resource.kind == STAFF, Resource.active.is_(True))
        return keyset_page(
            session,
            query,
            Resource.id,
            after_id=after_id,
            limit=limit,
            view=lambda member: staff_view(member, sorted(performs.get(member.id, []))),
        )
