"""The pure rules of reservations (docs/appointments.md, "Reservations"): series from an RRULE with
their limits, wall-clock times kept across DST, a resource's length limits and hours, the decision
over every occurrence, and a day's free and busy times."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from availability_service.errors import ReservationNotBookable, SeriesTooLong
from availability_service.reservations.rules import (
    MAX_OCCURRENCES,
    Limits,
    Reason,
    check_duration,
    day_free_busy,
    decide,
    occurrences,
    refusal_message,
    saturated,
    series_starts,
    subtract,
)
from availability_service.schedules.hours import Week

NEW_YORK = "America/New_York"
START = datetime(2027, 1, 4, 10, 0)  # a Monday
WEEKDAYS_9_TO_17 = Week(tuple((day, time(9), time(17)) for day in range(5)))


def _limits(**overrides) -> Limits:
    values = {
        "now": datetime(2027, 1, 1),
        "min_notice": timedelta(0),
        "last_date": date(2028, 12, 31),
        "week": WEEKDAYS_9_TO_17,
        "capacity": 1,
        "buffer": timedelta(0),
    }
    return Limits(**(values | overrides))


def test_one_reservation_is_its_own_start_and_a_weekly_series_counts_its_occurrences():
    assert series_starts(START, None) == [START]
    weekly = series_starts(START, "FREQ=WEEKLY;COUNT=26")
    assert len(weekly) == 26 and weekly[1] == START + timedelta(days=7) and weekly[-1] == START + timedelta(weeks=25)
    assert series_starts(START, "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4")[1] == datetime(2027, 1, 6, 10)


def test_until_as_a_date_includes_that_day():
    daily = series_starts(START, "FREQ=DAILY;UNTIL=20270108")
    assert daily[-1] == datetime(2027, 1, 8, 10) and len(daily) == 5


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY",  # no end
        "FREQ=HOURLY;COUNT=3",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2",  # BYMONTH is not allowed: it could search forever
        "DTSTART:20270101T000000\nRRULE:FREQ=DAILY;COUNT=2",
        "FREQ=WEEKLY;COUNT=two",
        "nonsense",
        "FREQ=DAILY;COUNT=0",
    ],
)
def test_a_rule_without_an_end_or_outside_the_allowed_parts_is_refused(rule):
    with pytest.raises(ReservationNotBookable):
        series_starts(START, rule)


def test_a_series_holds_at_most_366_occurrences():
    assert len(series_starts(START, f"FREQ=DAILY;COUNT={MAX_OCCURRENCES}")) == MAX_OCCURRENCES
    with pytest.raises(SeriesTooLong):
        series_starts(START, "FREQ=DAILY;COUNT=367")
    with pytest.raises(SeriesTooLong):
        series_starts(START, "FREQ=DAILY;UNTIL=20290101")


def test_occurrences_keep_their_wall_clock_times_across_dst_and_a_gap_has_no_instant():
    starts = series_starts(datetime(2027, 3, 7, 10), "FREQ=WEEKLY;COUNT=2")  # New York springs forward on 14 March
    before, after = occurrences(starts, timedelta(hours=2), NEW_YORK)
    assert (before.local_start.time(), after.local_start.time(), after.local_end.time()) == (
        time(10),
        time(10),
        time(12),
    )
    assert before.starts_at == datetime(2027, 3, 7, 15) and after.starts_at == datetime(2027, 3, 14, 14)
    (gap,) = occurrences([datetime(2027, 3, 14, 2, 30)], timedelta(hours=1), NEW_YORK)
    assert gap.starts_at is None
    assert decide([gap], _limits(week=Week(())), [])[1] == [(gap, Reason.NO_SUCH_TIME)]


def test_a_length_outside_the_resource_limits_is_refused():
    check_duration(START, START + timedelta(hours=1), 30, 240)
    for end, limits in ((START, (None, None)), (START + timedelta(minutes=15), (30, None))):
        with pytest.raises(ReservationNotBookable):
            check_duration(START, end, *limits)
    with pytest.raises(ReservationNotBookable) as refused:
        check_duration(START, START + timedelta(hours=5), None, 240)
    assert refused.value.details == {"minutes": 300, "max_minutes": 240}


def test_every_occurrence_is_checked_and_the_taken_ones_are_named():
    series = occurrences(series_starts(START, "FREQ=WEEKLY;COUNT=26"), timedelta(hours=2), NEW_YORK)
    taken = [series[4], series[18]]  # occurrences 5 and 19
    held = [(o.starts_at, o.ends_at, 1) for o in taken]
    free, failed = decide(series, _limits(), held)
    assert len(free) == 24 and [(o, reason) for o, reason in failed] == [(o, Reason.TAKEN) for o in taken]
    message = refusal_message(failed, 26)
    assert "Mon 01 Feb 2027 10:00" in message and "Mon 10 May 2027 10:00" in message


def test_the_buffer_and_the_series_own_occurrences_count():
    series = occurrences(series_starts(START, "FREQ=DAILY;COUNT=3"), timedelta(hours=2), NEW_YORK)
    # An existing reservation ending at 10:00 (its buffer until 10:30) takes the 10:00 start with a buffer.
    earlier = (series[0].starts_at - timedelta(hours=1), series[0].starts_at + timedelta(minutes=30), 1)
    free, failed = decide(series, _limits(buffer=timedelta(minutes=30)), [earlier])
    assert failed == [(series[0], Reason.TAKEN)] and free == series[1:]
    # A 30-hour daily series overlaps itself: every other day is taken by the series itself.
    long = occurrences(series_starts(START, "FREQ=DAILY;COUNT=3"), timedelta(hours=30), NEW_YORK)
    free, failed = decide(long, _limits(week=Week(())), [])
    assert free == [long[0], long[2]] and failed == [(long[1], Reason.TAKEN)]


def test_the_rules_refuse_what_is_outside_hours_too_soon_or_too_far():
    series = occurrences(series_starts(START, "FREQ=DAILY;COUNT=7"), timedelta(hours=2), NEW_YORK)
    _, failed = decide(series, _limits(), [])
    assert [o.local_start.weekday() for o, reason in failed if reason == Reason.OUTSIDE_HOURS] == [5, 6]
    _, failed = decide(series[:1], _limits(now=datetime(2027, 1, 4, 14, 30), min_notice=timedelta(hours=1)), [])
    assert failed[0][1] == Reason.TOO_SOON
    _, failed = decide(series[:1], _limits(last_date=date(2027, 1, 3)), [])
    assert failed[0][1] == Reason.BEYOND_HORIZON
    late = occurrences([datetime(2027, 1, 4, 16)], timedelta(hours=2), NEW_YORK)  # past 17:00
    assert decide(late, _limits(), [])[1][0][1] == Reason.OUTSIDE_HOURS


def test_a_day_is_free_inside_hours_where_a_unit_is_left_and_busy_where_all_are_held():
    day = date(2027, 1, 4)
    at = lambda h, m=0: datetime(2027, 1, 4, h, m)  # noqa: E731  (UTC; New York is 5 hours behind)
    held = [(at(15), at(17), 1)]
    free, busy = day_free_busy(day, NEW_YORK, WEEKDAYS_9_TO_17, held, 1)
    assert busy == [(at(15), at(17))]
    assert free == [(at(14), at(15)), (at(17), at(22))]
    two = [(at(15), at(17), 1), (at(16), at(18), 1)]
    assert saturated(two, 2, at(0), at(23)) == [(at(16), at(17))]
    assert day_free_busy(day, NEW_YORK, Week(()), [], 1)[0] == [(at(5), datetime(2027, 1, 5, 5))]
    assert day_free_busy(day, NEW_YORK, WEEKDAYS_9_TO_17, [], 1, active=False)[0] == []
    assert subtract([(at(1), at(10))], [(at(2), at(3)), (at(5), at(6))]) == [
        (at(1), at(2)),
        (at(3), at(5)),
        (at(6), at(10)),
    ]
