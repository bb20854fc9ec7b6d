"""A circuit breaker per upstream service, so a dead or hung service costs the gateway nothing.

After `failures` calls in a row that could not reach the service (connection refused or reset,
connect or read timeout), the breaker opens: calls are refused at once, without touching the
network. After `reset_seconds` one trial call goes through; its success closes the breaker, its
failure opens it again. An answer, whatever its status, counts as success: a 5xx comes from a
service that is up and quick to say so (a 503 about its own database is its to report, and
reopening the gateway's breaker would only hide that answer and delay recovery).

pybreaker keeps the state; one thing is changed. pybreaker holds one lock across the guarded
call, which would let a gateway process have only one request in flight per service. Here
closed-state calls run side by side, and while the breaker is open or half-open a second lock
lets exactly one caller through for the trial.

Each gunicorn process keeps its own breakers: each learns from its own calls that a service is down.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from typing import TypeVar

import pybreaker
import requests
from urllib3.exceptions import HTTPError as TransportError

log = logging.getLogger(__name__)

T = TypeVar("T")

BreakerOpen = pybreaker.CircuitBreakerError


def _reached_the_service(exc: BaseException) -> bool:
    return not isinstance(exc, (TransportError, requests.ConnectionError, requests.Timeout))


class _LogStateChanges(pybreaker.CircuitBreakerListener):
    def state_change(self, cb: pybreaker.CircuitBreaker, old_state, new_state) -> None:
        old = old_state.name if old_state else None
        if old == new_state.name:
            return  # several calls failing together each reopen the breaker
        level = logging.WARNING if new_state.name == pybreaker.STATE_OPEN else logging.INFO
        log.log(
            level,
            f"upstream circuit {new_state.name}",
            extra={"upstream": cb.name, "from_state": old, "to_state": new_state.name},
        )


class UpstreamBreaker(pybreaker.CircuitBreaker):
    def __init__(self, upstream: str, *, failures: int, reset_seconds: float) -> None:
        # The call that trips the breaker keeps its own error: a read timeout stays a 504 (the
        # service may have acted on the request), a refused connection a 503.
        super().__init__(
            fail_max=failures,
            reset_timeout=reset_seconds,
            name=upstream,
            exclude=[_reached_the_service],
            listeners=[_LogStateChanges()],
            throw_new_error_on_trip=False,
        )
        # Re-entrant: pybreaker's open state calls back into call() to make the trial.
        self._trial = threading.RLock()

    @property
    def retry_after(self) -> int:
        """Whole seconds a refused caller should wait: at most this until the next trial."""
        return max(1, math.ceil(self.reset_timeout))

    def call(self, func: Callable[..., T], *args, **kwargs) -> T:
        if self.current_state == pybreaker.STATE_CLOSED:
            return self.state.call(func, *args, **kwargs)
        if not self._trial.acquire(blocking=False):
            raise BreakerOpen("a trial call is under way")
        try:
            return self.state.call(func, *args, **kwargs)
        finally:
            self._trial.release()
