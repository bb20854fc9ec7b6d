"""Idempotency-Key handling (guarantee 4 of docs/architecture.md) for create, update and cancel.

The first response to a keyed request is stored, with a hash of the request, in the same
transaction as the change it answers. A later request with the key and the same request gets
that response byte for byte; with another request, `422 idempotency_key_reused`. The
primary key (scope, key) decides a race: a concurrent duplicate blocks on it until the first
commits, then replays its answer (it waits rather than failing with 409).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from flask import Response, request
from sqlalchemy.orm import Session

from booking_service.errors import IdempotencyKeyReused
from booking_service.extensions import db
from booking_service.models import IdempotencyKey
from shared.errors import ValidationFailed

SCOPE_LENGTH = 64  # idempotency_keys.scope
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_IDEMPOTENCY_KEY_LENGTH = 128
IDEMPOTENCY_DOC = {
    "parameters": [
        {
            "in": "header",
            "name": IDEMPOTENCY_HEADER,
            "schema": {"type": "string"},
            "description": "Repeat a request safely: the first response is replayed byte for byte; a concurrent "
            "duplicate waits for the first and gets its response.",
        }
    ]
}


def idempotency_key_from_request() -> str | None:
    raw = request.headers.get(IDEMPOTENCY_HEADER)
    if raw is None:
        return None
    if not (1 <= len(raw) <= MAX_IDEMPOTENCY_KEY_LENGTH and all(33 <= ord(ch) < 127 for ch in raw)):
        raise ValidationFailed(details={IDEMPOTENCY_HEADER: ["Must be 1-128 printable ASCII characters."]})
    return raw


def json_response(status: int, body: bytes) -> Response:
    return Response(body, status=status, mimetype="application/json")


class Replay(Exception):
    """A stored first response exists for this idempotency key."""

    def __init__(self, status: int, body: bytes) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


@dataclass(frozen=True)
class KeyedRequest:
    scope: str  # the operation and who asks, e.g. "bookings.cancel:customer:ABC1234"
    key: str
    fingerprint: str

    @classmethod
    def of(cls, scope: str, key: str | None, request: dict) -> KeyedRequest | None:
        if key is None:
            return None
        digest = hashlib.sha256(json.dumps(request, sort_keys=True, default=str).encode()).hexdigest()
        return cls(_fitted(scope), key, digest)


def _fitted(scope: str) -> str:
    """The scope as stored: a long one (a long venue slug, a relayed client) keeps its start for
    whoever reads the table and ends in a hash of the whole, within the column's 64 characters."""
    if len(scope) <= SCOPE_LENGTH:
        return scope
    return f"{scope[: SCOPE_LENGTH - 33]}~{hashlib.sha256(scope.encode()).hexdigest()[:32]}"


def _stored(session: Session, request: KeyedRequest) -> IdempotencyKey | None:
    record = session.get(IdempotencyKey, (request.scope, request.key))
    if record is not None and record.request_hash != request.fingerprint:
        raise IdempotencyKeyReused()
    return record


def replay_if_stored(request: KeyedRequest | None) -> None:
    """Raise Replay with the first response if this keyed request was answered before."""
    if request is None:
        return
    with db.reading() as session:
        record = _stored(session, request)
        if record is not None and record.response_status is not None:
            raise Replay(record.response_status, record.response_body or b"")


def store_response(session: Session, request: KeyedRequest | None, status: int, body: bytes) -> None:
    if request is not None:
        session.add(
            IdempotencyKey(
                scope=request.scope,
                key=request.key,
                request_hash=request.fingerprint,
                response_status=status,
                response_body=body,
            )
        )
