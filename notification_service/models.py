"""The notification service's tables: the e-mail log, the audit log, processed events, dead letters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import Base as SharedBase


class Base(SharedBase):
    __abstract__ = True


class EmailStatus:
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class EmailLog(Base):
    """One row per (event, recipient, template); the send is guarded by this row."""

    __tablename__ = "email_log"
    __table_args__ = (UniqueConstraint("event_id", "recipient", "template", name="uq_email_log_event_recipient"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36))
    recipient: Mapped[str] = mapped_column(String(254))
    template: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default=EmailStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class AuditEntry(Base):
    """Append-only: one row per event, never updated."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_id", "occurred_at", "id"),
        Index("ix_audit_log_venue_occurred_at", "venue", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[dict] = mapped_column(JSON)
    venue: Mapped[str | None] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(String(128))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class ProcessedEvent(Base):
    """Which handler has had its effect for which event; written in the transaction of that effect."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    handler: Mapped[str] = mapped_column(String(32), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class DeadLetter(Base):
    """A task that used up its attempts (or kept killing its worker), kept for an operator to re-drive."""

    __tablename__ = "dead_letters"
    __table_args__ = (Index("ix_dead_letters_open", "redriven_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_name: Mapped[str] = mapped_column(String(128))
    queue: Mapped[str] = mapped_column(String(32))
    task_id: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[str | None] = mapped_column(String(64))
    event: Mapped[dict] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer)
    failed_at: Mapped[datetime] = mapped_column(DateTime)
    redriven_at: Mapped[datetime | None] = mapped_column(DateTime)
