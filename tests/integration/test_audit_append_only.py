"""The audit log cannot be rewritten: the database itself refuses UPDATE and DELETE on it."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError


def test_rows_can_be_added_but_never_changed_or_removed(system):
    event_id = str(uuid.uuid4())
    engine = system.backend.engine("notification")
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO audit_log (event_id, occurred_at, actor, entity, entity_id, action) "
                    "VALUES (:id, '2027-01-01 12:00:00', '{}', 'booking', 'APPEND1', 'booking.created')"
                ),
                {"id": event_id},
            )
        for statement in (
            "UPDATE audit_log SET action = 'booking.cancelled' WHERE event_id = :id",
            "DELETE FROM audit_log WHERE event_id = :id",
        ):
            with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
                conn.execute(text(statement), {"id": event_id})
        with engine.connect() as conn:
            actions = conn.execute(text("SELECT action FROM audit_log WHERE event_id = :id"), {"id": event_id})
            assert actions.scalars().all() == ["booking.created"]
    finally:
        engine.dispose()
