"""Reservations of resources: the pure rules (docs/appointments.md, "Reservations").

A reservation takes one unit of a resource from a venue wall-clock start to a wall-clock end, plus
the resource's buffer after it (turnaround: clearing a laser cutter's bed). It must last between
the resource's minimum and maximum, lie inside one of its business-hour periods that day (a
resource that keeps no hours is always open; the buffer may run past closing), start no sooner
than the venue's minimum notice and no later than its horizon.

A series repeats it by one RFC 5545 RRULE (python-dateutil's `rrulestr`) from the first start,
with COUNT or UNTIL and at most 366 occurrences. Every occurrence keeps the wall-clock start and
end, so 10:00-12:00 stays 10:00-12:00 across a DST change; one whose start or end does not exist
that day (the spring-forward gap) fails. Every occurrence is checked, against what is held and
against the series' own earlier occurrences: `decide` answers which can be held and why the
others cannot.

The free and busy times of a resource (`day_free_busy`) come from the same hours and holds: free
is inside business hours with a unit left, busy is where every unit is held.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from availability_service.errors import ReservationNotBookable, SeriesTooLong
from availability_service.holds.ranges import peak_units
from availability_service.schedules.hours import Week, fits
from shared.clock import local_to_utc

MAX_OCCURRENCES = 366
Held = tuple[datetime, datetime, int]
Interval = tuple[datetime, datetime]

# The parts of an RRULE a series may use. Rules of these parts always yield within a year or stop,
# so expanding one never searches on to the year 9999 (BYMONTH=2;BYMONTHDAY=30 would).
RULE_PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "WKST"})
FREQUENCIES = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
DATE_ONLY_UNTIL = re.compile(r"^\d{8}$")


class Reason:
    """Why an occurrence can't be held."""

    TAKEN = "taken"
    OUTSIDE_HOURS = "outside_hours"
    TOO_SOON = "too_soon"
    BEYOND_HORIZON = "beyond_horizon"
    NO_SUCH_TIME = "nonexistent_time"
    RULES = (OUTSIDE_HOURS, TOO_SOON, BEYOND_HORIZON, NO_SUCH_TIME)  # the request's fault, not a rival's


REASON_TEXT = {
    Reason.TAKEN: "already reserved",
    Reason.OUTSIDE_HOURS: "outside the resource's business hours",
    Reason.TOO_SOON: "in the past or too soon to book",
    Reason.BEYOND_HORIZON: "beyond the booking horizon",
    Reason.NO_SUCH_TIME: "the clocks change then: that time does not exist",
}


@dataclass(frozen=True)
class Occurrence:
    local_start: datetime  # venue wall clock
    local_end: datetime
    starts_at: datetime | None  # naive UTC; None when the wall-clock start or end does not exist
    ends_at: datetime | None


@dataclass(frozen=True)
class Limits:
    """What the venue and the resource allow, as of `now`."""

    now: datetime  # naive UTC
    min_notice: timedelta
    last_date: date  # the venue's today plus its horizon
    week: Week
    capacity: int
    buffer: timedelta


def local_minute(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def check_duration(start: datetime, end: datetime, min_minutes: int | None, max_minutes: int | None) -> None:
    """The wall-clock length against the resource's limits (what the person chose on the clock)."""
    if end <= start:
        raise ReservationNotBookable("The reservation must end after it starts.", details={"end": local_minute(end)})
    minutes = int((end - start).total_seconds() // 60)
    if min_minutes is not None and minutes < min_minutes:
        raise ReservationNotBookable(
            f"The resource is reserved for at least {min_minutes} minutes at a time.",
            details={"minutes": minutes, "min_minutes": min_minutes},
        )
    if max_minutes is not None and minutes > max_minutes:
        raise ReservationNotBookable(
            f"The resource is reserved for at most {max_minutes} minutes at a time.",
            details={"minutes": minutes, "max_minutes": max_minutes},
        )


def _rule_parts(text: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for part in text.split(";"):
        name, sep, value = part.partition("=")
        if not sep or not name or not value:
            raise ReservationNotBookable("The recurrence is not an RRULE.", details={"recurrence": text})
        parts[name.upper()] = value
    return parts


def series_starts(start: datetime, recurrence: str | None) -> list[datetime]:
    """The wall-clock starts of the series: `start` alone without a recurrence, else what the
    RRULE yields from `start` (at most MAX_OCCURRENCES)."""
    if recurrence is None:
        return [start]
    text = recurrence.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    parts = _rule_parts(text)
    unknown = sorted(set(parts) - RULE_PARTS)
    if unknown:
        raise ReservationNotBookable(
            "The recurrence may use only FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY and WKST.",
            details={"recurrence": text, "not_allowed": unknown},
        )
    if parts.get("FREQ", "").upper() not in FREQUENCIES:
        raise ReservationNotBookable(
            "The recurrence repeats DAILY, WEEKLY, MONTHLY or YEARLY.", details={"recurrence": text}
        )
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise ReservationNotBookable("A series needs an end: give COUNT or UNTIL.", details={"recurrence": text})
    if "COUNT" in parts and parts["COUNT"].isdigit() and int(parts["COUNT"]) > MAX_OCCURRENCES:
        raise SeriesTooLong(details={"occurrences": int(parts["COUNT"]), "max_occurrences": MAX_OCCURRENCES})
    if DATE_ONLY_UNTIL.match(parts.get("UNTIL", "")):
        parts["UNTIL"] += "T235959"  # UNTIL=20270301 includes that day, whatever the start's time
    try:
        rule = rrulestr(";".join(f"{name}={value}" for name, value in parts.items()), dtstart=start)
        if not isinstance(rule, rrule):
            raise ValueError("not one rule")
        starts = list(islice(rule, MAX_OCCURRENCES + 1))
    except (ValueError, TypeError, OverflowError) as exc:
        raise ReservationNotBookable(
            "The recurrence is not an RRULE this service reads.", details={"recurrence": text, "reason": str(exc)}
        ) from None
    if len(starts) > MAX_OCCURRENCES:
        raise SeriesTooLong(details={"max_occurrences": MAX_OCCURRENCES})
    if not starts:
        raise ReservationNotBookable("The recurrence gives no occurrence.", details={"recurrence": text})
    return starts


def occurrences(starts: Iterable[datetime], length: timedelta, timezone: str) -> list[Occurrence]:
    """Each start with the same wall-clock length, and the instants they are in the venue's zone."""
    found = []
    for local_start in starts:
        local_end = local_start + length
        starts_at = local_to_utc(local_start.date(), local_start.time(), timezone)
        ends_at = local_to_utc(local_end.date(), local_end.time(), timezone)
        if starts_at is None or ends_at is None or ends_at <= starts_at:
            starts_at = ends_at = None
        found.append(Occurrence(local_start, local_end, starts_at, ends_at))
    return found


def refusal(occurrence: Occurrence, limits: Limits) -> str | None:
    """Why the venue's and the resource's rules refuse the occurrence, whoever holds what."""
    if occurrence.starts_at is None:
        return Reason.NO_SUCH_TIME
    if occurrence.starts_at < limits.now + limits.min_notice:
        return Reason.TOO_SOON
    if occurrence.local_start.date() > limits.last_date:
        return Reason.BEYOND_HORIZON
    if not fits(limits.week.periods_on(occurrence.local_start.date()), occurrence.local_start, occurrence.local_end):
        return Reason.OUTSIDE_HOURS
    return None


def held_range(occurrence: Occurrence, limits: Limits) -> Interval:
    """What an occurrence holds: itself and the buffer after it."""
    assert occurrence.starts_at is not None and occurrence.ends_at is not None
    return occurrence.starts_at, occurrence.ends_at + limits.buffer


def decide(
    series: list[Occurrence], limits: Limits, held: list[Held]
) -> tuple[list[Occurrence], list[tuple[Occurrence, str]]]:
    """The occurrences that can be held (each with one unit over its range and buffer, counting the
    series' own earlier ones) and those that can't, with the reason."""
    taken = list(held)
    free: list[Occurrence] = []
    failed: list[tuple[Occurrence, str]] = []
    for occurrence in series:
        reason = refusal(occurrence, limits)
        if reason is None:
            start, until = held_range(occurrence, limits)
            if peak_units(taken, start, until) + 1 > limits.capacity:
                reason = Reason.TAKEN
            else:
                taken.append((start, until, 1))
        if reason is None:
            free.append(occurrence)
        else:
            failed.append((occurrence, reason))
    return free, failed


def conflict_view(occurrence: Occurrence, reason: str) -> dict:
    return {
        "start": local_minute(occurrence.local_start),
        "end": local_minute(occurrence.local_end),
        "reason": reason,
        "message": REASON_TEXT[reason],
    }


def refusal_message(failed: list[tuple[Occurrence, str]], total: int) -> str:
    """A sentence naming every occurrence that can't be held."""
    if total == 1:
        reason = failed[0][1]
        return f"The resource can't be reserved then: {REASON_TEXT[reason]}."
    named = ", ".join(f"{occurrence.local_start:%a %d %b %Y %H:%M} ({reason})" for occurrence, reason in failed)
    return f"{len(failed)} of the series' {total} occurrences can't be held: {named}."


# Free and busy times


def _utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """A wall-clock time of a day as naive UTC; a time in a DST gap maps past the gap."""
    return datetime.combine(day, at).replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def day_window(day: date, timezone: str) -> Interval:
    """The venue-local day as naive UTC instants (23 or 25 hours on a DST change)."""
    zone = ZoneInfo(timezone)
    return _utc(day, time(0), zone), _utc(day + timedelta(days=1), time(0), zone)


def open_periods(week: Week, day: date, timezone: str) -> list[Interval]:
    """When the resource is open that day, as naive UTC intervals."""
    periods = week.periods_on(day)
    if periods is None:
        return [day_window(day, timezone)]
    zone = ZoneInfo(timezone)
    return [(_utc(day, starts, zone), _utc(day, ends, zone)) for starts, ends in periods]


def saturated(held: list[Held], capacity: int, lo: datetime, hi: datetime) -> list[Interval]:
    """The parts of [lo, hi) where the holds take every unit."""
    edges: list[tuple[datetime, int]] = []
    for start, end, units in held:
        start, end = max(start, lo), min(end, hi)
        if start < end:
            edges += [(start, units), (end, -units)]
    edges.sort(key=lambda edge: (edge[0], edge[1]))  # ends first at one instant
    busy: list[Interval] = []
    current, since = 0, lo if capacity <= 0 else None
    for at, change in edges:
        current += change
        if since is None and current >= capacity:
            since = at
        elif since is not None and current < capacity:
            if since < at:
                busy.append((since, at))
            since = None
    if since is not None and since < hi:
        busy.append((since, hi))
    return merge(busy)


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, with touching or overlapping intervals joined."""
    joined: list[Interval] = []
    for start, end in sorted(intervals):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def subtract(periods: list[Interval], taken: list[Interval]) -> list[Interval]:
    """`periods` without `taken` (both sorted and disjoint)."""
    left: list[Interval] = []
    for start, end in periods:
        cursor = start
        for busy_start, busy_end in taken:
            if busy_end <= cursor or busy_start >= end:
                continue
            if busy_start > cursor:
                left.append((cursor, busy_start))
            cursor = max(cursor, busy_end)
        if cursor < end:
            left.append((cursor, end))
    return left


def day_free_busy(
    day: date, timezone: str, week: Week, held: list[Held], capacity: int, *, active: bool = True
) -> tuple[list[Interval], list[Interval]]:
    """A venue-local day's free and busy intervals (naive UTC)."""
    lo, hi = day_window(day, timezone)
    busy = saturated(held, capacity, lo, hi)
    if not active:
        return [], busy
    periods = merge((max(s, lo), min(e, hi)) for s, e in open_periods(week, day, timezone) if s < e)
    return subtract(periods, busy), busy


def clip(intervals: Iterable[Interval], lo: datetime, hi: datetime) -> list[Interval]:
    return [(max(s, lo), min(e, hi)) for s, e in intervals if max(s, lo) < min(e, hi)]
