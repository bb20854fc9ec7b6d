"""Staff accounts: creating them and checking a login."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from gateway.extensions import db
from gateway.identity.passwords import MIN_PASSWORD_LENGTH, hash_password, needs_rehash, verify_password
from gateway.identity.tokens import StaffIdentity
from gateway.models import Role, StaffUser, VenueRole
from shared.errors import ApiError


class InvalidCredentials(ApiError):
    status, code, message = 401, "invalid_credentials", "The e-mail or password is wrong."


def identity_of(user: StaffUser) -> StaffIdentity:
    return StaffIdentity(
        user_id=user.id, email=user.email, admin=user.is_admin, roles={role.venue: role.role for role in user.roles}
    )


def save_staff(email: str, password: str, *, venue: str | None, role: str, admin: bool) -> dict:
    """Create the account, or set its password; add the role at `venue` if given."""
    email = email.strip().lower()
    if "@" not in email:
        raise ValueError("not an e-mail address")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"passwords need at least {MIN_PASSWORD_LENGTH} characters")
    if role not in Role.ALL:
        raise ValueError(f"role must be one of {', '.join(Role.ALL)}")
    with db.transaction() as session:
        user = session.scalar(select(StaffUser).where(StaffUser.email == email))
        if user is None:
            user = StaffUser(id=str(uuid.uuid4()), email=email, is_admin=admin, active=True)
            session.add(user)
        user.password_hash = hash_password(password)
        user.is_admin = user.is_admin or admin
        if venue:
            existing = {r.venue: r for r in user.roles}
            if venue in existing:
                existing[venue].role = role
            else:
                user.roles.append(VenueRole(venue=venue, role=role))
        session.flush()
        identity = identity_of(user)
    return {"id": identity.user_id, "email": identity.email, "admin": identity.admin, "roles": identity.roles}


def authenticate(email: str, password: str) -> StaffIdentity:
    with db.transaction() as session:
        user = session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
        # An unknown e-mail still costs a password check, so timing tells nothing either.
        if not verify_password(user.password_hash if user else None, password) or user is None or not user.active:
            raise InvalidCredentials()
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        return identity_of(user)
