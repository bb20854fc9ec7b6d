"""The availability service's search cache in Redis: its keys, and the generation rule that
keeps it honest (docs/availability.md, "Search and its cache"; guarantee 6).

Three kinds of entry: a venue's slots of one day (slot search), a venue's room types on one
night (stay search, docs/stays.md), and a venue's appointment and resource searches of one day,
kept as the fields of one hash per day so one invalidation drops them all (docs/appointments.md).
Search fills a day's key. After every change of capacity commits, the service itself
invalidates the days it touched: it bumps each day's generation and deletes the day. A search
writes a day back only if the generation is still the one it saw before reading the database;
otherwise a search that read just before a hold committed could write the old figures back just
after the invalidation, and they would stay until the TTL. An invalidation that fails (Redis
down) leaves the day stale until its TTL: the cache informs search, it never decides a booking.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import cast

from redis.exceptions import RedisError

from availability_service.extensions import redis

log = logging.getLogger(__name__)

PREFIX = "tessera:availability:v2"  # v2: the venue's id and each slot's confirmed holds
# Generations only need to outlive any search in flight; a day keeps them well past that.
GENERATION_TTL_SECONDS = 24 * 3600

# KEYS[1] day key, KEYS[2] generation key; ARGV[1] generation seen ("" if none), ARGV[2] value,
# ARGV[3] TTL in seconds.
WRITE_IF_GENERATION_UNCHANGED = """
local current = redis.call('GET', KEYS[2]) or ''
if current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
"""

# KEYS: (generation key, day key) pairs; ARGV[1] generation TTL. Returns the cached days deleted.
INVALIDATE = """
local deleted = 0
for i = 1, #KEYS, 2 do
  redis.call('INCR', KEYS[i])
  redis.call('EXPIRE', KEYS[i], ARGV[1])
  deleted = deleted + redis.call('DEL', KEYS[i + 1])
end
return deleted
"""


def day_key(venue_slug: str, local_date: str) -> str:
    """One venue's slots of one local date (ISO `YYYY-MM-DD`)."""
    return f"{PREFIX}:{venue_slug}:{local_date}"


def generation_key(venue_slug: str, local_date: str) -> str:
    """How many times that day's cache entry has been invalidated."""
    return f"{PREFIX}:gen:{venue_slug}:{local_date}"


def night_key(venue_slug: str, night: str) -> str:
    """One venue's room types and what each has free on one night (ISO `YYYY-MM-DD`)."""
    return f"{PREFIX}:room-nights:{venue_slug}:{night}"


def night_generation_key(venue_slug: str, night: str) -> str:
    return f"{PREFIX}:room-nights-gen:{venue_slug}:{night}"


def bookings_day_key(venue_slug: str, local_date: str) -> str:
    """A hash of one venue's appointment and resource searches of one local date, by question."""
    return f"{PREFIX}:by-time:{venue_slug}:{local_date}"


def bookings_day_generation_key(venue_slug: str, local_date: str) -> str:
    return f"{PREFIX}:by-time-gen:{venue_slug}:{local_date}"


# KEYS[1] hash, KEYS[2] generation key; ARGV[1] generation seen, ARGV[2] field, ARGV[3] value, ARGV[4] TTL.
WRITE_FIELD_IF_GENERATION_UNCHANGED = """
local current = redis.call('GET', KEYS[2]) or ''
if current == ARGV[1] then
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
  redis.call('EXPIRE', KEYS[1], ARGV[4])
  return 1
end
return 0
"""


def read_field(venue_slug: str, local_date: str, question: str) -> tuple[dict | None, str] | None:
    """One cached answer of the day and the day's generation before any database read; None
    when Redis could not answer."""
    try:
        with redis.client.pipeline(transaction=False) as pipe:
            pipe.hget(bookings_day_key(venue_slug, local_date), question)
            pipe.get(bookings_day_generation_key(venue_slug, local_date))
            doc, generation = pipe.execute()
    except RedisError as exc:
        log.warning("availability cache read failed", extra={"error": type(exc).__name__})
        return None
    return (json.loads(doc) if doc else None), generation or ""


def write_field(venue_slug: str, local_date: str, question: str, generation: str, doc: dict, ttl: int) -> None:
    keys = [bookings_day_key(venue_slug, local_date), bookings_day_generation_key(venue_slug, local_date)]
    try:
        redis.client.eval(WRITE_FIELD_IF_GENERATION_UNCHANGED, 2, *keys, generation, question, json.dumps(doc), ttl)
    except RedisError as exc:
        log.warning("availability cache write failed", extra={"error": type(exc).__name__})


def read_entries(keys: Sequence[tuple[str, str]]) -> tuple[list[dict | None], list[str]] | None:
    """For each (entry key, generation key): the cached entry, and its generation as it stood
    before any database read; None when Redis could not answer."""
    names = [key for key, _ in keys] + [generation for _, generation in keys]
    try:
        values = cast(list[str | None], redis.client.mget(names))  # the client decodes responses
    except RedisError as exc:
        log.warning("availability cache read failed", extra={"error": type(exc).__name__})
        return None
    docs, generations = values[: len(keys)], values[len(keys) :]
    return [json.loads(doc) if doc else None for doc in docs], [generation or "" for generation in generations]


def write_entries(entries: Iterable[tuple[str, str, str, dict]], ttl_seconds: int) -> None:
    """Cache each (entry key, generation key, generation seen, entry) only if no invalidation
    came since that generation was read."""
    try:
        write = redis.client.register_script(WRITE_IF_GENERATION_UNCHANGED)
        with redis.client.pipeline(transaction=False) as pipe:
            for key, generation_name, generation, doc in entries:
                write(keys=[key, generation_name], args=[generation, json.dumps(doc), ttl_seconds], client=pipe)
            pipe.execute()
    except RedisError as exc:
        log.warning("availability cache write failed", extra={"error": type(exc).__name__})


# After Redis failed an invalidation, the next ones are skipped this long, so a Redis that is
# down costs the requests that change capacity one connect timeout, not one each.
PAUSE_AFTER_FAILURE_SECONDS = 5.0
_paused_until = 0.0


def invalidate_days(venue_slug: str, local_dates: Iterable[str]) -> int:
    """Drop the venue's cached days (call it after the change committed); returns how many were
    cached, or -1 when Redis could not be told (the days expire with their TTL)."""
    keys = []
    for day in sorted(set(local_dates)):
        keys += [generation_key(venue_slug, day), day_key(venue_slug, day)]
    return _invalidate(venue_slug, keys)


def invalidate_nights(venue_slug: str, nights: Iterable[str]) -> int:
    """Drop the venue's cached nights, as invalidate_days does its days."""
    keys = []
    for night in sorted(set(nights)):
        keys += [night_generation_key(venue_slug, night), night_key(venue_slug, night)]
    return _invalidate(venue_slug, keys)


def invalidate_booking_days(venue_slug: str, local_dates: Iterable[str]) -> int:
    """Drop the venue's cached appointment and resource searches of those days."""
    keys = []
    for day in sorted(set(local_dates)):
        keys += [bookings_day_generation_key(venue_slug, day), bookings_day_key(venue_slug, day)]
    return _invalidate(venue_slug, keys)


def _invalidate(venue_slug: str, keys: list[str]) -> int:
    global _paused_until
    if not keys or time.monotonic() < _paused_until:
        return 0 if not keys else -1
    try:
        return int(redis.client.eval(INVALIDATE, len(keys), *keys, GENERATION_TTL_SECONDS))
    except RedisError as exc:
        _paused_until = time.monotonic() + PAUSE_AFTER_FAILURE_SECONDS
        log.warning("availability cache invalidation failed", extra={"venue": venue_slug, "error": type(exc).__name__})
        return -1


def every_day(first: date, last: date) -> list[str]:
    """The ISO dates from `first` to `last` inclusive: what a venue-wide change touches."""
    return [(first + timedelta(days=offset)).isoformat() for offset in range((last - first).days + 1)]
