"""When a staff member or a resource can be booked on a date: the pure rules
(docs/appointments.md, "Hours").

A resource's week is a list of (weekday, starts, ends) wall-clock periods; several on one day
leave breaks between them. A date with exceptions keeps only those (a closed exception, with no
times, closes the day). A resource with neither keeps no hours: it can be booked at any time.
Hours are venue wall clock, so a 09:00-17:00 day stays 09:00-17:00 across a DST change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import pairwise

Period = tuple[time, time]


@dataclass(frozen=True)
class Week:
    periods: tuple[tuple[int, time, time], ...]  # (weekday, starts, ends), Monday = 0
    exceptions: tuple[tuple[date, time | None, time | None], ...] = ()

    @property
    def keeps_hours(self) -> bool:
        return bool(self.periods or self.exceptions)

    def periods_on(self, on: date) -> list[Period] | None:
        """The date's open periods in order; None when the resource keeps no hours (always open)."""
        if not self.keeps_hours:
            return None
        dated = [(starts, ends) for day, starts, ends in self.exceptions if day == on]
        if dated:
            return sorted((starts, ends) for starts, ends in dated if starts is not None and ends is not None)
        return sorted((starts, ends) for weekday, starts, ends in self.periods if weekday == on.weekday())


def fits(periods: list[Period] | None, local_start: datetime, local_end: datetime) -> bool:
    """Whether [local_start, local_end) lies inside one open period of its start date."""
    if periods is None:
        return True
    if local_end.date() != local_start.date():
        return False  # no period runs past midnight
    return any(starts <= local_start.time() and local_end.time() <= ends for starts, ends in periods)


def overlapping_periods(periods: Iterable[Period]) -> list[tuple[Period, Period]]:
    """Pairs of periods of one day that overlap: a week or an exception list must have none."""
    ordered = sorted(periods)
    return [(first, second) for first, second in pairwise(ordered) if second[0] < first[1]]
