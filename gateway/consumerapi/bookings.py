"""The public booking endpoints: book, read by reference, cancel, and the cancellation reasons.

Each is one or a few calls onto the Tessera services (tessera.py) as an integration of the
path's venue; a booking made here is an ordinary Tessera booking (its hold on the ledger, its
confirmation e-mail, audit row and cache invalidation, the client's Idempotency-Key honoured).
Checks run in the reference's order: fields (422), restaurant (404), then the business rules.
"""

from __future__ import annotations

from gateway.consumerapi import tessera
from gateway.consumerapi.errors import (
    ALREADY_CANCELLED,
    BOOKING_NOT_FOUND,
    INVALID_REASON,
    NO_SLOT,
    PARTY_TOO_LARGE,
    REFERENCE_MISMATCH,
    RESTAURANT_MISMATCH,
    RESTAURANT_NOT_FOUND,
    SLOT_NOT_AVAILABLE,
    Refused,
    translate,
)
from gateway.consumerapi.forms import BookingForm, CancelForm
from gateway.consumerapi.owner import customer_route_caller
from gateway.consumerapi.shapes import booking_details, cancelled_booking, created_booking
from gateway.consumerapi.tessera import Refusal, venue_caller
from gateway.consumerapi.validation import read_form
from gateway.consumerapi.venues import find_restaurant, upcoming_slot, venue_day
from shared.identity import BOOKINGS_READ, BOOKINGS_WRITE, Caller

CUSTOMER_FIELDS = (
    "title",
    "first_name",
    "surname",
    "email",
    "mobile",
    "mobile_country_code",
    "phone",
    "phone_country_code",
    "marketing_email",
    "marketing_sms",
    "venue_marketing_email",
    "venue_marketing_sms",
)
CREATE_REFUSALS = {
    "slot_full": (400, SLOT_NOT_AVAILABLE),
    "slot_not_bookable": (400, SLOT_NOT_AVAILABLE),
    "slot_not_found": (400, NO_SLOT),
    "party_too_large": (400, PARTY_TOO_LARGE),
    "venue_not_found": (404, RESTAURANT_NOT_FOUND),
}


def _same_reference(one: str, other: str) -> bool:
    return one.strip().upper() == other.strip().upper()  # references are case-insensitive


def find_booking(caller: Caller, reference: str) -> dict:
    """The booking, if `caller` reaches it (another venue's is not found either)."""
    if not (1 <= len(reference) <= 32 and reference.isascii() and reference.isalnum()):
        raise Refused(404, BOOKING_NOT_FOUND)
    try:
        return tessera.get_booking(caller, reference)
    except Refusal as refusal:
        raise translate(refusal, {"booking_not_found": (404, BOOKING_NOT_FOUND)}) from None


def _cancellation_reason(reason_id: int | None) -> dict | None:
    """The reason as the contract shows one: id, reason, description."""
    return next(
        (
            {"id": reason["id"], "reason": reason["reason"], "description": reason["description"]}
            for reason in tessera.cancellation_reasons()
            if reason["id"] == reason_id
        ),
        None,
    )


def create(restaurant: str) -> dict:
    form = read_form(BookingForm)
    venue, slots = venue_day(restaurant, form.visit_date, 1)
    if upcoming_slot(slots, form.visit_time) is None:
        raise Refused(400, NO_SLOT)
    given = form.model_dump(exclude_none=True)
    caller = venue_caller(venue["slug"], client_email=form.email)
    body = {
        "venue": venue["slug"],
        "date": form.visit_date.isoformat(),
        "time": tessera.wall_clock(form.visit_time),
        "party_size": form.party_size,
        "channel": form.channel_code,
        "customer": {name: given[name] for name in CUSTOMER_FIELDS if name in given},
        **{
            name: given[name]
            for name in ("special_requests", "room_number", "is_leave_time_confirmed")
            if name in given
        },
    }
    try:
        booking = tessera.create_booking(caller, body)
    except Refusal as refusal:
        raise translate(refusal, CREATE_REFUSALS) from None
    return created_booking(booking, leave_time_confirmed=form.is_leave_time_confirmed)


def read(restaurant: str, reference: str) -> dict:
    venue = find_restaurant(restaurant)
    booking = find_booking(customer_route_caller(venue, BOOKINGS_READ), reference)
    reason = _cancellation_reason(booking["cancellation_reason_id"]) if booking["status"] == "cancelled" else None
    return booking_details(booking, reason)


def cancel(restaurant: str, reference: str) -> dict:
    form = read_form(CancelForm)
    if not _same_reference(form.booking_reference, reference):
        raise Refused(400, REFERENCE_MISMATCH)
    if form.microsite_name != restaurant:
        raise Refused(400, RESTAURANT_MISMATCH)
    venue = find_restaurant(restaurant)
    caller = customer_route_caller(venue, BOOKINGS_WRITE)
    booking = find_booking(caller, reference)
    if booking["status"] == "cancelled":
        raise Refused(400, ALREADY_CANCELLED)
    reason = _cancellation_reason(form.cancellation_reason_id)
    if reason is None:
        raise Refused(400, INVALID_REASON)
    try:
        cancelled = tessera.cancel_booking(caller, booking["reference"], reason["id"])
    except Refusal as refusal:
        raise translate(
            refusal,
            {
                "booking_not_modifiable": (400, f"Cannot cancel a {booking['status']} booking"),
                "booking_not_found": (404, BOOKING_NOT_FOUND),
            },
        ) from None
    return cancelled_booking(cancelled, microsite_name=form.microsite_name, reason=reason)


def cancellation_reasons(restaurant: str) -> list[dict]:
    find_restaurant(restaurant)
    return [
        {"id": reason["id"], "reason": reason["reason"], "description": reason["description"]}
        for reason in tessera.cancellation_reasons()
    ]
