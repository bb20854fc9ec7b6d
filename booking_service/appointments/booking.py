"""Booking an appointment (docs/appointments.md, "Booking an appointment"): the availability
service holds the staff member and the resources the service needs, all or none, and names them;
the booking keeps those names and the service's price as they were when it was booked.

A move (another date, time or staff member) takes a new hold first, as any move does
(bookings/changes.py); without `staff` it keeps the same staff member, with `"staff": null` any
who performs the service may take it.

A class (a service of capacity above 1, docs/appointments.md "Classes") is booked the same way:
`party_size` places (1 if left out) in the class session at that time; the booking keeps its
session and capacity, and its price is a place's times the places.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from booking_service import availability_client
from booking_service.models import Booking, BookingKind

FIELDS = ("date", "time", "service", "staff", "party_size")
REQUIRED = ("date", "time", "service")
MOVE_FIELDS = ("date", "time", "staff", "party_size")


def place_hold(hold_key: str, data: dict) -> dict:
    return availability_client.place_appointment_hold(
        hold_key,
        data["venue"],
        data["service"],
        data["date"],
        data["time"],
        data.get("staff"),
        places=data.get("party_size", 1),
    )


def held_columns(hold: dict) -> dict:
    """What the booking keeps of its hold: the time, who takes it, what it holds, a class's places
    and session, and its price (a class's: a place's times the places)."""
    price = hold.get("price")
    places = hold["units"]
    session = hold.get("class_session")
    return {
        "local_date": date.fromisoformat(hold["date"]),
        "local_time": time.fromisoformat(hold["time"]),
        "service": hold["service"]["code"],
        "service_name": hold["service"]["name"],
        "staff_id": hold["staff"]["id"],
        "staff_name": hold["staff"]["name"],
        "resources": hold["resources"],
        "party_size": places,
        "class_session_id": session["id"] if session else None,
        "class_capacity": session["capacity"] if session else None,
        "currency": price["currency"] if price else None,
        "total_amount": Decimal(price["amount"]) * places if price else None,
    }


def columns(hold: dict) -> dict:
    return {"kind": BookingKind.APPOINTMENT, **held_columns(hold)}


def move(booking: Booking, changes: dict, hold_key: str) -> tuple[dict | None, dict]:
    """The new hold (None when the date, time and staff member stay) and the columns it sets."""
    current = {
        "date": booking.local_date,
        "time": booking.local_time,
        "staff": booking.staff_id,
        "party_size": booking.party_size,
    }
    target = {**current, **{name: changes[name] for name in MOVE_FIELDS if name in changes}}
    if target == current:
        return None, {}
    hold = availability_client.place_appointment_hold(
        hold_key,
        booking.venue,
        booking.service or "",
        target["date"],
        target["time"],
        target["staff"],
        replaces=booking.hold_id,
        places=target["party_size"],
    )
    return hold, held_columns(hold)


def appointment_view(booking: Booking) -> dict | None:
    if booking.kind != BookingKind.APPOINTMENT:
        return None
    return {
        "service": booking.service,
        "service_name": booking.service_name,
        "staff": {"id": booking.staff_id, "name": booking.staff_name},
        "resources": booking.resources or [],
        "class_session": None
        if booking.class_session_id is None
        else {"id": booking.class_session_id, "capacity": booking.class_capacity, "places": booking.party_size},
    }
