"""A booking's event goes out when its change commits, not at the relay's next poll: the commit
nudges the relay through Redis (booking_service/outbox.py); a change that is refused and rolled
back nudges nothing. The booking saga runs as in tests/unit/test_booking_saga.py, against a fake
availability port, with the chosen backend's Redis."""

from __future__ import annotations

import pytest

from booking_service.extensions import redis
from booking_service.outbox import RELAY_NUDGE_KEY, wait_for_nudge
from shared.errors import ApiError
from tests.support.backends import make_backend
from tests.unit.test_booking_saga import availability, book  # noqa: F401 (availability: the saga's fixture)

NO_NUDGE_WAIT = 0.05


@pytest.fixture
def relay_redis(tmp_path, monkeypatch):
    backend = make_backend(tmp_path / "redis")
    monkeypatch.setattr(redis, "_client", None)  # unbound again afterwards
    redis.init(backend.redis_url)
    yield backend.redis()
    backend.close()


@pytest.mark.usefixtures("availability")
def test_a_committed_booking_wakes_the_relay_at_once(relay_redis):
    assert not wait_for_nudge(NO_NUDGE_WAIT)
    book()
    assert wait_for_nudge(1.0)
    assert not wait_for_nudge(NO_NUDGE_WAIT), "one nudge wakes the relay once"


@pytest.mark.usefixtures("availability")
def test_many_commits_leave_one_nudge_and_a_refused_booking_none(relay_redis):
    for _ in range(3):
        book(party=1)
    assert relay_redis.llen(RELAY_NUDGE_KEY) == 1
    assert wait_for_nudge(1.0)
    with pytest.raises(ApiError) as refused:
        book(party=2)  # the slot holds 4
    assert refused.value.code == "slot_full"
    assert relay_redis.llen(RELAY_NUDGE_KEY) == 0


def test_without_redis_the_relay_waits_out_its_interval(monkeypatch):
    monkeypatch.setattr(redis, "_client", None)
    redis.init("redis://127.0.0.1:1/0")  # nothing listens there
    assert not wait_for_nudge(NO_NUDGE_WAIT)
