"""The booking shapes (docs/architecture.md, "Booking shapes"): what each kind of booking asks
for, how it takes its hold, what it keeps of it and how it moves. The create and change flows
(bookings/service.py, bookings/changes.py) are the same saga for every kind; they ask the shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from booking_service import availability_client
from booking_service.appointments import booking as appointments
from booking_service.models import Booking, BookingKind
from booking_service.reservations import booking as reservations
from booking_service.stays import booking as stays
from booking_service.stays import changes as stay_changes
from shared.errors import ValidationFailed

if TYPE_CHECKING:
    from booking_service.bookings.access import BookingAccess


class Shape(Protocol):
    fields: tuple[str, ...]  # what a create or a change of this kind may give
    required: tuple[str, ...]

    def prepare(self, data: dict):
        """Anything decided before the hold is taken (a stay's price); None if nothing."""

    def place_hold(self, hold_key: str, data: dict, at_the_venue: bool) -> dict: ...

    def columns(self, data: dict, hold: dict, prepared) -> dict: ...

    def move(
        self, booking: Booking, changes: dict, hold_key: str, access: BookingAccess
    ) -> tuple[dict | None, dict]: ...


class SlotShape:
    fields: tuple[str, ...] = ("date", "time", "party_size", "room_number", "is_leave_time_confirmed")
    required: tuple[str, ...] = ("date", "time", "party_size")

    def prepare(self, data: dict):
        return None

    def place_hold(self, hold_key: str, data: dict, at_the_venue: bool) -> dict:
        return availability_client.place_hold(
            hold_key, data["venue"], data["date"], data["time"], data["party_size"], on_the_day=at_the_venue
        )

    def columns(self, data: dict, hold: dict, prepared) -> dict:
        return {
            "local_date": data["date"],
            "local_time": data["time"],
            "party_size": data["party_size"],
            "room_number": data.get("room_number"),
            "is_leave_time_confirmed": data.get("is_leave_time_confirmed", False),
        }

    def move(self, booking: Booking, changes: dict, hold_key: str, access: BookingAccess) -> tuple[dict | None, dict]:
        """A new hold when the date, time or party size change."""
        current = {"date": booking.local_date, "time": booking.local_time, "party_size": booking.party_size}
        target = {**current, **{name: changes[name] for name in ("date", "time", "party_size") if name in changes}}
        if target == current:
            return None, {}
        hold = availability_client.place_hold(
            hold_key,
            booking.venue,
            target["date"],
            target["time"],
            target["party_size"],
            on_the_day=access.at_the_venue,
        )
        return hold, {"local_date": target["date"], "local_time": target["time"], "party_size": target["party_size"]}


class StayShape:
    fields: tuple[str, ...] = stays.STAY_FIELDS
    required: tuple[str, ...] = ("room_type", "arrival", "departure", "guests")

    def prepare(self, data: dict):
        return stays.price_stay(
            data["venue"], data["room_type"], data.get("rate_plan"), data["arrival"], data["departure"], data["guests"]
        )

    def place_hold(self, hold_key: str, data: dict, at_the_venue: bool) -> dict:
        return stays.place_hold(hold_key, data)

    def columns(self, data: dict, hold: dict, prepared) -> dict:
        return stays.columns(data, hold, prepared)

    def move(self, booking: Booking, changes: dict, hold_key: str, access: BookingAccess) -> tuple[dict | None, dict]:
        return stay_changes.move(booking, changes, hold_key)


class AppointmentShape:
    fields: tuple[str, ...] = appointments.FIELDS
    required: tuple[str, ...] = appointments.REQUIRED

    def prepare(self, data: dict):
        return None

    def place_hold(self, hold_key: str, data: dict, at_the_venue: bool) -> dict:
        return appointments.place_hold(hold_key, data)

    def columns(self, data: dict, hold: dict, prepared) -> dict:
        return appointments.columns(hold)

    def move(self, booking: Booking, changes: dict, hold_key: str, access: BookingAccess) -> tuple[dict | None, dict]:
        return appointments.move(booking, changes, hold_key)


class ReservationShape:
    fields: tuple[str, ...] = reservations.FIELDS
    required: tuple[str, ...] = reservations.REQUIRED

    def prepare(self, data: dict):
        return None

    def place_hold(self, hold_key: str, data: dict, at_the_venue: bool) -> dict:
        return reservations.place_hold(hold_key, data)

    def columns(self, data: dict, hold: dict, prepared) -> dict:
        return reservations.columns(hold)

    def move(self, booking: Booking, changes: dict, hold_key: str, access: BookingAccess) -> tuple[dict | None, dict]:
        return reservations.move(booking, changes, hold_key)


def check_fields(booking: Booking, changes: dict) -> None:
    """A change names only fields of the booking's kind (and the details every kind has)."""
    own = shape_of(booking.kind).fields
    foreign = {name for shape in SHAPES.values() for name in shape.fields} - set(own)
    wrong = {name: [f"Not a field of a {booking.kind} booking."] for name in sorted(foreign) if name in changes}
    if wrong:
        raise ValidationFailed(details=wrong)
    if booking.kind == BookingKind.STAY:
        stay_changes.check_dates(booking, changes)


SHAPES: dict[str, Shape] = {
    BookingKind.SLOT: SlotShape(),
    BookingKind.STAY: StayShape(),
    BookingKind.APPOINTMENT: AppointmentShape(),
    BookingKind.RESERVATION: ReservationShape(),
}


def shape_of(kind: str | None) -> Shape:
    return SHAPES[kind or BookingKind.SLOT]
