"""Dropping cached availability days that an event changed (DESIGN guarantee 6).

Deleting a key twice is harmless, so this consumer needs no dedupe record.
"""
from __future__ import annotations

from notification_service.extensions import redis
from shared.cache_keys import availability_day_key


def affected_days(event: dict) -> set[tuple[str, str]]:
    payload = event.get("payload") or {}
    days = set()
    for snapshot in (payload, payload.get("before") or {}, payload.get("after") or {}):
        if snapshot.get("venue") and snapshot.get("date"):
            days.add((snapshot["venue"], snapshot["date"]))
    return days


def invalidate_for_event(event: dict) -> int:
    keys = [availability_day_key(venue, day) for venue, day in sorted(affected_days(event))]
    return redis.client.delete(*keys) if keys else 0
