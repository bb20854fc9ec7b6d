"""Unbound singletons, bound by create_app or by the Celery worker at start-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.db import Database
from shared.redis_client import RedisHandle

if TYPE_CHECKING:
    from notification_service.config import Settings

db = Database()
redis = RedisHandle()


def bind_extensions(settings: Settings) -> None:
    db.init(settings.database_url)
    redis.init(settings.common.redis_url)
