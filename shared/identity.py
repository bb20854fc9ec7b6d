"""Who is calling, as the gateway verified it, in a form every service can check.

The gateway authenticates a staff member (JWT) or an integration (API key), then passes the
result on in `X-Tessera-Identity`: a JWT valid for a minute, signed with `IDENTITY_SIGNING_KEY`,
which only the gateway and the services hold. A service never trusts a venue or role named
in a query or body; it trusts this token and enforces the caller's venues itself.

What a caller may do is a set of permissions per venue. Staff roles map onto them; an API key
carries the scopes it was created with, which are the same permission names. A customer who
follows the signed link in their e-mail is a caller too, allowed exactly one booking.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import jwt

IDENTITY_HEADER = "X-Tessera-Identity"
ISSUER = "tessera-gateway"
AUDIENCE = "tessera-services"
LINK_AUDIENCE = "tessera-booking-link"  # a different audience: a link is never an identity, nor the reverse
ALGORITHM = "HS256"
LIFETIME_SECONDS = 60  # one request's worth, with room for clock skew between hosts

BOOKINGS_READ = "bookings:read"
BOOKINGS_WRITE = "bookings:write"
VENUE_READ = "venue:read"
VENUE_WRITE = "venue:write"
AUDIT_READ = "audit:read"
# Bring a returning customer's stored name, numbers and consents up to date from a booking's
# details. Staff have it; an API key only when created with it; anonymous callers never.
CUSTOMERS_WRITE = "customers:write"
PERMISSIONS = (BOOKINGS_READ, BOOKINGS_WRITE, VENUE_READ, VENUE_WRITE, AUDIT_READ, CUSTOMERS_WRITE)

ROLE_PERMISSIONS = {
    "owner": frozenset(PERMISSIONS),
    "manager": frozenset(PERMISSIONS),
    "staff": frozenset(PERMISSIONS) - {VENUE_WRITE},
}


class InvalidIdentity(Exception):
    """The identity token is missing its signature, expired, or not ours."""


@dataclass(frozen=True)
class Caller:
    """An authenticated caller: a staff member, an integration's API key, or the platform itself
    (a service or an operator's command holding the service credential, with no person behind it)."""

    kind: str  # staff | api_key | customer (subject: the booking reference) | platform
    subject: str
    admin: bool = False
    grants: dict[str, frozenset[str]] = field(default_factory=dict)  # venue slug -> permissions
    # Set when the caller relays anonymous clients (the ConsumerApi's public routes): which one
    # this request is for, so each client's Idempotency-Keys are their own.
    on_behalf_of: str | None = None
    name: str | None = None  # how people know the caller (a staff member's e-mail), for the audit trail

    @classmethod
    def platform(cls) -> Caller:
        return cls(kind="platform", subject="platform", admin=True)

    def sees(self, venue: str) -> bool:
        return self.admin or venue in self.grants

    def may(self, venue: str, permission: str) -> bool:
        return self.admin or permission in self.grants.get(venue, frozenset())

    def venues_with(self, permission: str) -> list[str] | None:
        """The venues this caller may use `permission` at; None means every venue."""
        if self.admin:
            return None
        return sorted(venue for venue, granted in self.grants.items() if permission in granted)

    def actor(self) -> dict:
        """How the audit log names this caller."""
        return {"type": self.kind, "id": self.subject, **({"name": self.name} if self.name else {})}

    def key_scope(self) -> str:
        """Whose namespace this caller's Idempotency-Keys live in."""
        return self.subject if self.on_behalf_of is None else f"{self.subject}:{self.on_behalf_of}"


def caller_for_roles(kind: str, subject: str, *, admin: bool, roles: dict[str, str], name: str | None = None) -> Caller:
    return Caller(
        kind=kind,
        subject=subject,
        admin=admin,
        name=name,
        grants={venue: ROLE_PERMISSIONS.get(role, frozenset()) for venue, role in roles.items()},
    )


def sign_identity(caller: Caller, key: str) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + LIFETIME_SECONDS,
        "sub": caller.subject,
        "kind": caller.kind,
        "admin": caller.admin,
        "grants": {venue: sorted(granted) for venue, granted in caller.grants.items()},
    }
    if caller.on_behalf_of is not None:
        claims["obo"] = caller.on_behalf_of
    if caller.name is not None:
        claims["name"] = caller.name
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def verify_identity(token: str, key: str) -> Caller:
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "kind"]},
        )
    except jwt.PyJWTError as exc:
        raise InvalidIdentity(type(exc).__name__) from exc
    grants = claims.get("grants")
    if claims["kind"] not in ("staff", "api_key", "customer") or not isinstance(grants, dict):
        raise InvalidIdentity("malformed claims")
    on_behalf_of = claims.get("obo")
    return Caller(
        kind=claims["kind"],
        subject=str(claims["sub"]),
        admin=claims.get("admin") is True,
        grants={str(venue): frozenset(map(str, granted)) for venue, granted in grants.items()},
        on_behalf_of=str(on_behalf_of) if on_behalf_of is not None else None,
        name=str(claims["name"]) if claims.get("name") is not None else None,
    )


def sign_booking_link(reference: str, key: str, ttl_seconds: int) -> str:
    """The token in a customer's e-mail that opens their booking without the e-mail address."""
    now = int(time.time())
    return jwt.encode(
        {"aud": LINK_AUDIENCE, "sub": reference, "iat": now, "exp": now + ttl_seconds}, key, algorithm=ALGORITHM
    )


class ExpiredLink(InvalidIdentity):
    """A link we signed whose time is up: safe to say so, it reveals nothing new."""


def read_booking_link(token: str, key: str) -> str:
    """The booking reference a link opens."""
    try:
        claims = jwt.decode(
            token, key, algorithms=[ALGORITHM], audience=LINK_AUDIENCE, options={"require": ["exp", "sub"]}
        )
    except jwt.ExpiredSignatureError as exc:
        raise ExpiredLink() from exc
    except jwt.PyJWTError as exc:
        raise InvalidIdentity(type(exc).__name__) from exc
    return str(claims["sub"])


OFFER_AUDIENCE = "tessera-waitlist-offer"  # an offer's link opens that offer only, never a booking


def sign_offer_link(entry_id: str, key: str, ttl_seconds: int) -> str:
    """The token in a waitlist offer's e-mail that lets its holder take the offer."""
    now = int(time.time())
    return jwt.encode(
        {"aud": OFFER_AUDIENCE, "sub": entry_id, "iat": now, "exp": now + ttl_seconds}, key, algorithm=ALGORITHM
    )


def read_offer_link(token: str, key: str) -> str:
    """The waitlist entry an offer link opens."""
    try:
        claims = jwt.decode(
            token, key, algorithms=[ALGORITHM], audience=OFFER_AUDIENCE, options={"require": ["exp", "sub"]}
        )
    except jwt.ExpiredSignatureError as exc:
        raise ExpiredLink() from exc
    except jwt.PyJWTError as exc:
        raise InvalidIdentity(type(exc).__name__) from exc
    return str(claims["sub"])
