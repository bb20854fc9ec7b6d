"""Unbound singletons, bound to settings by create_app (or by a CLI command)."""

from shared.celery_app import CeleryHandle
from shared.db import Database
from shared.http import ServiceClientHandle
from shared.redis_client import RedisHandle

db = Database()
redis = RedisHandle()
celery = CeleryHandle()
booking_client = ServiceClientHandle()
