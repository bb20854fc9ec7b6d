"""Guarantee 2 with the broker gone: bookings made while Redis is stopped all succeed, and
once it is back every one of them gets exactly one e-mail and one audit row."""

from __future__ import annotations

import subprocess
import time
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
import redis
import requests

from tests.conftest import booking_body, count_rows, future_date, running_system
from tests.support.backends import free_port
from tests.support.processes import wait_until

BOOKINGS = 100
TIMES = ("12:00", "12:30", "13:00", "13:30", "19:00", "19:30", "20:00", "20:30")


class RedisServer:
    """A Redis of this test's own, with an append-only file so queued tasks survive a restart."""

    def __init__(self, directory) -> None:
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        wait_until(lambda: _answers(client), 10, message="redis-server to answer")

    def stop(self) -> None:
        self.process.terminate()  # SIGTERM: Redis flushes its append-only file and exits
        self.process.wait(10)


def _answers(client) -> bool:
    try:
        return client.ping()
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def broker(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis-down-data"))
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture(scope="module")
def system_on_broker(tmp_path_factory, broker):
    with running_system(tmp_path_factory, "redis-down", REDIS_URL=broker.url) as system:
        yield system


def _references_in_mail(system) -> list[str]:
    references = []
    for path in (system.backend.var_dir / "mail").glob("*.eml"):
        subject = message_from_bytes(path.read_bytes(), policy=default_policy)["Subject"]
        references.append(subject.rsplit("(", 1)[-1].rstrip(")"))
    return references


def test_bookings_made_while_redis_is_down_each_get_one_email_and_one_audit_row(system_on_broker, broker):
    system = system_on_broker
    broker.stop()
    started = time.monotonic()
    references = []
    for i in range(BOOKINGS):
        body = booking_body(future_date(3 + i // 40), TIMES[i % len(TIMES)], 1, email=f"broker-down-{i}@example.com")
        response = requests.post(f"{system.gateway_url}/api/v1/bookings", json=body, timeout=15)
        assert response.status_code == 201, response.text
        references.append(response.json()["reference"])
    made_in = time.monotonic() - started
    assert count_rows(system, "booking", "outbox_events", "published_at IS NULL") >= BOOKINGS

    broker.start()
    # A Celery worker that loses the broker while it holds a task can exit ("Unrecoverable
    # error" inside kombu); in production its supervisor starts it again, and so does this test.
    if restarted := system.restart_exited():
        print(f"\nrestarted after the outage, as a supervisor would: {restarted}")
    wait_until(
        lambda: sorted(_references_in_mail(system)) == sorted(references), 90, 0.5, message="one e-mail per booking"
    )
    wait_until(
        lambda: count_rows(system, "notification", "audit_log", "action = 'booking.created'") == BOOKINGS,
        60,
        message="one audit row per booking",
    )
    assert count_rows(system, "notification", "email_log", "status = 'sent'") == BOOKINGS
    assert made_in < 30, f"{BOOKINGS} bookings took {made_in:.1f}s with the broker down"
    print(f"\n{BOOKINGS} bookings with Redis down: {made_in:.1f}s")
