"""Tessera's bookings as the ConsumerApi shows them: the contract's keys, in its order.

- `booking_id` is an integer in this surface; Tessera's booking ids are UUIDs, so it is the first
  52 bits of the UUID: stable, the same on every call, below 2^53 (safe in JavaScript);
- customer `id` is Tessera's customer id;
- times are `HH:MM:SS`; timestamps naive UTC with microseconds (Tessera keeps whole seconds, so
  the microseconds are zero).
"""

from __future__ import annotations

from datetime import time

from shared.clock import parse_iso_utc


def booking_number(booking_id: str) -> int:
    return int(booking_id.replace("-", "")[:13], 16)


def clock_time(text: str) -> str:
    """Tessera's `19:00` as the contract's `19:00:00`."""
    return time.fromisoformat(text).isoformat(timespec="seconds")


def timestamp(text: str) -> str:
    """Tessera's `2026-11-21T10:42:29Z` as the contract's `2026-11-21T10:42:29.000000`."""
    return parse_iso_utc(text).isoformat(timespec="microseconds")


def _customer(customer: dict, *, title: bool, phone: bool) -> dict:
    view = {"id": customer["id"]}
    if title:
        view["title"] = customer["title"]
    view |= {
        "first_name": customer["first_name"],
        "surname": customer["surname"],
        "email": customer["email"],
        "mobile": customer["mobile"],
    }
    if phone:
        view["phone"] = customer["phone"]
    return view


def _head(booking: dict) -> dict:
    return {
        "booking_reference": booking["reference"],
        "booking_id": booking_number(booking["id"]),
        "restaurant": booking["venue"],
    }


def _visit(booking: dict) -> dict:
    return {
        "visit_date": booking["date"],
        "visit_time": clock_time(booking["time"]),
        "party_size": booking["party_size"],
    }


def created_booking(booking: dict, *, leave_time_confirmed: bool | None) -> dict:
    """The answer to a create; `is_leave_time_confirmed` echoes the request (null when not sent)."""
    return {
        **_head(booking),
        **_visit(booking),
        "channel_code": booking["channel"],
        "special_requests": booking["special_requests"],
        "is_leave_time_confirmed": leave_time_confirmed,
        "room_number": booking["room_number"],
        "customer": _customer(booking["customer"], title=True, phone=False),
        "status": booking["status"],
        "created_at": timestamp(booking["created_at"]),
    }


def booking_details(booking: dict, reason: dict | None) -> dict:
    """A booking read by its reference; `reason` is its cancellation reason (None unless cancelled)."""
    return {
        **_head(booking),
        **_visit(booking),
        "channel_code": booking["channel"],
        "special_requests": booking["special_requests"],
        "is_leave_time_confirmed": booking["is_leave_time_confirmed"],
        "room_number": booking["room_number"],
        "status": booking["status"],
        "customer": _customer(booking["customer"], title=True, phone=True),
        "cancellation_reason": reason if booking["status"] == "cancelled" else None,
        "created_at": timestamp(booking["created_at"]),
        "updated_at": timestamp(booking["updated_at"]),
    }


def booking_row(booking: dict) -> dict:
    """One booking of the owner's list."""
    return {
        **_head(booking),
        **_visit(booking),
        "status": booking["status"],
        "customer": _customer(booking["customer"], title=False, phone=False),
        "created_at": timestamp(booking["created_at"]),
        "updated_at": timestamp(booking["updated_at"]),
    }


def changed_booking(booking: dict, updates: dict) -> dict:
    """The answer to a PATCH: what changed, or `no_changes`."""
    reference = booking["reference"]
    if updates:
        status, message = "updated", f"Booking {reference} has been successfully updated"
    else:
        status, message = "no_changes", f"Booking {reference} has been checked - no changes made"
    return {
        **_head(booking),
        "updates": updates,
        "status": status,
        "updated_at": timestamp(booking["updated_at"]),
        "message": message,
    }


def updated_booking(booking: dict) -> dict:
    """The answer to the owner's POST .../Update."""
    return {
        "message": "Booking updated successfully",
        "booking_reference": booking["reference"],
        **_visit(booking),
        "special_requests": booking["special_requests"],
    }


def cancelled_booking(booking: dict, *, microsite_name: str, reason: dict) -> dict:
    return {
        **_head(booking),
        "microsite_name": microsite_name,
        "cancellation_reason_id": reason["id"],
        "cancellation_reason": reason["reason"],
        "status": booking["status"],
        "cancelled_at": timestamp(booking["updated_at"]),
        "message": f"Booking {booking['reference']} has been successfully cancelled",
    }
