"""Time helpers. Instants are stored as naive UTC datetimes in every database."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    """Now as a naive UTC datetime, the form every Tessera table stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_to_utc(local_date: date, local_time: time, tz_name: str) -> datetime | None:
    """The naive UTC instant of a venue wall-clock time, or None if that time does not exist
    (it falls in a DST gap). An ambiguous time (DST fold) means its first occurrence."""
    tz = ZoneInfo(tz_name)
    naive = datetime.combine(local_date, local_time)
    instant = naive.replace(tzinfo=tz).astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != naive:
        return None
    return instant.replace(tzinfo=None)


def utc_to_local(instant: datetime, tz_name: str) -> datetime:
    """A naive UTC instant as an aware datetime in the venue's zone."""
    return instant.replace(tzinfo=UTC).astimezone(ZoneInfo(tz_name))


def iso_utc(instant: datetime) -> str:
    """Naive UTC -> `2026-11-21T12:00:00Z`."""
    return instant.replace(microsecond=0).isoformat() + "Z"


def parse_iso_utc(text: str) -> datetime:
    """`2026-11-21T12:00:00Z` or any ISO-8601 instant with an offset -> naive UTC."""
    instant = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if instant.tzinfo is not None:
        instant = instant.astimezone(UTC).replace(tzinfo=None)
    return instant


def venue_today(tz_name: str) -> date:
    return datetime.now(ZoneInfo(tz_name)).date()
