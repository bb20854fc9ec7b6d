"""Venues and their booking rules: the admin use cases."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from availability_service.cache import every_day, invalidate_days
from availability_service.errors import VenueExists
from availability_service.extensions import db
from availability_service.lookups import venue_by_slug
from availability_service.models import Venue
from availability_service.slots.service import horizon_of, sync_venue
from shared.pagination import keyset_page

RULE_FIELDS = (
    "min_notice_minutes",
    "horizon_days",
    "hold_ttl_seconds",
    "max_party_size",
    "default_slot_minutes",
    "default_slot_capacity",
    "max_stay_nights",
)


def venue_view(venue: Venue) -> dict:
    return {
        "id": venue.id,
        "slug": venue.slug,
        "name": venue.name,
        "kind": venue.kind,
        "timezone": venue.timezone,
        "address": venue.address,
        **{name: getattr(venue, name) for name in RULE_FIELDS},
        "consumerapi_public_lookup": venue.consumerapi_public_lookup,
    }


def list_venues(*, after_id: int | None, limit: int) -> dict:
    with db.reading() as session:
        return keyset_page(session, select(Venue), Venue.id, after_id=after_id, limit=limit, view=venue_view)


def get_venue(slug: str) -> dict:
    with db.reading() as session:
        return venue_view(venue_by_slug(session, slug))


def create_venue(fields: dict) -> dict:
    try:
        with db.transaction() as session:
            if session.scalar(select(Venue.id).where(Venue.slug == fields["slug"])) is not None:
                raise VenueExists()
            venue = Venue(**fields)
            session.add(venue)
            session.flush()
            sync_venue(session, venue)
            return venue_view(venue)
    except IntegrityError:  # a concurrent create with the same slug won
        raise VenueExists() from None


def update_venue(slug: str, changes: dict) -> dict:
    """Change a venue's name or rules; slots follow a changed horizon, search follows at once."""
    with db.transaction() as session:
        venue = venue_by_slug(session, slug, for_update=True)
        first_day, old_end = horizon_of(venue)
        for name, value in changes.items():
            setattr(venue, name, value)
        session.flush()
        sync_venue(session, venue)
        view = venue_view(venue)
        touched = every_day(first_day, max(old_end, horizon_of(venue)[1]))
    # Cached days carry the venue's rules (notice, horizon, party size), so all of them go.
    invalidate_days(slug, touched)
    return view
