"""The demo venue (docs/architecture.md, README): TheHungryUnicorn, Europe/London, lunch and dinner every day."""

from __future__ import annotations

from datetime import time

from sqlalchemy import select

from availability_service.extensions import db
from availability_service.models import OpeningRule, Venue
from availability_service.slots.service import fill_horizon

DEMO_SLUG = "TheHungryUnicorn"
LUNCH = (time(12, 0), time(13, 30))
DINNER = (time(19, 0), time(20, 30))


def seed_demo_venue() -> dict:
    with db.transaction() as session:
        venue = session.scalar(select(Venue).where(Venue.slug == DEMO_SLUG))
        if venue is None:
            venue = Venue(
                slug=DEMO_SLUG,
                name="The Hungry Unicorn",
                kind="restaurant",
                timezone="Europe/London",
                address="1 Rainbow Row, London",
                min_notice_minutes=30,
                horizon_days=30,
                hold_ttl_seconds=300,
                max_party_size=8,
                default_slot_minutes=90,
                default_slot_capacity=20,
                consumerapi_public_lookup=True,
            )  # the mock's clients look bookings up by reference
            session.add(venue)
            session.flush()
            for weekday in range(7):
                for first, last in (LUNCH, DINNER):
                    session.add(
                        OpeningRule(
                            venue_id=venue.id,
                            weekday=weekday,
                            first_start=first,
                            last_start=last,
                            interval_minutes=30,
                            duration_minutes=90,
                            capacity=venue.default_slot_capacity,
                        )
                    )
    return {"venue": DEMO_SLUG, "slots": fill_horizon(DEMO_SLUG)[DEMO_SLUG]}
