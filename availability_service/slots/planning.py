"""Which slots a venue's rules call for: a pure function of rules, closures and the time zone.

On a DST change day a wall-clock time that does not exist yields no slot, and one that
happens twice yields one slot, at its first occurrence (see shared.clock.local_to_utc).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol

from shared.clock import local_to_utc


class Rule(Protocol):
    weekday: int | None
    on_date: date | None
    first_start: time
    last_start: time
    interval_minutes: int
    duration_minutes: int
    capacity: int


@dataclass(frozen=True)
class PlannedSlot:
    local_date: date
    local_time: time
    starts_at: datetime  # naive UTC
    ends_at: datetime
    capacity: int


def slot_starts(rule: Rule, on: date):
    """Wall-clock start times a rule yields on one date."""
    current = datetime.combine(on, rule.first_start)
    last = datetime.combine(on, rule.last_start)
    step = timedelta(minutes=rule.interval_minutes)
    while current <= last:
        yield current.time()
        current += step


def rules_for_day(rules: Iterable[Rule], on: date, closed: set[date]) -> list[Rule]:
    """A closure wins; then the date's exceptional openings, if any; else the weekday's rules."""
    if on in closed:
        return []
    rules = list(rules)
    dated = [rule for rule in rules if rule.on_date == on]
    return dated or [rule for rule in rules if rule.on_date is None and rule.weekday == on.weekday()]


def plan_slots(
    rules: Iterable[Rule], closed: set[date], tz_name: str, first_day: date, last_day: date
) -> dict[tuple[date, time], PlannedSlot]:
    """The slots the rules call for between two local dates, keyed by (local date, local time).

    Where two periods of a day yield the same start, the first rule (in the order given) wins.
    """
    rules = list(rules)
    plan: dict[tuple[date, time], PlannedSlot] = {}
    day = first_day
    while day <= last_day:
        for rule in rules_for_day(rules, day, closed):
            for start in slot_starts(rule, day):
                starts_at = local_to_utc(day, start, tz_name)
                if starts_at is None or (day, start) in plan:
                    continue
                plan[(day, start)] = PlannedSlot(
                    day, start, starts_at, starts_at + timedelta(minutes=rule.duration_minutes), rule.capacity
                )
        day += timedelta(days=1)
    return plan
