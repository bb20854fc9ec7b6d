"""The pure rules of classes (docs/appointments.md, "Classes"): the places a session has left,
which session a booking joins (the one it fills first, "any staff" or the member named), when a
new one starts, and what the search says of a class's time."""

from __future__ import annotations

from availability_service.appointments.class_rules import SessionSeats, class_offer, places_left, session_to_join

ANNA, BORIS, CARLA = 1, 2, 3


def test_a_session_counts_its_places_left_and_never_below_none():
    assert SessionSeats(10, ANNA, capacity=6, taken=4).places_left == 2
    assert SessionSeats(10, ANNA, capacity=6, taken=6).places_left == 0
    assert SessionSeats(10, ANNA, capacity=6, taken=7).places_left == 0  # a corrupt row is full, not negative


def test_any_staff_joins_the_fullest_session_with_room_so_classes_fill():
    sessions = [SessionSeats(10, ANNA, 6, 2), SessionSeats(11, BORIS, 6, 5), SessionSeats(12, CARLA, 6, 6)]
    assert session_to_join(sessions, 1) == sessions[1]  # Boris's has one place left
    assert session_to_join(sessions, 2) == sessions[0]  # two do not fit in Boris's
    assert session_to_join(sessions, 5) is None  # none has room: start another


def test_a_tie_goes_to_the_lowest_staff_id():
    sessions = [SessionSeats(11, BORIS, 6, 3), SessionSeats(10, ANNA, 6, 3)]
    assert session_to_join(sessions, 1) == sessions[1]


def test_a_named_member_only_joins_their_own_session():
    sessions = [SessionSeats(10, ANNA, 6, 5), SessionSeats(11, BORIS, 6, 1)]
    assert session_to_join(sessions, 1, staff_id=BORIS) == sessions[1]
    assert session_to_join(sessions, 2, staff_id=ANNA) is None  # hers is too full: not Boris's instead
    assert session_to_join([], 1, staff_id=ANNA) is None


def test_places_left_is_the_most_one_booking_can_take_then():
    assert places_left([SessionSeats(10, ANNA, 6, 4)], capacity=6, can_start=False) == 2
    assert places_left([SessionSeats(10, ANNA, 6, 4)], capacity=6, can_start=True) == 6  # a new session could start
    assert places_left([SessionSeats(10, ANNA, 6, 6)], capacity=6, can_start=False) == 0  # full
    assert places_left([], capacity=8, can_start=True) == 8
    assert places_left([], capacity=8, can_start=False) == 0


def test_the_search_names_who_teaches_a_time_with_room_and_says_full():
    full = SessionSeats(10, ANNA, 6, 6)
    assert class_offer([full], 6, starters=[]) == {"staff": [], "places_left": 0}
    assert class_offer([full, SessionSeats(11, BORIS, 6, 2)], 6, starters=[]) == {"staff": [BORIS], "places_left": 4}
    assert class_offer([full], 6, starters=[CARLA]) == {"staff": [CARLA], "places_left": 6}
