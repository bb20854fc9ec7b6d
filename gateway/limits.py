"""Rate limits at the gateway: flask-limiter with its counters in Redis, shared by every
gateway process, per API key for integrations and per client address for everyone else.

Every API route gets `RATE_LIMIT_DEFAULT` (health checks and the web app's files are not
counted). Logins, and requests that name a booking reference (a look-up, change or cancel
guarded only by an e-mail address: what someone guessing references would use), have stricter
limits on top. Look-ups that find
nothing (a 404) are counted apart, per address (`RATE_LIMIT_LOOKUP_MISSES`) and across every
client (`RATE_LIMIT_LOOKUP_MISSES_GLOBAL`): past either, anonymous look-ups are refused until
the window moves on, and the gateway logs `booking look-up misses over the limit`, the line to
alert on (someone is guessing references). A refused request gets a `429 rate_limited` envelope
with `Retry-After`. When Redis is down each process counts in memory instead: the limits stay
(looser by the number of processes) and no request fails on them.

flask-limiter writes its Retry-After (when its window resets, up to a minute away) into every
answer, and into an answer that has one already the later of the two. Only a 429 is the limiter's
to time, rounded up to the second its limit really allows the next request (flask-limiter rounds
down): any other answer keeps the Retry-After it was given (a 503 from an open circuit breaker
says when the next trial call may go through) or has none.
"""

from __future__ import annotations

import logging
import math
import time

from flask import Flask, current_app, g, request
from flask_limiter import Limiter, RequestLimit

from gateway.identity.guard import optional_caller
from shared.errors import ApiError

log = logging.getLogger(__name__)

HEALTH_PATHS = frozenset({"/healthz", "/readyz"})


def client_key() -> str:
    """An API key is counted on its own (integrations often share an address); anyone else,
    including a caller whose credential does not check out, by address."""
    try:
        caller = optional_caller()
    except ApiError:
        caller = None
    if caller is not None and caller.kind == "api_key":
        return f"key:{caller.subject}"
    return request.remote_addr or "unknown"


limiter = Limiter(
    key_func=client_key,
    key_prefix="tessera:ratelimit",
    strategy="sliding-window-counter",
    default_limits=[lambda: current_app.config["RATE_LIMIT_DEFAULT"]],
    # Health checks and the web app's static files (everything outside /api/) cost nothing to answer.
    default_limits_exempt_when=lambda: not request.path.startswith("/api/"),
    headers_enabled=True,
    swallow_errors=True,
    in_memory_fallback_enabled=True,
)


def _names_a_booking() -> bool:
    """`/api/v1/bookings/<reference>[/...]`: every booking route but create and the staff list."""
    return len(request.path.rstrip("/").split("/")) >= 5


def _credentialed() -> bool:
    """Staff and API keys reach only their own venues' bookings: they are not guessing."""
    try:
        return optional_caller() is not None
    except ApiError:
        return False


def _found_nothing(response) -> bool:
    return response.status_code == 404


def _report_misses(scope: str):
    def report(breach: RequestLimit) -> None:
        log.warning(
            "booking look-up misses over the limit",
            extra={"scope": scope, "limit": str(breach.limit), "client": request.remote_addr, "path": request.path},
        )

    return report


login_limit = limiter.limit(lambda: current_app.config["RATE_LIMIT_LOGIN"], override_defaults=False)
_lookup_limit = limiter.limit(
    lambda: current_app.config["RATE_LIMIT_BOOKING_LOOKUP"],
    override_defaults=False,
    exempt_when=lambda: not _names_a_booking(),
)
_misses_by_address = limiter.shared_limit(
    lambda: current_app.config["RATE_LIMIT_LOOKUP_MISSES"],
    scope="booking-lookup-misses-by-address",
    override_defaults=False,
    exempt_when=lambda: not _names_a_booking() or _credentialed(),
    deduct_when=_found_nothing,
    on_breach=_report_misses("address"),
)
_misses_everywhere = limiter.shared_limit(
    lambda: current_app.config["RATE_LIMIT_LOOKUP_MISSES_GLOBAL"],
    scope="booking-lookup-misses-everywhere",
    key_func=lambda: "everyone",
    override_defaults=False,
    exempt_when=lambda: not _names_a_booking() or _credentialed(),
    deduct_when=_found_nothing,
    on_breach=_report_misses("global"),
)


def booking_lookup_limits(view):
    """The limits of a route that names a booking reference."""
    return _lookup_limit(_misses_by_address(_misses_everywhere(view)))


def install_rate_limits(app: Flask) -> None:
    @app.after_request  # registered before flask-limiter's hook, so it runs after it
    def _restore_retry_after(response):
        if response.status_code == 429:
            breached = limiter.current_limit
            if breached is not None:
                # flask-limiter truncates the wait to whole seconds, promising up to a second
                # too little; a client that waits what it is told must not be refused again.
                response.headers["Retry-After"] = str(max(1, math.ceil(breached.window[0] - time.time())))
            return response
        given = g.get("retry_after_given")
        if given is None:
            response.headers.pop("Retry-After", None)
        else:
            response.headers["Retry-After"] = given
        return response

    limiter.init_app(app)

    @app.after_request  # registered after flask-limiter's hook, so it runs before it
    def _remember_retry_after(response):
        g.retry_after_given = response.headers.get("Retry-After")
        return response
