"""Rate limits at the gateway: flask-limiter with its counters in Redis, shared by every
gateway process, per API key for integrations and per client address for everyone else.

Every route gets `RATE_LIMIT_DEFAULT` (health checks excepted). Logins, and requests that name
a booking reference (a look-up, change or cancel guarded only by an e-mail address: what
someone guessing references would use), have stricter limits on top. A refused request gets a
`429 rate_limited` envelope with `Retry-After`. When Redis is down each process counts in
memory instead: the limits stay (looser by the number of processes) and no request fails on them.

flask-limiter writes its Retry-After (when its window resets, up to a minute away) into every
answer, and into an answer that has one already the later of the two. Only a 429 is the limiter's
to time: any other answer keeps the Retry-After it was given (a 503 from an open circuit breaker
says when the next trial call may go through) or has none.
"""
from __future__ import annotations

from flask import Flask, current_app, g, request
from flask_limiter import Limiter

from gateway.identity.guard import optional_caller
from shared.errors import ApiError

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
    default_limits_exempt_when=lambda: request.path in HEALTH_PATHS,
    headers_enabled=True,
    swallow_errors=True,
    in_memory_fallback_enabled=True,
)


def _names_a_booking() -> bool:
    """`/api/v1/bookings/<reference>[/...]`: every booking route but create and the staff list."""
    return len(request.path.rstrip("/").split("/")) >= 5


login_limit = limiter.limit(lambda: current_app.config["RATE_LIMIT_LOGIN"], override_defaults=False)
booking_lookup_limit = limiter.limit(lambda: current_app.config["RATE_LIMIT_BOOKING_LOOKUP"],
                                     override_defaults=False, exempt_when=lambda: not _names_a_booking())


def install_rate_limits(app: Flask) -> None:
    @app.after_request  # registered before flask-limiter's hook, so it runs after it
    def _restore_retry_after(response):
        if response.status_code != 429:
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
