"""A stay's nights as a range hold: the pure rules (docs/stays.md, "Inventory").

A night is a venue-local date. A stay of nights [arrival, departure) holds its room type from
noon on the arrival date to noon on the departure date, venue wall clock: each night is one
noon-to-noon day, so a guest leaving on the morning another arrives never overlaps them, and a
DST change inside the stay moves no night (the instants come from the wall clock).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from availability_service.errors import StayNotBookable
from shared.clock import local_to_utc

TURNOVER = time(12, 0)


def night_window(arrival: date, departure: date) -> tuple[datetime, datetime]:
    """The venue wall-clock range a stay's hold covers."""
    return datetime.combine(arrival, TURNOVER), datetime.combine(departure, TURNOVER)


def utc_window(arrival: date, departure: date, timezone: str) -> tuple[datetime, datetime]:
    """The naive UTC instants of a stay's hold: noon exists on every date in every zone in use."""
    start, end = night_window(arrival, departure)
    starts_at = local_to_utc(start.date(), start.time(), timezone)
    ends_at = local_to_utc(end.date(), end.time(), timezone)
    assert starts_at is not None and ends_at is not None
    return starts_at, ends_at


def nights_between(first: date, end: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((end - first).days)]


def check_stay_dates(arrival: date, departure: date, *, today: date, horizon_days: int, max_nights: int) -> None:
    """A stay a guest may book today: arriving from today to the horizon, at most `max_nights`."""
    if departure <= arrival:
        raise StayNotBookable("The departure must be after the arrival.", details={"departure": departure.isoformat()})
    if arrival < today:
        raise StayNotBookable("The arrival date is in the past.", details={"today": today.isoformat()})
    last_arrival = today + timedelta(days=horizon_days)
    if arrival > last_arrival:
        raise StayNotBookable(
            "The arrival is beyond the booking horizon.", details={"last_arrival_date": last_arrival.isoformat()}
        )
    nights = (departure - arrival).days
    if nights > max_nights:
        raise StayNotBookable(
            f"A stay here is at most {max_nights} nights.", details={"nights": nights, "max_stay_nights": max_nights}
        )
