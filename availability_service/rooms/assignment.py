"""Which room a stay sleeps in (docs/stays.md, "The front desk").

A room taken on a night is a `room_nights` row: by the stay assigned to it, or by the room's
own out-of-order block. Its primary key (room, night) is the rule that no two stays, and no stay
and a block, ever share a room on a night, whoever races whom; the checks here only choose the
room and word the refusal. A hold's rows go when it is released or expires (holds/service.py:
give_back), so a moved or cancelled stay frees its room.

Auto-assignment picks, among the type's rooms in service that are free on every night of the
stay, the first by housekeeping (inspected, then clean, then dirty) and then by number.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import case, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from availability_service.errors import (
    HoldNotActive,
    HoldNotFound,
    NoRoomFree,
    RoomNotInService,
    RoomOfAnotherType,
    RoomTaken,
    StayNotBookable,
)
from availability_service.extensions import db
from availability_service.holds.ranges import lock_resource
from availability_service.lookups import room_of_venue
from availability_service.models import Hold, HoldStatus, Housekeeping, Room, RoomNight, RoomType
from availability_service.stays.nights import nights_between

HOUSEKEEPING_ORDER = case(
    {Housekeeping.INSPECTED: 0, Housekeeping.CLEAN: 1, Housekeeping.DIRTY: 2}, value=Room.housekeeping
)
MAX_AUTO_ATTEMPTS = 3  # a defence: under the type's lock no other desk takes a room meanwhile


def hold_nights(hold: Hold) -> list[date]:
    """The nights a stay or block hold covers (noon to noon: its local start and end dates)."""
    return nights_between(cast(datetime, hold.local_start).date(), cast(datetime, hold.local_end).date())


def take_nights(session: Session, room: Room, hold: Hold) -> None:
    """The room's nights for the hold; IntegrityError when another stay or a block has one of them."""
    session.execute(
        insert(RoomNight), [{"room_id": room.id, "night": night, "hold_id": hold.id} for night in hold_nights(hold)]
    )


def lock_stay_hold(session: Session, hold_id: str) -> tuple[Hold, RoomType]:
    hold = session.get(Hold, hold_id)
    if hold is None:
        raise HoldNotFound()
    room_type = hold.resource.room_type if hold.resource is not None else None
    if room_type is None:
        raise StayNotBookable("That hold is not a stay's.")
    # One desk at a time per room type (the type's lock, taken first as every placement takes
    # it): concurrent auto-assignments would otherwise all choose the same best room and queue
    # on its nights one failure after another. Then the hold, so a release of it (which drops
    # its room nights) waits for us or we see it.
    lock_resource(session, room_type.resource)
    session.refresh(hold, with_for_update=True)
    if hold.status not in HoldStatus.ACTIVE:
        raise HoldNotActive(details={"status": hold.status})
    return hold, room_type


def _free_rooms(session: Session, room_type: RoomType, nights: list[date]) -> list[Room]:
    taken = select(RoomNight.room_id).where(RoomNight.night.in_(nights))
    return list(
        session.scalars(
            select(Room)
            .where(Room.room_type_id == room_type.id, Room.in_service.is_(True), Room.id.not_in(taken))
            .order_by(HOUSEKEEPING_ORDER, Room.number)
        )
    )


def _assign_chosen(session: Session, hold: Hold, room_type: RoomType, number: str) -> Room:
    room = room_of_venue(session, hold.venue, number)
    if room.room_type_id != room_type.id:
        raise RoomOfAnotherType(details={"room": number, "room_type": room.room_type.code, "stay": room_type.code})
    if not room.in_service:
        raise RoomNotInService()
    try:
        with session.begin_nested():
            take_nights(session, room, hold)
    except IntegrityError:
        raise RoomTaken(details={"room": number}) from None
    return room


def _assign_any(session: Session, hold: Hold, room_type: RoomType) -> Room:
    for _ in range(MAX_AUTO_ATTEMPTS):
        free = _free_rooms(session, room_type, hold_nights(hold))
        if not free:
            raise NoRoomFree(details={"room_type": room_type.code})
        try:
            with session.begin_nested():
                take_nights(session, free[0], hold)
            return free[0]
        except IntegrityError:
            continue  # another desk took that room meanwhile: choose again
    raise NoRoomFree(details={"room_type": room_type.code})


def assign_room(hold_id: str, number: str | None) -> dict:
    """Give the stay `number`, or the best free room of its type; a stay with a room moves to it."""
    with db.transaction() as session:
        hold, room_type = lock_stay_hold(session, hold_id)
        session.execute(delete(RoomNight).where(RoomNight.hold_id == hold.id))
        room = (
            _assign_any(session, hold, room_type)
            if number is None
            else _assign_chosen(session, hold, room_type, number)
        )
        nights = hold_nights(hold)
        return {
            "hold_id": hold.id,
            "room": room.number,
            "room_type": room_type.code,
            "first_night": nights[0].isoformat(),
            "end_night": cast(datetime, hold.local_end).date().isoformat(),
        }
