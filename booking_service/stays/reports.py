"""A hotel's reports (docs/stays.md, "Reports"): occupancy, ADR and RevPAR per night and room
type, and revenue by line kind, for a range of nights. The availability service says how many
rooms each type had and how many were out of order (its room nights); this service knows what
was sold and posted. The arithmetic is stays/report_rules.py."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import cast

from sqlalchemy import select

from booking_service import availability_client
from booking_service.errors import RatePlanNotOnSale
from booking_service.extensions import db
from booking_service.models import Booking, BookingKind, BookingStatus, FolioCharge, RatePlan
from booking_service.stays.pricing import nights_of
from booking_service.stays.report_rules import PostedCharge, SoldStay, report
from shared.clock import local_to_utc, utc_to_local
from shared.identity import BOOKINGS_READ, Caller
from shared.service_auth import authorize

SOLD = (BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, BookingStatus.COMPLETED)


def _start_of(day: date, timezone: str) -> datetime:
    """The UTC instant a venue-local day starts (01:00 where midnight falls in a DST gap)."""
    return cast(datetime, local_to_utc(day, time(0, 0), timezone) or local_to_utc(day, time(1, 0), timezone))


def stay_report(staff: Caller, venue: str, first: date, end: date) -> dict:
    """The nights from `first` up to `end` (exclusive)."""
    authorize(staff, venue, BOOKINGS_READ)
    grid = availability_client.room_nights(venue, first, end)
    timezone = grid["timezone"]
    available = {
        (date.fromisoformat(night["date"]), room_type["code"]): max(room_type["units"] - night["out_of_order"], 0)
        for room_type in grid["room_types"]
        for night in room_type["nights"]
    }
    since, until = (_start_of(day, timezone) for day in (first, end))
    with db.reading() as session:
        bookings = session.scalars(
            select(Booking).where(
                Booking.venue == venue,
                Booking.kind == BookingKind.STAY,
                Booking.status.in_(SOLD),
                Booking.local_date < end,
                Booking.departure_date > first,
            )
        ).all()
        stays = [
            SoldStay(b.room_type or "", b.local_date, b.departure_date or b.local_date, b.price_lines or [])
            for b in bookings
        ]
        charges = [
            PostedCharge(utc_to_local(posted_at, timezone).date(), amount)
            for posted_at, amount in session.execute(
                select(FolioCharge.posted_at, FolioCharge.amount)
                .join(Booking, Booking.id == FolioCharge.booking_id)
                .where(Booking.venue == venue, FolioCharge.posted_at >= since, FolioCharge.posted_at < until)
            )
        ]
        currency = next((b.currency for b in bookings if b.currency), None) or session.scalar(
            select(RatePlan.currency).where(RatePlan.venue == venue).limit(1)
        )
    if currency is None:
        raise RatePlanNotOnSale("The venue sells no stays yet: add a rate plan first.")
    return {
        "venue": venue,
        "from": first.isoformat(),
        "to": end.isoformat(),
        **report(nights_of(first, end), available, stays, charges, currency),
    }
