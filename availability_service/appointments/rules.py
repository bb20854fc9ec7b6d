"""What an appointment takes and who can give it: the pure rules (docs/appointments.md).

An appointment of a service starts at a venue wall-clock time and lasts the service's duration
in true minutes, so across a DST change it keeps its local start and its length (a 60-minute
appointment at 01:30 on the spring-forward night ends at 03:30 local). It holds its staff
member and each required resource for the buffer before, the appointment and the buffer after.
It fits a staff member (or resource) who keeps hours when the appointment itself lies inside
one of their open periods that day, and is free when what they already hold leaves a unit over
the whole held range.

With "any staff", the free staff member booked least that day is chosen, then the lowest id: a
stable rule, so two searches agree and a test can name the winner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from availability_service.holds.ranges import peak_units
from availability_service.schedules.hours import Week, fits
from shared.clock import local_to_utc, utc_to_local

Held = tuple[datetime, datetime, int]


@dataclass(frozen=True)
class Times:
    local_start: datetime  # the appointment itself, venue wall clock
    local_end: datetime
    starts_at: datetime  # the appointment itself, naive UTC
    ends_at: datetime
    held_from: datetime  # what is held: buffers included, naive UTC
    held_until: datetime


@dataclass(frozen=True)
class Timing:
    duration_minutes: int
    buffer_before_minutes: int = 0
    buffer_after_minutes: int = 0


def appointment_times(on: date, at: time, timing: Timing, timezone: str) -> Times | None:
    """The appointment's instants, or None when `at` does not exist that day (a DST gap)."""
    starts_at = local_to_utc(on, at, timezone)
    if starts_at is None:
        return None
    ends_at = starts_at + timedelta(minutes=timing.duration_minutes)
    return Times(
        local_start=datetime.combine(on, at),
        local_end=utc_to_local(ends_at, timezone).replace(tzinfo=None),
        starts_at=starts_at,
        ends_at=ends_at,
        held_from=starts_at - timedelta(minutes=timing.buffer_before_minutes),
        held_until=ends_at + timedelta(minutes=timing.buffer_after_minutes),
    )


@dataclass
class Bookable:
    """A staff member or a resource as the rules see it on one day."""

    id: int
    name: str
    week: Week
    held: list[Held] = field(default_factory=list)
    capacity: int = 1
    tags: tuple[str, ...] = ()
    appointments_that_day: int = 0

    def is_free(self, times: Times) -> bool:
        in_hours = fits(self.week.periods_on(times.local_start.date()), times.local_start, times.local_end)
        return in_hours and peak_units(self.held, times.held_from, times.held_until) < self.capacity


def free_staff(staff: list[Bookable], times: Times) -> list[Bookable]:
    return [member for member in staff if member.is_free(times)]


def choose_staff(free: list[Bookable]) -> Bookable | None:
    """Least booked that day, then the lowest id."""
    return min(free, key=lambda member: (member.appointments_that_day, member.id), default=None)


def choose_resources(tags: list[str], resources: list[Bookable], times: Times) -> dict[str, Bookable] | None:
    """One free resource for each required tag (the lowest id; never one resource for two
    tags), or None when some tag has none free."""
    chosen: dict[str, Bookable] = {}
    for tag in tags:
        pick = next(
            (
                resource
                for resource in sorted(resources, key=lambda r: r.id)
                if tag in resource.tags and resource not in chosen.values() and resource.is_free(times)
            ),
            None,
        )
        if pick is None:
            return None
        chosen[tag] = pick
    return chosen


def start_times(first: time, last_start: time, interval_minutes: int) -> list[time]:
    """Wall-clock start times from `first` to `last_start` inclusive, `interval_minutes` apart."""
    times, minute = [], first.hour * 60 + first.minute
    end = last_start.hour * 60 + last_start.minute
    while minute <= end:
        times.append(time(minute // 60, minute % 60))
        minute += interval_minutes
    return times
