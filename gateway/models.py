"""The gateway's own tables: staff users, their roles per venue, their refresh tokens, and the
API keys of integrations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.db import Base as SharedBase


class Base(SharedBase):
    __abstract__ = True


class Role:
    OWNER = "owner"
    MANAGER = "manager"
    STAFF = "staff"
    ALL = (OWNER, MANAGER, STAFF)


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-cased
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    roles: Mapped[list[VenueRole]] = relationship(back_populates="user", cascade="all, delete-orphan", lazy="selectin")


class VenueRole(Base):
    """What one staff user may do at one venue."""

    __tablename__ = "venue_roles"

    user_id: Mapped[str] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True)
    venue: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    user: Mapped[StaffUser] = relationship(back_populates="roles")


class RefreshToken(Base):
    """One refresh token (stored as its SHA-256 only). Each use replaces it with a new one of
    the same family; using one twice revokes the whole family, since one of the two users stole it."""

    __tablename__ = "refresh_tokens"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family_id: Mapped[str] = mapped_column(String(36), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class ApiKey(Base):
    """An integration's key to one venue, limited to its scopes (shared/identity.py permission
    names). Stored as the SHA-256 of the key only; the key itself is shown once, at creation."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    venue: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(100))
    scopes: Mapped[str] = mapped_column(String(200))  # space-separated
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
