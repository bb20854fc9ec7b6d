"""Resources booked by time range, and how much of one is free over a range."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from availability_service.errors import CapacityBelowHeld, CapacityFollowsRooms, RangeNotBookable, ResourceExists
from availability_service.extensions import db
from availability_service.holds.ranges import held_peak, lock_resource, mark_exclusive, overlapping, peak_units
from availability_service.lookups import resource_of_venue, venue_by_slug, venue_rows_page
from availability_service.models import Resource
from shared.clock import iso_utc, local_to_utc, utcnow


def resource_view(resource: Resource) -> dict:
    return {
        "id": resource.id,
        "name": resource.name,
        "kind": resource.kind,
        "capacity": resource.capacity,
        "tags": list(resource.tags or []),
        "active": resource.active,
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
            for name, value in changes.items():
                setattr(resource, name, value)
            session.flush()
            if "capacity" in changes:
                mark_exclusive(session, resource, now)
            return resource_view(resource)
    except IntegrityError:
        raise ResourceExists() from None


def resource_availability(venue_slug: str, resource_id: int, start: datetime, end: datetime) -> dict:
    """How many units of the resource are free for the whole of a venue-local range."""
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        resource = resource_of_venue(session, venue, resource_id)
        starts_at = local_to_utc(start.date(), start.time(), venue.timezone)
        ends_at = local_to_utc(end.date(), end.time(), venue.timezone)
        if starts_at is None or ends_at is None:
            raise RangeNotBookable("That wall-clock time does not exist in the venue's time zone (a DST change).")
        held = peak_units(overlapping(session, resource.id, starts_at, ends_at), starts_at, ends_at)
    remaining = max(resource.capacity - held, 0) if resource.active else 0
    return {
        "resource": resource_view(resource),
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": end.strftime("%Y-%m-%dT%H:%M"),
        "starts_at": iso_utc(starts_at),
        "ends_at": iso_utc(ends_at),
        "remaining": remaining,
    }
