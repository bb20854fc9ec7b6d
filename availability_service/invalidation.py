"""Telling the cache workers which days' availability changed (DESIGN guarantee 6).

Published after the transaction commits, never inside it. A lost message only leaves the
cached days stale until their TTL runs out; the cache never decides a booking.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable

from availability_service.extensions import celery
from shared.celery_app import CACHE_QUEUE, publish_quietly
from shared.events import make_event
from shared.logging import current_request_id

INVALIDATE_TASK = "notification.invalidate_availability"


def announce_capacity_change(venue_slug: str, local_dates: Iterable[str]) -> None:
    dates = sorted(set(local_dates))
    if not dates:
        return
    event = make_event("capacity.changed", venue_slug, {"venue": venue_slug, "dates": dates},
                       request_id=current_request_id())
    publish_quietly(celery, INVALIDATE_TASK, CACHE_QUEUE, event)


def every_day(first: date, last: date) -> list[str]:
    """The ISO dates from `first` to `last` inclusive: what a venue-wide change touches."""
    return [(first + timedelta(days=offset)).isoformat() for offset in range((last - first).days + 1)]
