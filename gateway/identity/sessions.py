"""Staff sessions: opaque refresh tokens, rotated on every use and revoked on logout.

Only a token's SHA-256 is stored. Each refresh marks the token used and issues the next one
of its family; a used token presented again means two parties hold the family (one stole
it), so the whole family is revoked and both must log in again.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta

from sqlalchemy import select, update

from gateway.extensions import db
from gateway.identity.service import identity_of
from gateway.identity.tokens import StaffIdentity
from gateway.models import RefreshToken, StaffUser
from shared.clock import utcnow
from shared.errors import ApiError


class InvalidRefreshToken(ApiError):
    status, code, message = 401, "invalid_refresh_token", "The refresh token is not valid. Log in again."


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue(session, user_id: str, family_id: str, ttl_seconds: int) -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        RefreshToken(
            id=str(uuid.uuid4()),
            token_hash=_digest(token),
            family_id=family_id,
            user_id=user_id,
            issued_at=now,
            expires_at=now + timedelta(seconds=ttl_seconds),
        )
    )
    return token


def _revoke_family(session, family_id: str) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def start_session(identity: StaffIdentity, ttl_seconds: int) -> str:
    with db.transaction() as session:
        return _issue(session, identity.user_id, str(uuid.uuid4()), ttl_seconds)


def rotate(token: str, ttl_seconds: int) -> tuple[StaffIdentity, str]:
    """The caller's identity and the family's next refresh token."""
    replayed_family = None
    with db.transaction() as session:
        query = select(RefreshToken).where(RefreshToken.token_hash == _digest(token))
        row = session.scalar(query if db.is_sqlite else query.with_for_update())
        if row is None or row.revoked_at is not None or row.expires_at <= utcnow():
            raise InvalidRefreshToken()
        if row.used_at is not None:
            _revoke_family(session, row.family_id)
            replayed_family = row.family_id
        else:
            user = session.get(StaffUser, row.user_id)
            if user is None or not user.active:
                raise InvalidRefreshToken()
            row.used_at = utcnow()
            identity, next_token = identity_of(user), _issue(session, user.id, row.family_id, ttl_seconds)
    if replayed_family is not None:  # raised after the commit, so the revocation sticks
        raise InvalidRefreshToken()
    return identity, next_token


def end_session(token: str) -> None:
    """Log out: revoke the token's family. Unknown tokens are ignored (logging out twice is fine)."""
    with db.transaction() as session:
        row = session.scalar(select(RefreshToken).where(RefreshToken.token_hash == _digest(token)))
        if row is not None:
            _revoke_family(session, row.family_id)
