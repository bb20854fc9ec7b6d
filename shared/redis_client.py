"""A lazily bound Redis connection pool with short timeouts.

Callers that use Redis as a cache treat RedisError as a miss; the cache never decides.
"""
from __future__ import annotations

import redis as redis_lib


class RedisHandle:
    def __init__(self) -> None:
        self._client: redis_lib.Redis | None = None

    def init(self, url: str) -> "RedisHandle":
        self._client = redis_lib.Redis.from_url(
            url, socket_connect_timeout=0.5, socket_timeout=0.5, health_check_interval=30,
            decode_responses=True,
        )
        return self

    @property
    def client(self) -> redis_lib.Redis:
        if self._client is None:
            raise RuntimeError("Redis is not configured")
        return self._client

    def ping(self) -> None:
        self.client.ping()
