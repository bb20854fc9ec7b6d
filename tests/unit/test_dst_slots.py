"""Slot planning across DST changes: no missing, doubled or misplaced slots, in several zones."""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from availability_service.slots.planning import plan_slots
from shared.clock import local_to_utc

LONDON = "Europe/London"
SPRING_FORWARD = date(2027, 3, 28)
FALL_BACK = date(2027, 10, 31)
ONE_DAY = timedelta(days=1)

ZONES = (
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "America/Santiago",
    "Pacific/Chatham",
    "Europe/Berlin",
    "America/Sao_Paulo",
    "Australia/Lord_Howe",
)
SCAN_FROM, SCAN_TO = date(2016, 1, 1), date(2028, 12, 31)
INTERVALS = (5, 10, 15, 20, 30, 45, 60, 90)
DURATIONS = (15, 30, 60, 90, 120)
MINUTES_PER_DAY = 24 * 60


def rule(first: time, last: time, *, weekday=None, on_date=None, interval=30, duration=90, capacity=20):
    return SimpleNamespace(
        weekday=weekday,
        on_date=on_date,
        first_start=first,
        last_start=last,
        interval_minutes=interval,
        duration_minutes=duration,
        capacity=capacity,
    )


def every_day(first: time, last: time, **kwargs) -> list:
    return [rule(first, last, weekday=weekday, **kwargs) for weekday in range(7)]


def minute_of_day(wall: time) -> int:
    return wall.hour * 60 + wall.minute


def minutes_to_time(minute: int) -> time:
    minute = min(max(minute, 0), MINUTES_PER_DAY - 1)
    return time(minute // 60, minute % 60)


def half_hours(first: time, last: time) -> list[time]:
    return [minutes_to_time(minute) for minute in range(minute_of_day(first), minute_of_day(last) + 1, 30)]


def plan_one_day(rules, day: date, tz_name: str = LONDON):
    plan = plan_slots(rules, set(), tz_name, day, day)
    return [plan[key] for key in sorted(plan)]


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def offsets(naive: datetime, tz: ZoneInfo) -> tuple[timedelta, timedelta]:
    """The zone's offset for a wall-clock time read as its first and as its second occurrence."""
    return (naive.replace(tzinfo=tz, fold=0).utcoffset(), naive.replace(tzinfo=tz, fold=1).utcoffset())


def exists(naive: datetime, tz: ZoneInfo) -> bool:
    """PEP 495: in a gap fold=0 takes the earlier (smaller) offset; in a fold it takes the larger."""
    first, second = offsets(naive, tz)
    return first >= second


def first_occurrence_utc(naive: datetime, tz: ZoneInfo) -> datetime:
    return naive - offsets(naive, tz)[0]


@cache
def transition_days(tz_name: str) -> tuple[date, ...]:
    """Local dates on which the zone's offset changes (between that midnight and the next)."""
    tz = ZoneInfo(tz_name)
    days, day = [], SCAN_FROM
    offset = datetime.combine(day, time(0), tzinfo=tz).utcoffset()
    while day <= SCAN_TO:
        next_offset = datetime.combine(day + ONE_DAY, time(0), tzinfo=tz).utcoffset()
        if next_offset != offset:
            days.append(day)
        day, offset = day + ONE_DAY, next_offset
    return tuple(days)


@cache
def transitions(tz_name: str) -> tuple[tuple[date, time], ...]:
    """Each transition day with the first wall-clock time it skips or repeats."""
    tz = ZoneInfo(tz_name)
    found = []
    for day in transition_days(tz_name):
        quarters = (datetime.combine(day, time(0)) + timedelta(minutes=15 * n) for n in range(96))
        found.append((day, next(naive.time() for naive in quarters if len(set(offsets(naive, tz))) == 2)))
    return tuple(found)


# Europe/London, the demo venue's zone


def test_2027_transition_days_are_the_last_sundays_of_march_and_october():
    assert [day for day in transition_days(LONDON) if day.year == 2027] == [SPRING_FORWARD, FALL_BACK]
    assert SPRING_FORWARD.weekday() == FALL_BACK.weekday() == 6


def test_spring_forward_skips_the_hour_that_does_not_exist():
    slots = plan_one_day(every_day(time(0, 0), time(3, 30)), SPRING_FORWARD)
    assert [slot.local_time for slot in slots] == [
        time(0, 0),
        time(0, 30),
        time(2, 0),
        time(2, 30),
        time(3, 0),
        time(3, 30),
    ]
    assert [slot.starts_at for slot in slots] == [
        utc(SPRING_FORWARD, 0, 0),
        utc(SPRING_FORWARD, 0, 30),
        utc(SPRING_FORWARD, 1, 0),
        utc(SPRING_FORWARD, 1, 30),
        utc(SPRING_FORWARD, 2, 0),
        utc(SPRING_FORWARD, 2, 30),
    ]


def test_fall_back_plans_the_repeated_hour_once_at_its_first_occurrence():
    slots = plan_one_day(every_day(time(0, 0), time(3, 30)), FALL_BACK)
    assert [slot.local_time for slot in slots] == half_hours(time(0, 0), time(3, 30))
    saturday = FALL_BACK - ONE_DAY
    assert [slot.starts_at for slot in slots] == [
        utc(saturday, 23, 0),
        utc(saturday, 23, 30),
        utc(FALL_BACK, 0, 0),
        utc(FALL_BACK, 0, 30),
        utc(FALL_BACK, 2, 0),
        utc(FALL_BACK, 2, 30),
        utc(FALL_BACK, 3, 0),
        utc(FALL_BACK, 3, 30),
    ]


def test_slot_length_is_kept_across_the_change():
    for day in (SPRING_FORWARD, FALL_BACK):
        for slot in plan_one_day(every_day(time(0, 0), time(3, 30), duration=90), day):
            assert slot.ends_at - slot.starts_at == timedelta(minutes=90)
            assert slot.capacity == 20


def test_days_either_side_of_each_change_have_every_early_slot():
    for change in (SPRING_FORWARD, FALL_BACK):
        for day in (change - ONE_DAY, change + ONE_DAY):
            slots = plan_one_day(every_day(time(0, 0), time(3, 30)), day)
            assert [slot.local_time for slot in slots] == half_hours(time(0, 0), time(3, 30))


def demo_rules() -> list:
    return every_day(time(12, 0), time(13, 30)) + every_day(time(19, 0), time(20, 30))


DEMO_TIMES = half_hours(time(12, 0), time(13, 30)) + half_hours(time(19, 0), time(20, 30))


def demo_instants(day: date, utc_offset_hours: int) -> list[datetime]:
    return [datetime.combine(day, local) - timedelta(hours=utc_offset_hours) for local in DEMO_TIMES]


def test_demo_venue_hours_around_spring_forward():
    plan = plan_slots(demo_rules(), set(), LONDON, SPRING_FORWARD - ONE_DAY, SPRING_FORWARD + ONE_DAY)
    for day, offset_hours in ((SPRING_FORWARD - ONE_DAY, 0), (SPRING_FORWARD, 1), (SPRING_FORWARD + ONE_DAY, 1)):
        slots = [plan[key] for key in sorted(plan) if key[0] == day]
        assert [slot.local_time for slot in slots] == DEMO_TIMES
        assert [slot.starts_at for slot in slots] == demo_instants(day, offset_hours)
    assert len(plan) == 3 * len(DEMO_TIMES)


def test_demo_venue_hours_around_fall_back():
    plan = plan_slots(demo_rules(), set(), LONDON, FALL_BACK - ONE_DAY, FALL_BACK + ONE_DAY)
    for day, offset_hours in ((FALL_BACK - ONE_DAY, 1), (FALL_BACK, 0), (FALL_BACK + ONE_DAY, 0)):
        slots = [plan[key] for key in sorted(plan) if key[0] == day]
        assert [slot.local_time for slot in slots] == DEMO_TIMES
        assert [slot.starts_at for slot in slots] == demo_instants(day, offset_hours)
    assert len(plan) == 3 * len(DEMO_TIMES)


# shared.clock.local_to_utc


def test_local_to_utc_gap_times_do_not_exist():
    for minute in (0, 30, 59):
        assert local_to_utc(SPRING_FORWARD, time(1, minute), LONDON) is None
    assert local_to_utc(SPRING_FORWARD, time(0, 59), LONDON) == utc(SPRING_FORWARD, 0, 59)
    assert local_to_utc(SPRING_FORWARD, time(2, 0), LONDON) == utc(SPRING_FORWARD, 1, 0)


def test_local_to_utc_ambiguous_times_mean_their_first_occurrence():
    assert local_to_utc(FALL_BACK, time(1, 0), LONDON) == utc(FALL_BACK, 0, 0)
    assert local_to_utc(FALL_BACK, time(1, 59), LONDON) == utc(FALL_BACK, 0, 59)
    assert local_to_utc(FALL_BACK, time(2, 0), LONDON) == utc(FALL_BACK, 2, 0)


def test_local_to_utc_in_other_zones():
    assert local_to_utc(date(2027, 3, 14), time(2, 30), "America/New_York") is None
    assert local_to_utc(date(2027, 11, 7), time(1, 30), "America/New_York") == utc(date(2027, 11, 7), 5, 30)
    assert local_to_utc(date(2027, 9, 26), time(3, 0), "Pacific/Chatham") is None
    assert local_to_utc(date(2027, 9, 26), time(3, 45), "Pacific/Chatham") == utc(date(2027, 9, 25), 14, 0)
    assert local_to_utc(date(2027, 4, 4), time(2, 30), "Australia/Sydney") == utc(date(2027, 4, 3), 15, 30)
    assert local_to_utc(date(2027, 3, 28), time(1, 30), "Asia/Kolkata") == utc(date(2027, 3, 27), 20, 0)


# Property: any zone, any rules, on and around transition days


def test_the_property_test_zones_have_transitions_to_sample():
    for tz_name in ZONES:
        if tz_name == "Asia/Kolkata":
            assert transition_days(tz_name) == ()
        else:
            assert len(transition_days(tz_name)) >= 2, tz_name
    assert max(transition_days("America/Sao_Paulo")) < date(2019, 3, 1)


wall_clock = st.builds(time, st.integers(0, 23), st.integers(0, 59))
any_day = st.dates(min_value=SCAN_FROM + ONE_DAY, max_value=SCAN_TO - ONE_DAY)


@st.composite
def zone_day_and_focus(draw):
    """A zone, a day (mostly a transition day or next to one) and a wall-clock time to plan around."""
    tz_name = draw(st.sampled_from(ZONES))
    if transitions(tz_name) and draw(st.sampled_from((True, True, True, False))):
        day, focus = draw(st.sampled_from(transitions(tz_name)))
        return tz_name, day + timedelta(days=draw(st.sampled_from((-1, 0, 0, 0, 1)))), focus
    return tz_name, draw(any_day), draw(wall_clock)


@st.composite
def rules_around(draw, day: date, focus: time):
    """One to three rules; one of them, on the day itself, yields the focus time when it can."""
    focus_minute = minute_of_day(focus)

    def draw_rule(weekday: int, first_minute: int, last_minute: int, interval: int):
        return rule(
            minutes_to_time(first_minute),
            minutes_to_time(last_minute),
            weekday=weekday,
            interval=interval,
            duration=draw(st.sampled_from(DURATIONS)),
            capacity=draw(st.integers(0, 50)),
        )

    interval = draw(st.sampled_from(INTERVALS))
    through_focus = draw_rule(
        day.weekday(),
        focus_minute - interval * draw(st.integers(0, 4)),
        focus_minute + draw(st.integers(0, 240)),
        interval,
    )
    near_focus = st.tuples(st.integers(focus_minute - 240, focus_minute), st.integers(focus_minute, focus_minute + 240))
    anywhere = st.lists(st.integers(0, MINUTES_PER_DAY - 1), min_size=2, max_size=2).map(sorted)
    weekdays = [(day + timedelta(days=shift)).weekday() for shift in (-1, 0, 1)]
    others = []
    for _ in range(draw(st.integers(0, 2))):
        first, last = draw(st.one_of(near_focus, anywhere))
        others.append(draw_rule(draw(st.sampled_from(weekdays)), first, last, draw(st.sampled_from(INTERVALS))))
    position = draw(st.integers(0, len(others)))
    return [*others[:position], through_focus, *others[position:]]


def expected_starts(rules, days) -> dict[tuple[date, time], SimpleNamespace]:
    """Every (date, wall-clock time) the rules call for, with the first rule that calls for it."""
    wanted = {}
    for day in days:
        for candidate in rules:
            if candidate.weekday != day.weekday():
                continue
            for minute in range(
                minute_of_day(candidate.first_start),
                minute_of_day(candidate.last_start) + 1,
                candidate.interval_minutes,
            ):
                wanted.setdefault((day, minutes_to_time(minute)), candidate)
    return wanted


@settings(max_examples=200, deadline=None)
@given(data=st.data(), zone_day_focus=zone_day_and_focus())
def test_planned_slots_are_exactly_the_existing_wall_clock_times_at_their_first_instant(data, zone_day_focus):
    tz_name, day, focus = zone_day_focus
    tz = ZoneInfo(tz_name)
    rules = data.draw(rules_around(day, focus))
    days = (day - ONE_DAY, day, day + ONE_DAY)

    plan = plan_slots(rules, set(), tz_name, days[0], days[-1])

    wanted = expected_starts(rules, days)
    existing = {key for key in wanted if exists(datetime.combine(*key), tz)}
    assert set(plan) == existing
    assert len({slot.starts_at for slot in plan.values()}) == len(plan)
    for (local_date, local_time), slot in plan.items():
        naive = datetime.combine(local_date, local_time)
        back = slot.starts_at.replace(tzinfo=UTC).astimezone(tz)
        assert (slot.local_date, slot.local_time) == (local_date, local_time)
        assert back.replace(tzinfo=None) == naive
        assert slot.starts_at == first_occurrence_utc(naive, tz)
        assert slot.ends_at - slot.starts_at == timedelta(minutes=wanted[local_date, local_time].duration_minutes)
        assert slot.capacity == wanted[local_date, local_time].capacity
