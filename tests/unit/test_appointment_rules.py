"""The pure rules of appointments (docs/appointments.md): hours with breaks and dated exceptions,
true durations across DST, who "any staff" gives, and one resource per requirement."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from availability_service.appointments.rules import (
    Bookable,
    Timing,
    appointment_times,
    choose_resources,
    choose_staff,
    start_times,
)
from availability_service.schedules.hours import Week, fits, overlapping_periods

MONDAY = date(2027, 1, 4)
WEEK = Week(periods=((0, time(9), time(12)), (0, time(13), time(17))))


def test_a_day_with_a_break_fits_appointments_around_it_not_across_it():
    periods = WEEK.periods_on(MONDAY)
    at = datetime.combine
    assert fits(periods, at(MONDAY, time(11, 30)), at(MONDAY, time(12)))
    assert not fits(periods, at(MONDAY, time(11, 45)), at(MONDAY, time(12, 15)))
    assert fits(periods, at(MONDAY, time(13)), at(MONDAY, time(14)))
    assert not fits(periods, at(MONDAY, time(16, 30)), at(MONDAY, time(17, 30)))
    assert WEEK.periods_on(MONDAY + timedelta(days=1)) == []  # works Mondays only


def test_a_dated_exception_replaces_the_week_and_closes_a_day_without_times():
    week = Week(WEEK.periods, exceptions=((MONDAY, time(10), time(11)), (MONDAY + timedelta(days=7), None, None)))
    assert week.periods_on(MONDAY) == [(time(10), time(11))]
    assert week.periods_on(MONDAY + timedelta(days=7)) == []
    assert week.periods_on(MONDAY + timedelta(days=14)) == [(time(9), time(12)), (time(13), time(17))]
    assert Week(()).periods_on(MONDAY) is None  # keeps no hours: always open
    assert fits(None, datetime(2027, 1, 4, 3), datetime(2027, 1, 4, 4))


def test_overlapping_periods_are_found():
    assert overlapping_periods([(time(9), time(12)), (time(11), time(13))]) == [
        ((time(9), time(12)), (time(11), time(13)))
    ]
    assert overlapping_periods([(time(9), time(12)), (time(12), time(13))]) == []


def test_an_appointment_keeps_its_local_start_and_true_duration_across_dst():
    timing = Timing(60, buffer_before_minutes=10, buffer_after_minutes=15)
    spring = appointment_times(date(2027, 3, 28), time(1, 30), timing, "Europe/Berlin")
    assert spring is not None
    assert (spring.local_start.time(), spring.local_end.time()) == (time(1, 30), time(3, 30))
    assert spring.ends_at - spring.starts_at == timedelta(minutes=60)
    assert (spring.held_from, spring.held_until) == (
        spring.starts_at - timedelta(minutes=10),
        spring.ends_at + timedelta(minutes=15),
    )
    assert appointment_times(date(2027, 3, 28), time(2, 30), timing, "Europe/Berlin") is None
    autumn = appointment_times(date(2027, 10, 31), time(2, 30), timing, "Europe/Berlin")
    assert autumn is not None and autumn.ends_at - autumn.starts_at == timedelta(minutes=60)


def _member(member_id: int, booked: int = 0, held=()) -> Bookable:
    return Bookable(member_id, f"m{member_id}", Week(()), held=list(held), appointments_that_day=booked)


def test_any_staff_is_the_free_member_booked_least_that_day_then_the_lowest_id():
    assert choose_staff([_member(3, booked=1), _member(2, booked=2), _member(5, booked=1)]).id == 3
    assert choose_staff([_member(7), _member(4)]).id == 4
    assert choose_staff([]) is None


def test_each_requirement_gets_its_own_free_resource():
    times = appointment_times(MONDAY, time(10), Timing(30), "UTC")
    assert times is not None
    busy = [(times.starts_at, times.ends_at, 1)]
    room = Bookable(1, "Room", Week(()), tags=("room", "quiet"))
    taken = Bookable(2, "Taken", Week(()), held=busy, tags=("room",))
    laser = Bookable(3, "Laser", Week(()), tags=("laser",))
    chosen = choose_resources(["room", "laser"], [taken, laser, room], times)
    assert chosen is not None and {tag: r.id for tag, r in chosen.items()} == {"room": 1, "laser": 3}
    assert choose_resources(["room", "quiet"], [room, taken], times) is None  # one room can't be both


def test_start_times_step_by_the_interval():
    assert start_times(time(9), time(10), 20) == [time(9), time(9, 20), time(9, 40), time(10)]
