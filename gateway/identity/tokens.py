"""Short-lived staff access tokens: JWTs signed with HS256 by the gateway's own secret."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import jwt

ISSUER = "tessera-gateway"
AUDIENCE = "tessera"
ALGORITHM = "HS256"


class InvalidToken(Exception):
    """Missing, expired, forged or malformed: the caller learns nothing more than that."""


@dataclass(frozen=True)
class StaffIdentity:
    user_id: str
    email: str
    admin: bool
    roles: dict[str, str] = field(default_factory=dict)  # venue slug -> owner | manager | staff


def issue_access_token(identity: StaffIdentity, secret: str, ttl_seconds: int) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": identity.user_id,
        "iat": now,
        "exp": now + ttl_seconds,
        "typ": "access",
        "email": identity.email,
        "admin": identity.admin,
        "roles": identity.roles,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read_access_token(token: str, secret: str) -> StaffIdentity:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "typ"]},
        )
    except jwt.PyJWTError as exc:
        raise InvalidToken(type(exc).__name__) from exc
    if claims["typ"] != "access" or not isinstance(claims.get("roles"), dict):
        raise InvalidToken("not an access token")
    return StaffIdentity(
        user_id=claims["sub"],
        email=claims.get("email", ""),
        admin=claims.get("admin") is True,
        roles={str(k): str(v) for k, v in claims["roles"].items()},
    )
