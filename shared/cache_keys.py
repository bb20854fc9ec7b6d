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


def invalidate_days(redis_client, days) -> int:
    """Bump each (venue, date)'s generation and delete its cached entry; returns keys deleted."""
    with redis_client.pipeline(transaction=True) as pipe:
        for venue, day in days:
            generation = availability_generation_key(venue, day)
            pipe.incr(generation)
            pipe.expire(generation, GENERATION_TTL_SECONDS)
            pipe.delete(availability_day_key(venue, day))
        results = pipe.execute()
    return sum(results[2::3])
