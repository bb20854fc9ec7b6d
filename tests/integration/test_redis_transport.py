"""A task message cannot vanish with a worker killed between popping it off its queue and
recording it as unacknowledged (shared/redis_transport.py, guarantee 2 of docs/architecture.md): the publisher
has recorded it already, so the restore sweep queues it again after the visibility timeout.
The chaos suite (bench/chaos.py) lost an audit task that way before."""

from __future__ import annotations

import json
import time

import pytest

from shared.celery_app import make_celery, publish
from tests.support.backends import make_backend

VISIBILITY_TIMEOUT = 1
QUEUE = "transport-test"
TASK = "transport.test_task"


@pytest.fixture
def broker(tmp_path, monkeypatch):
    monkeypatch.setenv("CELERY_VISIBILITY_TIMEOUT", str(VISIBILITY_TIMEOUT))
    backend = make_backend(tmp_path / "var")
    app = make_celery("transport-test", backend.redis_url, queues=(QUEUE,))
    yield app, backend.redis()
    app.close()
    backend.close()


def _event(number: int) -> dict:
    return {"event_id": f"transport-test-{number}", "event_type": "booking.created", "payload": {}}


def test_a_message_popped_by_a_worker_that_died_is_queued_again(broker):
    app, redis = broker
    publish(app, TASK, QUEUE, _event(1))
    popped = redis.rpop(QUEUE)  # what a worker killed right after its BRPOP took with it
    assert popped is not None and redis.llen(QUEUE) == 0

    time.sleep(VISIBILITY_TIMEOUT + 0.5)
    with app.connection_for_read() as connection:
        connection.default_channel.qos.restore_visible(num=100)  # what every worker runs now and then
    restored = redis.lrange(QUEUE, 0, -1)
    assert len(restored) == 1
    assert json.loads(restored[0])["headers"]["id"] == json.loads(popped)["headers"]["id"]
    assert "transport-test-1" in json.loads(restored[0])["headers"]["argsrepr"]


def test_a_message_a_worker_acknowledged_leaves_no_record(broker):
    app, redis = broker
    publish(app, TASK, QUEUE, _event(2))
    assert redis.hlen("unacked") == 1
    with app.connection_for_read() as connection:
        message = connection.default_channel.basic_get(QUEUE, no_ack=False)
        assert "transport-test-2" in message.headers["argsrepr"]
        message.ack()
    assert redis.hlen("unacked") == 0 and redis.zcard("unacked_index") == 0 and redis.llen(QUEUE) == 0
