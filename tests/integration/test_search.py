"""Availability search: one day or a calendar, read through the cache, at a bounded SQL cost."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from availability_service.cache import day_key as availability_day_key
from availability_service.cache import generation_key as availability_generation_key
from tests.support.availability import days_ahead
from tests.support.processes import wait_until

VENUE = "search-venue"


@pytest.fixture(scope="module")
def api(system):
    from tests.support.availability import AvailabilityApi

    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(VENUE, horizon_days=40, max_party_size=6, min_notice_minutes=60)
    api.open_every_day(VENUE, "17:00", "21:00", interval=30, capacity=8)
    return api


def test_a_calendar_is_the_days_one_by_one(api):
    calendar = api.search(VENUE, **{"from": days_ahead(2), "to": days_ahead(8), "party_size": 2}).json()
    assert [day["date"] for day in calendar["days"]] == [days_ahead(n) for n in range(2, 9)]
    single = api.search(VENUE, date=days_ahead(5), party_size=2).json()
    assert calendar["days"][3]["slots"] == single["slots"]
    assert len(single["slots"]) == 9 and all(slot["bookable"] for slot in single["slots"])


def test_bookable_follows_party_size_and_remaining(api):
    day = days_ahead(3)
    assert api.hold_slot("search-five", VENUE, day, "17:00", 5).status_code == 201

    def with_the_hold():
        slots = api.search(VENUE, date=day, party_size=4).json()["slots"]
        return slots if slots[0]["remaining"] == 3 else None

    slots = {slot["time"]: slot for slot in wait_until(with_the_hold, 10, message="search to show the hold")}
    assert (slots["17:00"]["remaining"], slots["17:00"]["bookable"]) == (3, False)
    assert slots["17:30"]["bookable"] is True
    too_big = api.search(VENUE, date=day, party_size=7).json()["slots"]
    assert not any(slot["bookable"] for slot in too_big)


def test_a_hold_invalidates_the_cached_day_before_it_answers(system, api):
    day = days_ahead(4)
    redis = system.backend.redis()
    api.search(VENUE, date=day, party_size=2)
    assert redis.exists(availability_day_key(VENUE, day))
    assert api.hold_slot("search-invalidate", VENUE, day, "18:00", 2).status_code == 201
    assert not redis.exists(availability_day_key(VENUE, day))  # dropped before the hold was answered
    slot = next(s for s in api.search(VENUE, date=day, party_size=2).json()["slots"] if s["time"] == "18:00")
    assert slot["remaining"] == 6


def test_a_slot_counts_its_confirmed_holds_one_per_booking_and_names_the_venue(system, api):
    day = days_ahead(6)
    redis = system.backend.redis()

    def at_seven() -> dict:
        answer = api.search(VENUE, date=day, party_size=2).json()
        assert (answer["venue"], answer["max_party_size"]) == (VENUE, 6) and isinstance(answer["venue_id"], int)
        return next(slot for slot in answer["slots"] if slot["time"] == "19:00")

    holds = [api.hold_slot(f"search-count-{n}", VENUE, day, "19:00", units).json() for n, units in ((1, 3), (2, 1))]
    assert (at_seven()["confirmed_holds"], at_seven()["remaining"]) == (0, 4)  # held, not yet confirmed
    assert redis.exists(availability_day_key(VENUE, day))
    assert api.hold_action(holds[0]["id"], "confirm").status_code == 200
    assert not redis.exists(availability_day_key(VENUE, day))  # a confirmation drops the cached day
    assert at_seven()["confirmed_holds"] == 1
    assert api.hold_action(holds[1]["id"], "confirm").status_code == 200
    assert api.hold_action(holds[1]["id"], "confirm").status_code == 200  # confirming again changes nothing
    assert at_seven()["confirmed_holds"] == 2
    assert api.hold_action(holds[0]["id"], "release").status_code == 200
    assert (at_seven()["confirmed_holds"], at_seven()["remaining"]) == (1, 7)


@pytest.fixture
def in_process_search(system, monkeypatch):
    """The search use case run in this process against the system's own database and Redis,
    with every SQL statement counted."""
    from availability_service.extensions import db, redis
    from availability_service.search.service import search_days

    db.init(system.backend.database_urls["availability"])
    redis.init(system.backend.redis_url)
    statements = []
    event.listen(
        db.engine, "before_cursor_execute", lambda conn, cursor, statement, *args: statements.append(statement)
    )
    yield (
        (
            lambda first, last: search_days(
                VENUE, date.fromisoformat(first), date.fromisoformat(last), 2, cache_ttl_seconds=30
            )
        ),
        statements,
    )
    db.dispose()


def _drop_cached_days(system, first: int, last: int) -> None:
    system.backend.redis().delete(*[availability_day_key(VENUE, days_ahead(n)) for n in range(first, last + 1)])


def _selects(statements) -> int:
    return sum(1 for statement in statements if statement.lstrip().upper().startswith("SELECT"))


def test_search_costs_two_queries_on_a_miss_and_none_on_a_hit_however_many_bookings(system, api, in_process_search):
    search, statements = in_process_search
    _drop_cached_days(system, 10, 24)
    search(days_ahead(10), days_ahead(24))
    quiet = _selects(statements)

    redis = system.backend.redis()
    generations = [availability_generation_key(VENUE, days_ahead(n)) for n in range(25, 40)]

    def invalidations() -> int:
        return sum(int(generation or 0) for generation in redis.mget(generations))

    before = invalidations()
    for n in range(120):
        api.hold_slot(f"load-{n}", VENUE, days_ahead(25 + n % 15), f"{17 + n % 4}:00", 1)
    assert invalidations() == before + 120  # each hold's, before it was answered
    _drop_cached_days(system, 25, 39)
    statements.clear()
    busy = search(days_ahead(25), days_ahead(39))
    assert quiet == _selects(statements) == 2
    assert sum(slot["remaining"] for day in busy["days"] for slot in day["slots"]) == 15 * 9 * 8 - 120

    statements.clear()
    search(days_ahead(25), days_ahead(39))
    assert _selects(statements) == 0


def test_search_answers_from_the_database_when_redis_is_down(system, api, in_process_search):
    from availability_service.extensions import redis

    search, _ = in_process_search
    redis.init("redis://127.0.0.1:1/0")  # nothing listens there
    assert len(search(days_ahead(2), days_ahead(3))["days"]) == 2


def test_a_search_that_read_before_an_invalidation_does_not_cache_what_it_read(system, api, in_process_search):
    """The race: a miss reads the database, a hold commits and its invalidation runs, then the
    miss writes its (now old) figures. The write must not happen, or search stays stale for the TTL."""
    from availability_service.cache import invalidate_days
    from availability_service.search import service as search

    day = date.fromisoformat(days_ahead(20))
    _drop_cached_days(system, 20, 20)
    _, generations = search._read_cache(VENUE, [day])
    loaded = search._load_days(VENUE, [day], lambda rules: None)
    invalidate_days(VENUE, [day.isoformat()])
    search._write_cache(VENUE, loaded, generations, 30)
    assert not system.backend.redis().exists(availability_day_key(VENUE, day.isoformat()))
    _, fresh_generations = search._read_cache(VENUE, [day])
    search._write_cache(VENUE, loaded, fresh_generations, 30)
    assert system.backend.redis().exists(availability_day_key(VENUE, day.isoformat()))
