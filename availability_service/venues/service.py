"""Availability search: a venue's slots of one date with what is left and whether it is bookable.

Reads through a Redis cache of the day's raw ledger (capacity, booked, open) per venue and
date; `remaining` and `bookable` are computed per request because they depend on the party
size and on the clock. A cache miss costs two queries whatever the number of bookings. The
cache only informs search: placing a hold always checks the database.
"""
from __future__ import annotations

import json
import logging
from datetime import date, datetime, timedelta

from redis.exceptions import RedisError
from sqlalchemy import select

from availability_service.errors import DateInPast, VenueNotFound
from availability_service.extensions import db, redis
from availability_service.models import Slot, Venue
from shared.cache_keys import availability_day_key
from shared.clock import iso_utc, utcnow, venue_today

log = logging.getLogger(__name__)


def _load_day(venue_slug: str, on: date) -> dict | None:
    with db.reading() as session:
        venue = session.scalar(select(Venue).where(Venue.slug == venue_slug))
        if venue is None:
            return None
        slots = session.scalars(
            select(Slot).where(Slot.venue_id == venue.id, Slot.local_date == on).order_by(Slot.local_time)
        ).all()
        return {
            "venue": {"slug": venue.slug, "timezone": venue.timezone,
                      "min_notice_minutes": venue.min_notice_minutes, "horizon_days": venue.horizon_days,
                      "max_party_size": venue.max_party_size},
            "slots": [{"time": s.local_time.strftime("%H:%M"), "starts_at": s.starts_at.isoformat(),
                       "capacity": s.capacity, "booked": s.booked, "is_open": s.is_open} for s in slots],
        }


def _cached_day(venue_slug: str, on: date, ttl_seconds: int) -> dict | None:
    key = availability_day_key(venue_slug, on.isoformat())
    try:
        cached = redis.client.get(key)
        if cached:
            return json.loads(cached)
    except RedisError as exc:
        log.warning("availability cache read failed", extra={"error": type(exc).__name__})
    day = _load_day(venue_slug, on)
    if day is not None:
        try:
            redis.client.set(key, json.dumps(day), ex=ttl_seconds)
        except RedisError as exc:
            log.warning("availability cache write failed", extra={"error": type(exc).__name__})
    return day


def search_day(venue_slug: str, on: date, party_size: int, *, cache_ttl_seconds: int) -> dict:
    day = _cached_day(venue_slug, on, cache_ttl_seconds)
    if day is None:
        raise VenueNotFound()
    venue = day["venue"]
    if on < venue_today(venue["timezone"]):
        raise DateInPast()
    now = utcnow()
    earliest = now + timedelta(minutes=venue["min_notice_minutes"])
    last_day = venue_today(venue["timezone"]) + timedelta(days=venue["horizon_days"])
    party_fits = party_size <= venue["max_party_size"]
    slots = []
    for slot in day["slots"]:
        starts_at = datetime.fromisoformat(slot["starts_at"])
        remaining = slot["capacity"] - slot["booked"] if slot["is_open"] else 0
        bookable = (party_fits and remaining >= party_size and starts_at >= earliest and on <= last_day)
        slots.append({"time": slot["time"], "starts_at": iso_utc(starts_at),
                      "remaining": remaining, "bookable": bookable})
    return {"venue": venue["slug"], "date": on.isoformat(), "party_size": party_size, "slots": slots}
