"""Events between services: the envelope every producer writes, and how events travel
(docs/architecture.md, "Events").

    {"event_id", "event_type", "version", "occurred_at", "aggregate_id", "request_id", "actor", "payload"}

`event_id` is what consumers dedupe on, so at-least-once delivery has exactly-once effects.
`version` is "<major>.<minor>" of the event type's payload schema, which belongs to the producer
(e.g. booking_service/events.py); a consumer reads only the fields it needs and refuses a major
version it does not know.

Each producer appends its events to a Redis stream of its own (`EventLog`). Each consuming
service reads that stream through a consumer group of its own (`Subscriber`), created from the
start of the stream the first time, so events appended before a consumer ever ran still reach
it; an entry is acknowledged only once the consumer has taken it. A new consumer therefore needs
no change to the producer or to this module: it names the producer's stream and its group.
Streams keep `STREAM_RETENTION` of history.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from redis.exceptions import RedisError, ResponseError

log = logging.getLogger(__name__)

STREAM_PREFIX = "tessera:events:v1:"
STREAM_RETENTION = timedelta(days=7)  # a consumer down longer than this misses what is older


def make_event(
    event_type: str,
    aggregate_id: str,
    payload: dict[str, Any],
    *,
    version: str,
    actor: dict[str, Any] | None = None,
    request_id: str | None = None,
    occurred_at: datetime | None = None,
) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "event_type": event_type,
        "version": version,
        "occurred_at": (occurred_at or datetime.now(UTC)).isoformat(),
        "aggregate_id": aggregate_id,
        "request_id": request_id,
        "actor": actor or {"type": "system"},
        "payload": payload,
    }


def major_version(event: dict) -> int | None:
    """The major version of an event's payload schema, or None when it has none that reads."""
    try:
        return int(str(event.get("version", "")).split(".", 1)[0])
    except ValueError:
        return None


def stream_name(producer: str) -> str:
    return f"{STREAM_PREFIX}{producer}"


class EventLog:
    """A producer's stream of events."""

    def __init__(self, redis_client, producer: str) -> None:
        self.redis = redis_client
        self.stream = stream_name(producer)

    def append(self, envelopes: list[dict]) -> list[str]:
        """Append events in one round trip, trimming entries older than STREAM_RETENTION; raises
        RedisError when the broker does not take them (the caller keeps them to try again)."""
        oldest_kept = int((time.time() - STREAM_RETENTION.total_seconds()) * 1000)
        pipe = self.redis.pipeline(transaction=False)
        for envelope in envelopes:
            pipe.xadd(
                self.stream, {"event": json.dumps(envelope, separators=(",", ":"))}, minid=oldest_kept, approximate=True
            )
        return pipe.execute()


def consumer_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Subscriber:
    """One consuming service's reading of one producer's stream, as the consumer group `group`.

    `deliver(envelope)` takes each event (hands it to the service's own workers); an entry is
    acknowledged only after it returned. What this process read and could not deliver is read
    again first; what another reader of the group took and never acknowledged (it died) is
    claimed after `claim_after_seconds`.
    """

    def __init__(
        self,
        redis_client,
        producer: str,
        group: str,
        deliver: Callable[[dict], None],
        *,
        consumer: str | None = None,
        batch: int = 100,
        block_ms: int = 1000,
        claim_after_seconds: float = 30.0,
    ) -> None:
        self.redis = redis_client
        self.stream = stream_name(producer)
        self.group = group
        self.deliver = deliver
        self.consumer = consumer or consumer_name()
        self.batch = batch
        self.block_ms = block_ms
        self.claim_after_ms = int(claim_after_seconds * 1000)

    def ensure_group(self) -> None:
        """The group exists, reading from the start of the stream the first time."""
        try:
            self.redis.xgroup_create(self.stream, self.group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    def _entries(self) -> list[tuple[str, dict]]:
        own = self.redis.xreadgroup(self.group, self.consumer, {self.stream: "0"}, count=self.batch)
        if own and own[0][1]:
            return own[0][1]
        _next, claimed, *_ = self.redis.xautoclaim(
            self.stream, self.group, self.consumer, self.claim_after_ms, start_id="0-0", count=self.batch
        )
        if claimed:
            return claimed
        new = self.redis.xreadgroup(
            self.group, self.consumer, {self.stream: ">"}, count=self.batch, block=self.block_ms
        )
        return new[0][1] if new else []

    def poll_once(self) -> int:
        """Deliver one batch; returns how many events were delivered and acknowledged."""
        delivered = 0
        for entry_id, fields in self._entries():
            if fields is None:  # trimmed away while pending: nothing left to deliver
                self.redis.xack(self.stream, self.group, entry_id)
                continue
            self.deliver(json.loads(fields["event"]))
            self.redis.xack(self.stream, self.group, entry_id)
            delivered += 1
        return delivered

    def run(self, stopping: Callable[[], bool], *, max_backoff_seconds: float = 5.0) -> None:
        """Poll until `stopping()`; a Redis or delivery failure backs off and tries again."""
        delay = 0.1
        while not stopping():
            try:
                self.ensure_group()
                while not stopping():
                    self.poll_once()
                    delay = 0.1
            except (RedisError, OSError) as exc:
                log.warning("event stream unavailable", extra={"stream": self.stream, "error": type(exc).__name__})
            except Exception:
                log.exception("event delivery failed", extra={"stream": self.stream, "group": self.group})
            time.sleep(delay)
            delay = min(delay * 2, max_backoff_seconds)
