"""A hotel's inventory: room types, their rooms, and rooms out of order (docs/stays.md, "Inventory").

A room type sells from its resource, whose capacity is always the number of its rooms in
service: adding a room, taking one out of service or moving it to another type changes that
capacity under the resource's lock, and never below what is already held. A room out of order
for some nights is a confirmed range hold of one unit on its type for those nights, so the
type sells one fewer, and takes the room's own nights (rooms/assignment.py), so no stay is
given it then; ending the block releases both. Every change here invalidates the
venue's cached nights, since any of them can show a type's units.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from availability_service.cache import every_day, invalidate_nights
from availability_service.errors import (
    CapacityBelowHeld,
    RoomBlockNotFound,
    RoomExists,
    RoomHasBlocks,
    RoomHasStays,
    RoomNotInService,
    RoomTaken,
    RoomTypeExists,
    RoomTypeSoldOut,
    StayNotBookable,
)
from availability_service.extensions import db
from availability_service.holds.ranges import held_peak, lock_resource, overlapping, peak_units
from availability_service.holds.service import give_back
from availability_service.lookups import room_of_venue, room_type_of_venue, venue_by_slug
from availability_service.models import Hold, HoldStatus, Resource, Room, RoomBlock, RoomNight, RoomType, Venue
from availability_service.rooms.assignment import take_nights
from availability_service.stays.nights import night_window, nights_between, utc_window
from shared.clock import utcnow, venue_today

ROOM_TYPE_FIELDS = ("code", "name", "description", "max_occupancy", "bed_setup", "amenities")
MAX_BLOCK_NIGHTS = 92


def room_type_view(room_type: RoomType) -> dict:
    return {
        **{name: getattr(room_type, name) for name in ROOM_TYPE_FIELDS},
        "amenities": list(room_type.amenities or []),
        "units": room_type.resource.capacity,
    }


def room_view(room: Room) -> dict:
    return {
        "number": room.number,
        "floor": room.floor,
        "room_type": room.room_type.code,
        "housekeeping": room.housekeeping,
        "in_service": room.in_service,
    }


def block_view(block: RoomBlock) -> dict:
    return {
        "id": block.id,
        "room": block.room.number,
        "room_type": block.room.room_type.code,
        "first_night": block.first_night.isoformat(),
        "end_night": block.end_night.isoformat(),
        "reason": block.reason,
        "active": block.hold.status in HoldStatus.ACTIVE,
    }


def _forget_cached_nights(venue_slug: str, timezone: str, horizon_days: int) -> None:
    today = venue_today(timezone)
    invalidate_nights(venue_slug, every_day(today - timedelta(days=1), today + timedelta(days=horizon_days + 92)))


def list_room_types(venue_slug: str) -> dict:
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        room_types = session.scalars(select(RoomType).where(RoomType.venue_id == venue.id).order_by(RoomType.id))
        return {"items": [room_type_view(room_type) for room_type in room_types]}


def get_room_type(venue_slug: str, code: str) -> dict:
    with db.reading() as session:
        return room_type_view(room_type_of_venue(session, venue_by_slug(session, venue_slug), code))


def create_room_type(venue_slug: str, fields: dict) -> dict:
    """A new type has no rooms yet, so 0 units: rooms are added one by one."""
    try:
        with db.transaction() as session:
            venue = venue_by_slug(session, venue_slug)
            if session.scalar(
                select(RoomType.id).where(RoomType.venue_id == venue.id, RoomType.code == fields["code"])
            ):
                raise RoomTypeExists()
            resource = Resource(venue_id=venue.id, name=f"Room type {fields['code']}", kind="room_type", capacity=0)
            room_type = RoomType(venue_id=venue.id, resource=resource, **fields)
            session.add(room_type)
            session.flush()
            view = room_type_view(room_type)
            timezone, horizon = venue.timezone, venue.horizon_days
    except IntegrityError:
        raise RoomTypeExists() from None
    _forget_cached_nights(venue_slug, timezone, horizon)
    return view


def update_room_type(venue_slug: str, code: str, changes: dict) -> dict:
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug)
        room_type = room_type_of_venue(session, venue, code)
        for name, value in changes.items():
            setattr(room_type, name, value)
        session.flush()
        view = room_type_view(room_type)
        timezone, horizon = venue.timezone, venue.horizon_days
    _forget_cached_nights(venue_slug, timezone, horizon)
    return view


def _resize(session: Session, resource: Resource, change: int) -> None:
    """Add or take away units of a room type; never below what its holds take from now on."""
    lock_resource(session, resource)
    session.refresh(resource)
    capacity = resource.capacity + change
    if change < 0:
        held = held_peak(session, resource.id, utcnow())
        if capacity < held:
            raise CapacityBelowHeld(
                "Those nights are sold: the room type would have fewer rooms than its stays.",
                details={"held": held, "capacity": capacity},
            )
    resource.capacity = capacity


def list_rooms(venue_slug: str, *, room_type: str | None = None, housekeeping: str | None = None) -> dict:
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        query = select(Room).where(Room.venue_id == venue.id).order_by(Room.number)
        if room_type is not None:
            query = query.where(Room.room_type_id == room_type_of_venue(session, venue, room_type).id)
        if housekeeping is not None:
            query = query.where(Room.housekeeping == housekeeping)
        return {"items": [room_view(room) for room in session.scalars(query)]}


def get_room(venue_slug: str, number: str) -> dict:
    with db.reading() as session:
        return room_view(room_of_venue(session, venue_by_slug(session, venue_slug), number))


def create_room(venue_slug: str, fields: dict) -> dict:
    try:
        with db.transaction() as session:
            venue = venue_by_slug(session, venue_slug)
            room_type = room_type_of_venue(session, venue, fields.pop("room_type"))
            if session.scalar(select(Room.id).where(Room.venue_id == venue.id, Room.number == fields["number"])):
                raise RoomExists()
            room = Room(venue_id=venue.id, room_type=room_type, **fields)
            session.add(room)
            if room.in_service:
                _resize(session, room_type.resource, +1)
            session.flush()
            view = room_view(room)
            timezone, horizon = venue.timezone, venue.horizon_days
    except IntegrityError:
        raise RoomExists() from None
    _forget_cached_nights(venue_slug, timezone, horizon)
    return view


def _taken_nights(session: Session, room: Room, nights: list[date] | None = None) -> set[str]:
    """What takes the room on those nights (tonight and after when None): `block`, `stay`."""
    query = (
        select(RoomBlock.id)
        .select_from(RoomNight)
        .outerjoin(RoomBlock, RoomBlock.hold_id == RoomNight.hold_id)
        .where(RoomNight.room_id == room.id)
    )
    if nights is None:
        query = query.where(RoomNight.night >= venue_today(room.room_type.resource.venue.timezone))
    else:
        query = query.where(RoomNight.night.in_(nights))
    return {"stay" if block_id is None else "block" for block_id in session.scalars(query)}


def _refuse_if_taken(taken: set[str]) -> None:
    if "block" in taken:
        raise RoomHasBlocks()
    if "stay" in taken:
        raise RoomHasStays()


def update_room(venue_slug: str, number: str, changes: dict) -> dict:
    """Renumber, re-floor, mark housekeeping, take in or out of service, or move to another type."""
    try:
        with db.transaction() as session:
            venue = venue_by_slug(session, venue_slug)
            room = room_of_venue(session, venue, number)
            new_type = room.room_type
            if "room_type" in changes:
                new_type = room_type_of_venue(session, venue, changes.pop("room_type"))
            in_service = changes.pop("in_service", room.in_service)
            counted_before = (room.room_type, room.in_service)
            if (new_type, in_service) != counted_before:
                _refuse_if_taken(_taken_nights(session, room))
                if room.in_service:
                    _resize(session, room.room_type.resource, -1)
                if in_service:
                    _resize(session, new_type.resource, +1)
                room.room_type, room.in_service = new_type, in_service
            for name, value in changes.items():
                setattr(room, name, value)
            session.flush()
            view = room_view(room)
            timezone, horizon = venue.timezone, venue.horizon_days
    except IntegrityError:
        raise RoomExists() from None
    _forget_cached_nights(venue_slug, timezone, horizon)
    return view


def _block_instants(venue: Venue, first_night: date, end_night: date):
    if end_night <= first_night:
        raise StayNotBookable("The block must end after its first night.")
    today = venue_today(venue.timezone)
    if first_night < today:
        raise StayNotBookable("The first night is in the past.", details={"today": today.isoformat()})
    if (end_night - first_night).days > MAX_BLOCK_NIGHTS:
        raise StayNotBookable(f"A block covers at most {MAX_BLOCK_NIGHTS} nights; add another for more.")
    return (*night_window(first_night, end_night), *utc_window(first_night, end_night, venue.timezone))


def block_room(venue_slug: str, number: str, first_night: date, end_night: date, reason: str | None) -> dict:
    """Take a room out of order for nights [first_night, end_night): one unit of its type, held."""
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug)
        room = room_of_venue(session, venue, number)
        if not room.in_service:
            raise RoomNotInService()
        resource = room.room_type.resource
        lock_resource(session, resource)
        local_start, local_end, starts_at, ends_at = _block_instants(venue, first_night, end_night)
        taken = _taken_nights(session, room, nights_between(first_night, end_night))
        if "block" in taken:
            raise RoomHasBlocks("The room is already out of order on some of those nights.")
        if "stay" in taken:
            raise RoomTaken("A stay is given this room on some of those nights: give the guest another room first.")
        held = peak_units(overlapping(session, resource.id, starts_at, ends_at), starts_at, ends_at)
        if held + 1 > resource.capacity:
            raise RoomTypeSoldOut(
                "Every room of that type is sold on some of those nights: move a stay first.",
                details={"remaining": max(resource.capacity - held, 0)},
            )
        hold = Hold(
            hold_key=f"room-block:{room.id}:{first_night.isoformat()}:{utcnow().isoformat()}",
            venue=venue,
            resource=resource,
            units=1,
            starts_at=starts_at,
            ends_at=ends_at,
            local_start=local_start,
            local_end=local_end,
            exclusive=resource.capacity == 1,
            status=HoldStatus.CONFIRMED,
            expires_at=ends_at,
        )
        block = RoomBlock(
            venue_id=venue.id, room=room, hold=hold, first_night=first_night, end_night=end_night, reason=reason
        )
        session.add(block)
        session.flush()
        try:
            with session.begin_nested():
                take_nights(session, room, hold)
        except IntegrityError:  # a stay was given the room meanwhile
            raise RoomTaken() from None
        view = block_view(block)
        timezone, horizon = venue.timezone, venue.horizon_days
    _forget_cached_nights(venue_slug, timezone, horizon)
    return view


def list_blocks(venue_slug: str, first_night: date, end_night: date) -> dict:
    """The venue's active blocks that cover any night of [first_night, end_night)."""
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        blocks = session.scalars(
            select(RoomBlock)
            .join(Hold, Hold.id == RoomBlock.hold_id)
            .where(
                RoomBlock.venue_id == venue.id,
                Hold.status.in_(HoldStatus.ACTIVE),
                RoomBlock.first_night < end_night,
                RoomBlock.end_night > first_night,
            )
            .order_by(RoomBlock.first_night, RoomBlock.id)
        )
        return {"items": [block_view(block) for block in blocks]}


def end_block(venue_slug: str, block_id: int) -> dict:
    """Put the room back in order: its type sells the unit again. Ending an ended block changes nothing."""
    with db.transaction() as session:
        venue = venue_by_slug(session, venue_slug)
        block = session.scalar(select(RoomBlock).where(RoomBlock.id == block_id, RoomBlock.venue_id == venue.id))
        if block is None:
            raise RoomBlockNotFound()
        give_back(session, block.hold, HoldStatus.RELEASED)
        session.refresh(block.hold)
        view = block_view(block)
        timezone, horizon = venue.timezone, venue.horizon_days
    _forget_cached_nights(venue_slug, timezone, horizon)
    return view
