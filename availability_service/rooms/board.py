"""The room status board (docs/stays.md, "The front desk"): every room of a hotel with its
housekeeping status and what it is on a night: given to a stay, out of order, or free. Which
guest is in a room is the booking service's to say (the booking keeps its room's number)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from availability_service.extensions import db
from availability_service.lookups import venue_by_slug
from availability_service.models import Room, RoomBlock, RoomNight, RoomType


def room_board(venue_slug: str, on: date) -> dict:
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        rows = session.execute(
            select(Room, RoomType.code, RoomNight.hold_id, RoomBlock.id)
            .join(RoomType, RoomType.id == Room.room_type_id)
            .outerjoin(RoomNight, (RoomNight.room_id == Room.id) & (RoomNight.night == on))
            .outerjoin(RoomBlock, RoomBlock.hold_id == RoomNight.hold_id)
            .where(Room.venue_id == venue.id)
            .order_by(Room.floor, Room.number)
        ).all()
        rooms = [
            {
                "number": room.number,
                "floor": room.floor,
                "room_type": code,
                "housekeeping": room.housekeeping,
                "in_service": room.in_service,
                "night": "out_of_order" if block_id is not None else "assigned" if hold_id is not None else "free",
            }
            for room, code, hold_id, block_id in rows
        ]
    return {"venue": venue_slug, "date": on.isoformat(), "rooms": rooms}
