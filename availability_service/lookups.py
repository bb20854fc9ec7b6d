"""Finding a venue's own rows by the ids the API uses (or raising the API's 404), and listing them."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from availability_service.errors import ResourceNotFound, RoomNotFound, RoomTypeNotFound, VenueNotFound
from availability_service.extensions import db
from availability_service.models import Resource, Room, RoomType, Venue
from shared.pagination import keyset_page


def venue_by_slug(session: Session, slug: str, *, for_update: bool = False) -> Venue:
    query = select(Venue).where(Venue.slug == slug)
    if for_update:
        query = query.with_for_update()
    venue = session.scalar(query)
    if venue is None:
        raise VenueNotFound()
    return venue


def resource_of_venue(session: Session, venue: Venue, resource_id: int, *, for_update: bool = False) -> Resource:
    """The venue's resource; another venue's resource is as unknown as a missing one."""
    query = select(Resource).where(Resource.id == resource_id, Resource.venue_id == venue.id)
    if for_update:
        query = query.with_for_update()
    resource = session.scalar(query)
    if resource is None:
        raise ResourceNotFound()
    return resource


def room_type_of_venue(session: Session, venue: Venue, code: str) -> RoomType:
    room_type = session.scalar(select(RoomType).where(RoomType.venue_id == venue.id, RoomType.code == code))
    if room_type is None:
        raise RoomTypeNotFound()
    return room_type


def room_of_venue(session: Session, venue: Venue, number: str) -> Room:
    room = session.scalar(select(Room).where(Room.venue_id == venue.id, Room.number == number))
    if room is None:
        raise RoomNotFound()
    return room


def venue_rows_page(venue_slug: str, model, view: Callable, *, after_id: int | None, limit: int) -> dict:
    """One page of a venue's rows of `model` (resources, rules, closures) in id order."""
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        query = select(model).where(model.venue_id == venue.id)
        return keyset_page(session, query, model.id, after_id=after_id, limit=limit, view=view)
