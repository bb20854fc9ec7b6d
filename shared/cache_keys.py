"""Redis key builders for the availability cache.

The availability service reads and fills these keys; the notification service's cache
worker deletes them. Both import this one module so producer and consumer always agree.
"""
from __future__ import annotations

AVAILABILITY_PREFIX = "tessera:availability:v1"


def availability_day_key(venue_slug: str, local_date: str) -> str:
    """One venue's slots of one local date (ISO `YYYY-MM-DD`)."""
    return f"{AVAILABILITY_PREFIX}:{venue_slug}:{local_date}"
