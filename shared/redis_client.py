"""A lazily bound Redis connection pool with short timeouts.

Callers that use Redis as a cache treat RedisError as a miss; the cache never decides.
"""

from __future__ import annotations

import redis as redis_lib
from redis.backoff import NoBackoff
from redis.retry import Retry


class RedisHandle:
    def __init__(self) -> None:
        self._client: redis_lib.Redis | None = None

    def init(self, url: str) -> RedisHandle:
        # No retries: redis-py's default retries with backoff would make every cache read
        # wait seconds while Redis is down, where a miss costs milliseconds.
        self._client = redis_lib.Redis.from_url(
            url,
            socket_connect_timeout=0.5,
            socket_timeout=0.5,
            health_check_interval=30,
            decode_responses=True,
            retry=Retry(NoBackoff(), 0),
        )
        return self

    @property
    def bound(self) -> bool:
        return self._client is not None

    @property
    def client(self) -> redis_lib.Redis:
        if self._client is None:
            raise RuntimeError("Redis is not configured")
        return self._client

    def ping(self) -> None:
        self.client.ping()
