"""Resources booked by time range: rooms, equipment, staff; a reservation's limits on each.
Their free and busy times are reservations/calendar.py's."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from availability_service.cache import every_day, invalidate_booking_days
from availability_service.errors import CapacityBelowHeld, CapacityFollowsRooms, ResourceExists
from availability_service.extensions import db
from availability_service.holds.ranges import held_peak, lock_resource, mark_exclusive
from availability_service.lookups import resource_of_venue, venue_by_slug, venue_rows_page
from availability_service.models import Resource
from shared.clock import utcnow, venue_today
from shared.errors import ValidationFailed


def resource_view(resource: Resource) -> dict:
    return {
        "id": resource.id,
        "name": resource.name,
        "kind": resource.kind,
        "capacity": resource.capacity,
        "tags": list(resource.tags or []),
        "active": resource.active,
        "description": resource.description,
        "min_minutes": resource.min_minutes,
        "max_minutes": resource.max_minutes,
        "buffer_minutes": resource.buffer_minutes or 0,
    }


def list_resources(venue_slug: str, *, after_id: int | None, limit: int) -> dict:
    return venue_rows_page(venue_slug, Resource, resource_view, after_id=after_id, limit=limit)


def get_resource(venue_slug: str, resource_id: int) -> dict:
    with db.reading() as session:
        return resource_view(resource_of_venue(session, venue_by_slug(session, venue_slug), resource_id))


def create_resource(venue_slug: str, fields: dict) -> dict:
    try:
        with db.transaction() as session:
            venue = venue_by_slug(session, venue_slug)
            if session.scalar(
                select(Resource.id).where(Resource.venue_id == venue.id, Resource.name == fields["name"])
            ):
                raise ResourceExists()
            resource = Resource(venue_id=venue.id, **fields)
            session.add(resource)
            session.flush()
            return resource_view(resource)
    except IntegrityError:
        raise ResourceExists() from None


def update_resource(venue_slug: str, resource_id: int, changes: dict) -> dict:
    """Rename, retag, (de)activate or resize a resource; never below what is held from now on."""
    try:
        with db.transaction() as session:
            resource = resource_of_venue(session, venue_by_slug(session, venue_slug), resource_id)
            lock_resource(session, resource)
            now = utcnow()
            if "capacity" in changes and resource.room_type is not None:
                raise CapacityFollowsRooms()
            if "capacity" in changes:
                held = held_peak(session, resource.id, now)
                if changes["capacity"] < held:
                    raise CapacityBelowHeld(details={"held": held, "capacity": changes["capacity"]})
            low = changes.get("min_minutes", resource.min_minutes)
            high = changes.get("max_minutes", resource.max_minutes)
            if low is not None and high is not None and low > high:
                raise ValidationFailed(details={"max_minutes": ["Must not be below min_minutes."]})
            for name, value in changes.items():
                setattr(resource, name, value)
            session.flush()
            if "capacity" in changes:
                mark_exclusive(session, resource, now)
            view = resource_view(resource)
            timezone, horizon_days = resource.venue.timezone, resource.venue.horizon_days
    except IntegrityError:
        raise ResourceExists() from None
    # What the resource offers (open, units) shows in its calendar on every day to come.
    today = venue_today(timezone)
    invalidate_booking_days(venue_slug, every_day(today, today + timedelta(days=horizon_days)))
    return view
