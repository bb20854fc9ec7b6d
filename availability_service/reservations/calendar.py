"""A resource's free and busy times over a range (docs/appointments.md, "Reservations"):
`GET /v1/venues/{venue}/resources/{id}/availability?from=&to=`.

Free is inside the resource's business hours (any time if it keeps none) with a unit not held;
busy is where every unit is held, buffers included. Each venue-local day is computed once and
cached as a field of the day's hash (availability_service/cache.py) under the generation rule:
every hold on the resource, every change of its hours, blocks or settings invalidates the days it
touches. The minimum notice and the horizon are applied when answering, so a cached day never
offers a time that has become too soon. The calendar informs; placing a hold decides.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from availability_service.appointments.placement import held_by
from availability_service.cache import read_field, write_field
from availability_service.extensions import db
from availability_service.lookups import resource_of_venue, venue_by_slug
from availability_service.reservations.rules import Interval, clip, day_free_busy, day_window, merge
from availability_service.resources.service import resource_view
from availability_service.schedules.service import weeks_of
from shared.clock import iso_utc, parse_iso_utc, utc_to_local, utcnow, venue_today
from shared.errors import ValidationFailed

MAX_SPAN = timedelta(days=92)


def _instant(value: date | datetime, timezone: str, *, end: bool) -> datetime:
    """A bound as naive UTC: a date is its venue-local midnight (the next one for `to`), a naive
    time venue wall clock, an aware time an instant."""
    if not isinstance(value, datetime):
        return day_window(value, timezone)[1 if end else 0]
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(timezone))
    return value.astimezone(UTC).replace(tzinfo=None)


def _question(resource_id: int) -> str:
    return f"resource:{resource_id}"


def _compute(venue_slug: str, resource_id: int, days: list[date]) -> dict[str, dict]:
    """Each day's free and busy intervals from the database, as cached."""
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        resource = resource_of_venue(session, venue, resource_id)
        week = weeks_of(session, [resource.id], days[0], days[-1])[resource.id]
        lo, hi = day_window(days[0], venue.timezone)[0], day_window(days[-1], venue.timezone)[1]
        held = held_by(session, [resource.id], lo, hi)[resource.id]
        docs = {}
        for day in days:
            free, busy = day_free_busy(day, venue.timezone, week, held, resource.capacity, active=resource.active)
            docs[day.isoformat()] = {
                "free": [[iso_utc(s), iso_utc(e)] for s, e in free],
                "busy": [[iso_utc(s), iso_utc(e)] for s, e in busy],
            }
    return docs


def _interval(interval: Interval, timezone: str) -> dict:
    start, end = interval
    return {
        "starts_at": iso_utc(start),
        "ends_at": iso_utc(end),
        "start": utc_to_local(start, timezone).strftime("%Y-%m-%dT%H:%M"),
        "end": utc_to_local(end, timezone).strftime("%Y-%m-%dT%H:%M"),
    }


def resource_calendar(
    venue_slug: str, resource_id: int, first: date | datetime, last: date | datetime, *, cache_ttl_seconds: int
) -> dict:
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        resource = resource_of_venue(session, venue, resource_id)
        timezone, notice, horizon_days = venue.timezone, venue.min_notice_minutes, venue.horizon_days
        view = resource_view(resource)
    lo, hi = _instant(first, timezone, end=False), _instant(last, timezone, end=True)
    if hi <= lo:
        raise ValidationFailed(details={"to": ["Must be after from."]})
    if hi - lo > MAX_SPAN:
        raise ValidationFailed(details={"to": [f"A calendar covers at most {MAX_SPAN.days} days."]})
    first_day = utc_to_local(lo, timezone).date()
    last_day = utc_to_local(hi - timedelta(microseconds=1), timezone).date()
    days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    cached = {day.isoformat(): read_field(venue_slug, day.isoformat(), _question(resource_id)) for day in days}
    missing = [day for day in days if (cached[day.isoformat()] or (None, ""))[0] is None]
    docs = {day: entry[0] for day, entry in cached.items() if entry is not None and entry[0] is not None}
    if missing:
        computed = _compute(venue_slug, resource_id, missing)
        for day, doc in computed.items():
            entry = cached[day]
            if entry is not None:  # Redis answered: fill the day, if nothing changed since
                write_field(venue_slug, day, _question(resource_id), entry[1], doc, cache_ttl_seconds)
        docs |= computed
    free = merge((parse_iso_utc(s), parse_iso_utc(e)) for doc in docs.values() for s, e in doc["free"])
    busy = merge((parse_iso_utc(s), parse_iso_utc(e)) for doc in docs.values() for s, e in doc["busy"])
    earliest = max(lo, utcnow().replace(microsecond=0) + timedelta(minutes=notice))
    horizon_end = day_window(venue_today(timezone) + timedelta(days=horizon_days), timezone)[1]
    return {
        "resource": view,
        "timezone": timezone,
        "starts_at": iso_utc(lo),
        "ends_at": iso_utc(hi),
        "free": [_interval(interval, timezone) for interval in clip(free, earliest, min(hi, horizon_end))],
        "busy": [_interval(interval, timezone) for interval in clip(busy, lo, hi)],
    }
