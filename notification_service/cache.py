"""Dropping cached availability days that an event changed (DESIGN guarantee 6)."""
from __future__ import annotations

from notification_service.extensions import redis
from shared.cache_keys import invalidate_days_once


def affected_days(event: dict) -> set[tuple[str, str]]:
    """(venue, date) pairs an event touches: a booking's date before and after, or the
    availability service's `capacity.changed` list of dates."""
    payload = event.get("payload") or {}
    days = set()
    for snapshot in (payload, payload.get("before") or {}, payload.get("after") or {}):
        if snapshot.get("venue") and snapshot.get("date"):
            days.add((snapshot["venue"], snapshot["date"]))
    if payload.get("venue"):
        days.update((payload["venue"], day) for day in payload.get("dates") or ())
    return days


def invalidate_for_event(event: dict) -> int:
    """Invalidate the event's days once; -1 when the event was already handled."""
    days = sorted(affected_days(event))
    return invalidate_days_once(redis.client, days, event_id=event["event_id"]) if days else 0
