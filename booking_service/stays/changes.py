"""Changing a stay (docs/stays.md, "Booking a stay"): new dates or another room type take a new
stay hold first, as any move does (bookings/changes.py); more or fewer guests or another rate
plan keep the hold. Any of these is a new sale of the stay: it is priced again at today's rates,
and the booking keeps the new lines and total."""

from __future__ import annotations

from booking_service import availability_client
from booking_service.errors import StayNotBookable
from booking_service.models import Booking
from booking_service.stays.booking import STAY_FIELDS, price_columns, price_stay
from shared.errors import ValidationFailed


def check_dates(booking: Booking, changes: dict) -> None:
    arrival = changes.get("arrival", booking.local_date)
    if changes.get("departure", booking.departure_date) <= arrival:
        raise ValidationFailed(details={"departure": ["Must be after the arrival."]})


def move(booking: Booking, changes: dict, hold_key: str) -> tuple[dict | None, dict]:
    """The new hold (None when the nights and room type stay) and the columns the change sets."""
    current = {
        "room_type": booking.room_type,
        "rate_plan": booking.rate_plan,
        "arrival": booking.local_date,
        "departure": booking.departure_date,
        "guests": booking.party_size,
    }
    target = {**current, **{name: changes[name] for name in STAY_FIELDS if name in changes}}
    if target == current:
        return None, {}
    if target["room_type"] != current["room_type"] and "rate_plan" not in changes:
        target["rate_plan"] = None  # the old type's plan may not exist for the new one: its first on sale
    priced = price_stay(
        booking.venue,
        target["room_type"],
        target["rate_plan"],
        target["arrival"],
        target["departure"],
        target["guests"],
    )
    columns = {"party_size": target["guests"], **price_columns(priced)}
    held = (target["room_type"], target["arrival"], target["departure"])
    if held == (current["room_type"], current["arrival"], current["departure"]):
        _check_occupancy(booking.venue, target["room_type"], target["guests"])
        return None, columns
    hold = availability_client.place_stay_hold(
        hold_key, booking.venue, target["room_type"], target["arrival"], target["departure"], target["guests"]
    )
    columns |= {
        "assigned_room": None,  # the new nights have no room yet: the desk gives one again
        "room_type": target["room_type"],
        "room_type_name": hold["room_type_name"],
        "local_date": target["arrival"],
        "departure_date": target["departure"],
    }
    return hold, columns


def _check_occupancy(venue: str, room_type: str, guests: int) -> None:
    max_occupancy = availability_client.room_type(venue, room_type)["max_occupancy"]
    if guests > max_occupancy:
        raise StayNotBookable("More guests than the room type sleeps.", details={"max_occupancy": max_occupancy})
