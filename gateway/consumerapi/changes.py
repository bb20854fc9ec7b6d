"""Changing a booking: the public `PATCH .../Booking/{ref}` and the owner's `POST .../Update`.

Both send the booking service only what differs from the booking as it is; a move there takes
the new place on the ledger before it lets go of the old one. The contract's rules come first:
a moved-to slot must exist and not have started (404 `New time slot not found`), the party must
be within the venue's largest (400 `Party size exceeds slot capacity`, checked whenever the
party or the slot changes), and a refusal of the ledger is 400 `That slot is no longer available`.
"""

from __future__ import annotations

from datetime import date, time

from gateway.consumerapi import tessera
from gateway.consumerapi.bookings import find_booking
from gateway.consumerapi.errors import (
    BOOKING_NOT_FOUND,
    CANCELLED_NOT_CHANGEABLE,
    CANCELLED_NOT_UPDATABLE,
    NEW_SLOT_NOT_FOUND,
    PARTY_TOO_LARGE,
    SLOT_NO_LONGER_AVAILABLE,
    Refused,
    translate,
)
from gateway.consumerapi.forms import BookingChangeForm, BookingUpdateForm
from gateway.consumerapi.owner import authorize_owner, customer_route_caller, key_holder
from gateway.consumerapi.shapes import changed_booking, clock_time, updated_booking
from gateway.consumerapi.tessera import Refusal, venue_caller
from gateway.consumerapi.validation import read_form
from gateway.consumerapi.venues import find_restaurant, upcoming_slot, venue_day
from shared.identity import BOOKINGS_WRITE, Caller

OPEN = ("confirmed", "pending")
MOVE_REFUSALS = {
    "slot_full": (400, SLOT_NO_LONGER_AVAILABLE),
    "slot_not_bookable": (400, SLOT_NO_LONGER_AVAILABLE),
    "slot_not_found": (404, NEW_SLOT_NOT_FOUND),
    "party_too_large": (400, PARTY_TOO_LARGE),
    "booking_not_found": (404, BOOKING_NOT_FOUND),
}
# Tessera's names of what may change -> the contract's, in the order `updates` lists them.
UPDATE_NAMES = {
    "date": "visit_date",
    "time": "visit_time",
    "party_size": "party_size",
    "special_requests": "special_requests",
    "is_leave_time_confirmed": "is_leave_time_confirmed",
}


def _visit_changes(venue: dict, booking: dict, on: date | None, at: time | None, party_size: int | None) -> dict:
    """What of date, time and party size differs from the booking, after the contract's checks."""
    target_date = on if on is not None else date.fromisoformat(booking["date"])
    target_time = at if at is not None else time.fromisoformat(booking["time"])
    target_party = party_size if party_size is not None else booking["party_size"]
    changes = {}
    if target_date.isoformat() != booking["date"]:
        changes["date"] = target_date.isoformat()
    if target_time != time.fromisoformat(booking["time"]):
        changes["time"] = tessera.wall_clock(target_time)
    if changes:
        _, slots = venue_day(venue["slug"], target_date, 1)
        if upcoming_slot(slots, target_time) is None:
            raise Refused(404, NEW_SLOT_NOT_FOUND)
    if target_party != booking["party_size"]:
        changes["party_size"] = target_party
    return changes


def _apply(caller: Caller, booking: dict, changes: dict, not_open: str) -> dict:
    try:
        return tessera.change_booking(caller, booking["reference"], changes)
    except Refusal as refusal:
        raise translate(refusal, {**MOVE_REFUSALS, "booking_not_modifiable": (400, not_open)}) from None


def _updates(changes: dict, booking: dict) -> dict:
    """The contract's `updates`: each changed field with its new value."""
    values = {
        "date": booking["date"],
        "time": clock_time(booking["time"]),
        "party_size": booking["party_size"],
        "special_requests": booking["special_requests"],
        "is_leave_time_confirmed": booking["is_leave_time_confirmed"],
    }
    return {contract_name: values[name] for name, contract_name in UPDATE_NAMES.items() if name in changes}


def change(restaurant: str, reference: str) -> dict:
    form = read_form(BookingChangeForm)
    venue = find_restaurant(restaurant)
    caller = customer_route_caller(venue, BOOKINGS_WRITE)
    booking = find_booking(caller, reference)
    if booking["status"] not in OPEN:
        raise Refused(400, CANCELLED_NOT_CHANGEABLE)
    changes = _visit_changes(venue, booking, form.visit_date, form.visit_time, form.party_size)
    for name in ("special_requests", "is_leave_time_confirmed"):
        value = getattr(form, name)
        if value is not None and value != booking[name]:
            changes[name] = value
    if not changes:
        return changed_booking(booking, {})
    changed = _apply(caller, booking, changes, CANCELLED_NOT_CHANGEABLE)
    return changed_booking(changed, _updates(changes, changed))


def update(restaurant: str, reference: str) -> dict:
    owner = key_holder()
    form = read_form(BookingUpdateForm)
    venue = find_restaurant(restaurant)
    authorize_owner(owner, venue["slug"], BOOKINGS_WRITE)
    booking = find_booking(venue_caller(venue["slug"]), reference)
    if booking["status"] not in OPEN:
        raise Refused(400, CANCELLED_NOT_UPDATABLE)
    changes = _visit_changes(venue, booking, form.visit_date, form.visit_time, form.party_size)
    changes["special_requests"] = form.special_requests
    return updated_booking(_apply(owner, booking, changes, CANCELLED_NOT_UPDATABLE))
