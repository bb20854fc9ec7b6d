"""Telling the cache workers that a day's capacity changed (DESIGN guarantee 6).

Published after the transaction commits, never inside it. A lost message only leaves the
cached day stale until its TTL runs out; the cache never decides a booking.
"""
from __future__ import annotations

from availability_service.extensions import celery
from shared.celery_app import CACHE_QUEUE, publish_quietly
from shared.events import make_event
from shared.logging import current_request_id

INVALIDATE_TASK = "notification.invalidate_availability"


def announce_capacity_change(venue_slug: str, local_date: str) -> None:
    event = make_event("capacity.changed", f"{venue_slug}:{local_date}",
                       {"venue": venue_slug, "date": local_date}, request_id=current_request_id())
    publish_quietly(celery, INVALIDATE_TASK, CACHE_QUEUE, event)
