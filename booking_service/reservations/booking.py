"""Booking a reservation (docs/appointments.md, "Reservations"): the availability service holds the
resource for the range, or every occurrence of a series, as one group, and names what it held and
what it could not; the booking keeps both as they were when it was booked.

The range is venue-local `start` and `end` (the wall clock a series repeats on, as the resource's
hours are kept) or the instants `starts_at` and `ends_at` (DESIGN.md's names), which the
availability service reads in the venue's zone. The booking's own `starts_at`/`ends_at` span its
first occurrence's start to its last one's end; `date` and `time` are the first's.

A move gives a new start and/or end (a new end alone keeps the start, a new start alone keeps the
length); a series moves whole, with its recurrence and mode, to repeat from the new start. It
takes a new hold first, as any move does (bookings/changes.py), which may reuse what the booking
holds (holds/replacing.py).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from booking_service import availability_client
from booking_service.availability_client import ReservationRequest
from booking_service.models import Booking, BookingKind
from shared.errors import ValidationFailed

FIELDS = ("resource", "start", "end", "starts_at", "ends_at", "recurrence", "mode")
REQUIRED = ("resource",)  # and start + end, or starts_at + ends_at (bookings/schemas.py)
MOVE_FIELDS = ("start", "end", "starts_at", "ends_at")
ALL_OR_NOTHING = "all_or_nothing"


def request_of(data: dict, **extra) -> ReservationRequest:
    return ReservationRequest(
        venue=data["venue"],
        resource=data["resource"],
        start=data["start"] if "start" in data else data["starts_at"],
        end=data["end"] if "end" in data else data["ends_at"],
        recurrence=data.get("recurrence"),
        mode=data.get("mode") or ALL_OR_NOTHING,
        **extra,
    )


def place_hold(hold_key: str, data: dict) -> dict:
    return availability_client.place_reservation_hold(hold_key, request_of(data))


def held_columns(hold: dict) -> dict:
    """What the booking keeps of its hold: the resource, the range asked for, each occurrence held
    and each one not held (with why)."""
    first = datetime.fromisoformat(hold["occurrences"][0]["start"])
    return {
        "local_date": first.date(),
        "local_time": first.time(),
        "resource_id": hold["resource"]["id"],
        "resource_name": hold["resource"]["name"],
        "reservation": {
            "start": hold["requested"]["start"],
            "end": hold["requested"]["end"],
            "recurrence": hold.get("recurrence"),
            "mode": hold.get("mode") or ALL_OR_NOTHING,
            "occurrences": hold["occurrences"],
            "conflicts": hold.get("conflicts") or [],
            "buffer_minutes": hold.get("buffer_minutes") or 0,  # what a cancel frees after each occurrence
        },
    }


def columns(hold: dict) -> dict:
    return {"kind": BookingKind.RESERVATION, "party_size": 1, **held_columns(hold)}


def _local(moment: datetime, timezone: str | None) -> datetime:
    if moment.tzinfo is None or timezone is None:
        return moment.replace(tzinfo=None)
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


def move(booking: Booking, changes: dict, hold_key: str) -> tuple[dict | None, dict]:
    """The new hold (None when the range stays) and the columns it sets."""
    spec = booking.reservation or {}
    start, end = datetime.fromisoformat(spec["start"]), datetime.fromisoformat(spec["end"])
    given = {name: _local(changes[name], booking.timezone) for name in MOVE_FIELDS if name in changes}
    new_start = given.get("start", given.get("starts_at", start))
    new_end = given.get("end", given.get("ends_at"))
    if new_end is None:
        new_end = new_start + (end - start)
    if (new_start, new_end) == (start, end):
        return None, {}
    if new_end <= new_start:
        raise ValidationFailed(details={"end": ["Must be after start."]})
    request = ReservationRequest(
        venue=booking.venue,
        resource=booking.resource_id or 0,
        start=new_start,
        end=new_end,
        recurrence=spec.get("recurrence"),
        mode=spec.get("mode") or ALL_OR_NOTHING,
        replaces=booking.hold_id,
    )
    hold = availability_client.place_reservation_hold(hold_key, request)
    return hold, held_columns(hold)


def reservation_view(booking: Booking) -> dict | None:
    if booking.kind != BookingKind.RESERVATION or booking.reservation is None:
        return None
    spec = booking.reservation
    return {
        "resource": {"id": booking.resource_id, "name": booking.resource_name},
        "start": spec["start"],
        "end": spec["end"],
        "recurrence": spec.get("recurrence"),
        "mode": spec.get("mode") or ALL_OR_NOTHING,
        "occurrences": spec.get("occurrences") or [],
        "conflicts": spec.get("conflicts") or [],
    }
