"""Unbound singletons, bound to settings by create_app, the relay or a CLI command."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from booking_service import availability_client
from shared.config import client_timeouts
from shared.db import Database
from shared.http import ServiceClientHandle
from shared.redis_client import RedisHandle

if TYPE_CHECKING:
    from booking_service.config import Settings

db = Database()
redis = RedisHandle()
availability = ServiceClientHandle()


@dataclass
class WaitlistOffers:
    """How long a waitlist offer is kept for the person it is made to (WAITLIST_OFFER_MINUTES)."""

    minutes: int = 30


waitlist_offers = WaitlistOffers()


def bind_extensions(settings: Settings) -> None:
    db.init(settings.database_url)
    redis.init(settings.common.redis_url)
    availability.init(
        settings.common.availability_url,
        service_token=settings.common.service_token,
        timeouts=client_timeouts(settings.common),
    )
    availability_client.bind(availability_client.HttpAvailability(availability))
    waitlist_offers.minutes = settings.waitlist_offer_minutes
