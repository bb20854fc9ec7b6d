"""The gateway's circuit breaker: only failures to reach a service count, an open breaker refuses
without calling, one trial at a time after the reset timeout, and calls are never serialised."""

from __future__ import annotations

import threading
import time

import pytest
import requests

from gateway.breaker import BreakerOpen, UpstreamBreaker


def _refused():
    raise requests.ConnectionError("connection refused")


def _trip(breaker: UpstreamBreaker, failures: int, failure=_refused) -> None:
    for _ in range(failures):
        with pytest.raises(requests.RequestException):
            breaker.call(failure)


@pytest.mark.parametrize("error", [requests.ConnectionError, requests.ConnectTimeout, requests.ReadTimeout])
def test_failures_to_reach_the_service_open_it_and_it_then_refuses_without_calling(error):
    breaker = UpstreamBreaker("booking", failures=3, reset_seconds=60)

    def failure():
        raise error()

    _trip(breaker, 3, failure)
    calls = []
    with pytest.raises(BreakerOpen):
        breaker.call(calls.append, "called")
    assert calls == [] and breaker.current_state == "open"


def test_answers_and_other_errors_do_not_count():
    breaker = UpstreamBreaker("booking", failures=2, reset_seconds=60)
    for _ in range(5):
        assert breaker.call(lambda: "an answer, even a 503") == "an answer, even a 503"
        with pytest.raises(ValueError):
            breaker.call(int, "not a number")
    assert breaker.current_state == "closed"


def test_a_success_starts_the_count_again():
    breaker = UpstreamBreaker("booking", failures=2, reset_seconds=60)
    for _ in range(3):
        _trip(breaker, 1)
        breaker.call(lambda: "answer")
    assert breaker.current_state == "closed"


def test_after_the_reset_timeout_one_trial_goes_through_and_its_success_closes_it():
    breaker = UpstreamBreaker("booking", failures=1, reset_seconds=0.2)
    _trip(breaker, 1)
    time.sleep(0.25)
    in_trial, release = threading.Event(), threading.Event()

    def trial():
        in_trial.set()
        release.wait(5)
        return "answer"

    results = []
    runner = threading.Thread(target=lambda: results.append(breaker.call(trial)))
    runner.start()
    assert in_trial.wait(5)
    with pytest.raises(BreakerOpen):  # a second caller does not join the trial
        breaker.call(lambda: "second")
    release.set()
    runner.join(5)
    assert results == ["answer"] and breaker.current_state == "closed"
    assert breaker.call(lambda: "next") == "next"


def test_a_failed_trial_opens_it_again():
    breaker = UpstreamBreaker("booking", failures=1, reset_seconds=0.2)
    _trip(breaker, 1)
    time.sleep(0.25)
    _trip(breaker, 1)
    with pytest.raises(BreakerOpen):
        breaker.call(lambda: "too early")


def test_calls_through_a_closed_breaker_run_side_by_side():
    breaker = UpstreamBreaker("booking", failures=5, reset_seconds=60)
    both_inside = threading.Barrier(2, timeout=5)  # broken (an error) if the calls ran one after the other
    results = []
    callers = [threading.Thread(target=lambda: results.append(breaker.call(both_inside.wait))) for _ in range(2)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join(10)
    assert sorted(results) == [0, 1]
