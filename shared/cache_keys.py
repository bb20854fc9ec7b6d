"""Redis keys of the availability cache, and the generation rule that keeps it honest.

The availability service fills a day's key; the notification service's cache worker
invalidates it. Invalidating bumps the day's generation as well as deleting the key, and
a search writes a day only if the generation is still the one it saw before reading the
database. Otherwise a search that read the database just before a hold committed could
write the old figures back just after the invalidation, and they would stay until the TTL.
Both services import this one module so producer and consumer always agree.
"""
from __future__ import annotations

AVAILABILITY_PREFIX = "tessera:availability:v1"
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


def availability_day_key(venue_slug: str, local_date: str) -> str:
    """One venue's slots of one local date (ISO `YYYY-MM-DD`)."""
    return f"{AVAILABILITY_PREFIX}:{venue_slug}:{local_date}"


def availability_generation_key(venue_slug: str, local_date: str) -> str:
    """How many times that day's cache entry has been invalidated."""
    return f"{AVAILABILITY_PREFIX}:gen:{venue_slug}:{local_date}"


# Invalidation is the cache consumer's effect, so its (event, handler) dedupe record lives in
# Redis and is written by the same script: both happen, or neither.
# KEYS[1] the event's processed marker, then (generation key, day key) pairs;
# ARGV[1] marker TTL, ARGV[2] generation TTL. Returns cached days deleted, or -1 for a duplicate.
INVALIDATE_ONCE = """
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  return -1
end
local deleted = 0
for i = 2, #KEYS, 2 do
  redis.call('INCR', KEYS[i])
  redis.call('EXPIRE', KEYS[i], ARGV[2])
  deleted = deleted + redis.call('DEL', KEYS[i + 1])
end
return deleted
"""
PROCESSED_MARKER_TTL_SECONDS = 7 * 24 * 3600


def processed_marker_key(event_id: str, handler: str) -> str:
    return f"tessera:processed:v1:{handler}:{event_id}"


def invalidate_days_once(redis_client, days, *, event_id: str, handler: str = "cache") -> int:
    """Bump each (venue, date)'s generation and delete its cached entry, unless this event was
    already handled; returns the cached days deleted, or -1 for a duplicate."""
    keys = [processed_marker_key(event_id, handler)]
    for venue, day in days:
        keys += [availability_generation_key(venue, day), availability_day_key(venue, day)]
    return int(redis_client.eval(INVALIDATE_ONCE, len(keys), *keys, PROCESSED_MARKER_TTL_SECONDS,
                                 GENERATION_TTL_SECONDS))
