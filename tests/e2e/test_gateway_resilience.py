"""The gateway's breaker per upstream: with the booking service stopped or hung, the gateway answers
503 with Retry-After in well under a second once the breaker opens, availability keeps working, and
bookings work again by themselves when the service returns. Answers are gzipped for clients that ask.
"""

from __future__ import annotations

import gzip
import json
import signal
import time

import pytest
import requests

from tests.conftest import VENUE, booking_body, future_date, running_system
from tests.support.processes import wait_until

pytestmark = pytest.mark.one_backend  # timeouts, breakers and compression live in the gateway

FAILURES = 3
RESET_SECONDS = 2
BOOKING_READ_TIMEOUT = 1.5  # the other upstreams keep the test system's GATEWAY_UPSTREAM_TIMEOUT (3 s)
RECOVERS_WITHIN = RESET_SECONDS + 2  # seconds: the reset timeout, the trial call, slack for a busy machine
EMAIL = "resilient@example.com"


@pytest.fixture(scope="module")
def resilient_system(tmp_path_factory):
    # One gateway process, so one breaker per upstream to watch (each gunicorn process keeps its own).
    with running_system(
        tmp_path_factory,
        "resilience",
        WEB_CONCURRENCY="1",
        GATEWAY_BREAKER_FAILURES=str(FAILURES),
        GATEWAY_BREAKER_RESET_SECONDS=str(RESET_SECONDS),
        GATEWAY_BOOKING_READ_TIMEOUT=str(BOOKING_READ_TIMEOUT),
    ) as system:
        yield system


@pytest.fixture(scope="module")
def reference(resilient_system):
    created = requests.post(
        f"{resilient_system.gateway_url}/api/v1/bookings",
        timeout=10,
        json=booking_body(future_date(6), "19:00", 2, email=EMAIL),
    )
    assert created.status_code == 201, created.text
    return created.json()["reference"]


def _timed(call) -> tuple[requests.Response, float]:
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def _look_up(system, reference: str) -> requests.Response:
    return requests.get(f"{system.gateway_url}/api/v1/bookings/{reference}", params={"email": EMAIL}, timeout=10)


def _search(system) -> requests.Response:
    return requests.get(
        f"{system.gateway_url}/api/v1/venues/{VENUE}/availability",
        timeout=10,
        params={"date": future_date(6), "party_size": 2},
    )


def _assert_refused_by_the_open_breaker(system, reference: str) -> list[float]:
    answers = [_timed(lambda: _look_up(system, reference)) for _ in range(10)]
    for answer, seconds in answers:
        assert answer.status_code == 503 and answer.json()["error"]["code"] == "upstream_unavailable"
        assert answer.headers["Retry-After"] == str(RESET_SECONDS)
        assert answer.json()["request_id"] == answer.headers["X-Request-ID"]
        assert seconds < 1.0
    return [seconds for _, seconds in answers]


def _recovers(system, reference: str) -> float:
    """Seconds from the service answering its readiness check to the gateway forwarding to it again."""
    system.wait_service("booking")
    back = time.monotonic()
    _wait_forwarding(system, reference)
    return time.monotonic() - back


def _wait_forwarding(system, reference: str) -> None:
    wait_until(
        lambda: _look_up(system, reference).status_code == 200, RESET_SECONDS + 5, 0.05, "bookings through the gateway"
    )


def _breaker_log(system) -> list[tuple[str, str]]:
    changes = []
    for line in system.log("gateway").splitlines():
        if line.startswith("{") and "upstream circuit" in line:
            record = json.loads(line)
            changes.append((record["upstream"], record["message"]))
    return changes


def test_a_stopped_booking_service_gets_fast_503s_once_the_breaker_opens_and_comes_back_by_itself(
    resilient_system, reference
):
    system = resilient_system
    _wait_forwarding(system, reference)
    system.stop("booking")
    try:
        refused_connections = [_look_up(system, reference) for _ in range(FAILURES)]
        assert [a.status_code for a in refused_connections] == [503] * FAILURES
        assert all("Retry-After" not in a.headers for a in refused_connections)  # each really tried

        timings = _assert_refused_by_the_open_breaker(system, reference)
        assert _search(system).status_code == 200  # availability has a breaker of its own, still closed
    finally:
        system.start("booking")
    recovery = _recovers(system, reference)
    print(f"\nstopped: open-breaker answers max {max(timings) * 1000:.1f} ms; recovered {recovery:.2f} s after ready")
    assert recovery < RECOVERS_WITHIN
    assert ("booking", "upstream circuit open") in _breaker_log(system)
    assert ("booking", "upstream circuit closed") in _breaker_log(system)
    assert all(upstream == "booking" for upstream, _ in _breaker_log(system))


def test_a_hung_booking_service_costs_its_read_timeout_only_until_the_breaker_opens(resilient_system, reference):
    system = resilient_system
    _wait_forwarding(system, reference)
    system.send_signal("booking", signal.SIGSTOP)  # the port still accepts connections; nothing answers
    try:
        timed_out = [_timed(lambda: _look_up(system, reference)) for _ in range(FAILURES)]
        for answer, seconds in timed_out:
            assert answer.status_code == 504 and answer.json()["error"]["code"] == "upstream_timeout"
            assert BOOKING_READ_TIMEOUT <= seconds < BOOKING_READ_TIMEOUT + 1

        timings = _assert_refused_by_the_open_breaker(system, reference)
        search, seconds = _timed(lambda: _search(system))
        assert search.status_code == 200 and seconds < 1.0
    finally:
        system.send_signal("booking", signal.SIGCONT)
    recovery = _recovers(system, reference)
    print(
        f"\nhung: timed-out answers {', '.join(f'{s:.2f}' for _, s in timed_out)} s; "
        f"open-breaker answers max {max(timings) * 1000:.1f} ms; recovered {recovery:.2f} s after ready"
    )
    assert recovery < RECOVERS_WITHIN


def test_large_answers_are_gzipped_for_clients_that_ask_and_identical_once_decoded(resilient_system):
    url = f"{resilient_system.gateway_url}/api/v1/venues/{VENUE}/availability"
    params = {"from": future_date(7), "to": future_date(13), "party_size": 2}
    plain = requests.get(url, params=params, headers={"Accept-Encoding": "identity"}, timeout=10)
    zipped = requests.get(url, params=params, headers={"Accept-Encoding": "gzip"}, timeout=10, stream=True)
    body = zipped.raw.read(decode_content=False)
    assert plain.status_code == zipped.status_code == 200
    assert len(plain.content) > 500
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == plain.content
    assert len(body) < len(plain.content) / 2
    for answer in (plain, zipped):
        assert "Accept-Encoding" in answer.headers["Vary"]


def test_small_answers_and_errors_are_not_compressed(resilient_system):
    for path in ("/healthz", "/api/v1/bookings/NOSUCH1?email=a@example.com"):
        answer = requests.get(
            f"{resilient_system.gateway_url}{path}", headers={"Accept-Encoding": "gzip"}, timeout=10, stream=True
        )
        assert "Content-Encoding" not in answer.headers
        assert json.loads(answer.raw.read(decode_content=False))
