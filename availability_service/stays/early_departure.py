"""A guest leaving before the booked departure (docs/stays.md, "The front desk"): the stay's hold
ends at noon on the day they leave, so the nights they no longer sleep are for sale again, and
their room is free on those nights. Ending a hold earlier only ever gives units back, so it needs
no capacity check; it takes the same locks as giving the stay a room (rooms/assignment.py).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import delete

from availability_service.cache import invalidate_nights
from availability_service.errors import StayNotBookable
from availability_service.extensions import db
from availability_service.holds.service import hold_view
from availability_service.models import RoomNight
from availability_service.rooms.assignment import lock_stay_hold
from availability_service.stays.nights import night_window, nights_between, utc_window


def end_stay_on(hold_id: str, departure: date) -> dict:
    """The stay's hold, ending on `departure`; ending it again on the same day changes nothing."""
    with db.transaction() as session:
        hold, _room_type = lock_stay_hold(session, hold_id)
        arrival = cast(datetime, hold.local_start).date()
        booked_departure = cast(datetime, hold.local_end).date()
        if departure == booked_departure:
            return hold_view(hold)
        if not arrival < departure < booked_departure:
            raise StayNotBookable(
                "An early departure falls after the arrival and before the booked departure.",
                details={"arrival": arrival.isoformat(), "departure": booked_departure.isoformat()},
            )
        hold.ends_at = utc_window(arrival, departure, hold.venue.timezone)[1]
        hold.local_end = night_window(arrival, departure)[1]
        session.execute(delete(RoomNight).where(RoomNight.hold_id == hold.id, RoomNight.night >= departure))
        session.flush()
        view = hold_view(hold)
    invalidate_nights(view["venue"], [night.isoformat() for night in nights_between(departure, booked_departure)])
    return view
