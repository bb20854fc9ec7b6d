"""API keys: how integrations (and the ConsumerApi clients) authenticate.

A key belongs to one venue and carries scopes, which are the permission names of
shared/identity.py. Keys are looked up by their SHA-256 (a key is 256 random bits, so a fast
hash is enough); the key itself is shown once when it is created and never stored.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid

from sqlalchemy import select

from gateway.extensions import db
from gateway.models import ApiKey
from shared.clock import utcnow
from shared.identity import PERMISSIONS, Caller

KEY_PREFIX = "tsk_"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(venue: str, name: str, scopes: list[str], *, key: str | None = None) -> dict:
    """A new key at `venue`. `key` sets the secret itself (to register a token clients already
    hold, such as the ConsumerApi demo token); otherwise one is drawn."""
    unknown = sorted(set(scopes) - set(PERMISSIONS))
    if unknown or not scopes:
        raise ValueError(f"scopes must be some of {', '.join(PERMISSIONS)}; unknown: {', '.join(unknown)}")
    key = key or KEY_PREFIX + secrets.token_urlsafe(32)
    with db.transaction() as session:
        existing = session.scalar(select(ApiKey).where(ApiKey.key_hash == _digest(key)))
        if existing is not None:
            raise ValueError("that key is already registered")
        row = ApiKey(
            id=str(uuid.uuid4()), key_hash=_digest(key), venue=venue, name=name, scopes=" ".join(sorted(set(scopes)))
        )
        session.add(row)
    return {"id": row.id, "venue": venue, "name": name, "scopes": sorted(set(scopes)), "key": key}


def ensure_api_key(venue: str, name: str, scopes: list[str], key: str) -> dict:
    """Register `key` unless it already is (for seeding on every start)."""
    with db.reading() as session:
        row = session.scalar(select(ApiKey).where(ApiKey.key_hash == _digest(key)))
        if row is not None:
            return {"id": row.id, "venue": row.venue, "name": row.name, "scopes": row.scopes.split()}
    return {k: v for k, v in create_api_key(venue, name, scopes, key=key).items() if k != "key"}


def revoke_api_key(key_id: str) -> bool:
    with db.transaction() as session:
        row = session.get(ApiKey, key_id)
        if row is None:
            return False
        row.revoked_at = row.revoked_at or utcnow()
        return True


def list_api_keys(venue: str | None = None) -> list[dict]:
    query = select(ApiKey).order_by(ApiKey.venue, ApiKey.created_at)
    if venue is not None:
        query = query.where(ApiKey.venue == venue)
    with db.reading() as session:
        return [
            {
                "id": row.id,
                "venue": row.venue,
                "name": row.name,
                "scopes": row.scopes.split(),
                "created_at": row.created_at.isoformat(),
                "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
            }
            for row in session.scalars(query)
        ]


def caller_for_api_key(key: str) -> Caller | None:
    """The caller a key stands for, or None for an unknown or revoked key."""
    with db.reading() as session:
        row = session.scalar(select(ApiKey).where(ApiKey.key_hash == _digest(key), ApiKey.revoked_at.is_(None)))
        if row is None:
            return None
        return Caller(kind="api_key", subject=row.id, grants={row.venue: frozenset(row.scopes.split())})
