"""The audit log: one append-only row per event, deduplicated by the event id."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, tuple_

from notification_service.consumers import first_time
from notification_service.extensions import db
from notification_service.models import AuditEntry
from shared.clock import iso_utc, parse_iso_utc

HANDLER = "audit"


def record_event(event: dict) -> bool:
    """Append the event's audit row; False when it was already recorded (a redelivery)."""
    payload = event.get("payload") or {}
    entity = event["event_type"].split(".", 1)[0]
    snapshot = payload.get("after") or payload.get("before") or {}
    # Staff know a booking by its reference, so that is the entity id they filter on.
    entity_id = snapshot.get("reference") or event["aggregate_id"]
    occurred_at = parse_iso_utc(event["occurred_at"])
    with db.transaction() as session:
        if not first_time(session, event["event_id"], HANDLER):
            return False
        session.add(
            AuditEntry(
                event_id=event["event_id"],
                occurred_at=occurred_at,
                actor=event.get("actor") or {},
                venue=payload.get("venue"),
                entity=entity,
                entity_id=entity_id,
                action=event["event_type"],
                before=payload.get("before"),
                after=payload.get("after"),
                request_id=event.get("request_id"),
            )
        )
        return True


def audit_view(entry: AuditEntry) -> dict:
    return {
        "id": entry.id,
        "event_id": entry.event_id,
        "occurred_at": iso_utc(entry.occurred_at),
        "actor": entry.actor,
        "venue": entry.venue,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "action": entry.action,
        "before": entry.before,
        "after": entry.after,
        "request_id": entry.request_id,
    }


def _cursor(entry: AuditEntry) -> str:
    return f"{int(entry.occurred_at.replace(tzinfo=UTC).timestamp() * 1_000_000)}-{entry.id}"


def _after_cursor(cursor: str):
    """Entries after the cursor in (occurred_at, id) order."""
    micros, entry_id = (int(part) for part in cursor.split("-"))
    occurred_at = datetime.fromtimestamp(micros / 1_000_000, UTC).replace(tzinfo=None)
    return tuple_(AuditEntry.occurred_at, AuditEntry.id) > tuple_(occurred_at, entry_id)


def list_entries(
    *,
    venue: str | None,
    entity: str | None,
    entity_id: str | None,
    occurred_from: datetime | None,
    occurred_to: datetime | None,
    cursor: str | None,
    limit: int,
) -> dict:
    """Entries in the order they happened (events are consumed in parallel, so not in the order
    they were recorded); the cursor names the last entry returned."""
    query = select(AuditEntry).order_by(AuditEntry.occurred_at, AuditEntry.id).limit(limit + 1)
    for column, value in ((AuditEntry.venue, venue), (AuditEntry.entity, entity), (AuditEntry.entity_id, entity_id)):
        if value is not None:
            query = query.where(column == value)
    if occurred_from is not None:
        query = query.where(AuditEntry.occurred_at >= occurred_from)
    if occurred_to is not None:
        query = query.where(AuditEntry.occurred_at < occurred_to)
    if cursor is not None:
        query = query.where(_after_cursor(cursor))
    with db.reading() as session:
        rows = session.scalars(query).all()
    items = [audit_view(row) for row in rows[:limit]]
    return {"items": items, "next_cursor": _cursor(rows[limit - 1]) if len(rows) > limit else None}
