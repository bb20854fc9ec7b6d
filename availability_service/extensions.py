"""Unbound singletons, bound to settings by create_app, the worker or a CLI command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.config import client_timeouts
from shared.db import Database
from shared.http import ServiceClientHandle
from shared.redis_client import RedisHandle

if TYPE_CHECKING:
    from availability_service.config import Settings

db = Database()
redis = RedisHandle()
booking_client = ServiceClientHandle()


def bind_extensions(settings: Settings) -> None:
    db.init(settings.database_url)
    redis.init(settings.common.redis_url)
    booking_client.init(
        settings.common.booking_url,
        service_token=settings.common.service_token,
        timeouts=client_timeouts(settings.common),
    )
