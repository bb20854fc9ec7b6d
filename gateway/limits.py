"""Rate limits at the gateway: flask-limiter with its counters in Redis, shared by every
gateway process, per client address.

Every route gets `RATE_LIMIT_DEFAULT` (health checks excepted). Logins, and requests that name
a booking reference (a look-up, change or cancel guarded only by an e-mail address: what
someone guessing references would use), have stricter limits on top. A refused request gets a
`429 rate_limited` envelope with `Retry-After`. When Redis is down each process counts in
memory instead: the limits stay (looser by the number of processes) and no request fails on them.
"""
from __future__ import annotations

from flask import current_app, request
from flask_limiter import Limiter

HEALTH_PATHS = frozenset({"/healthz", "/readyz"})

limiter = Limiter(
    key_func=lambda: request.remote_addr or "unknown",
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
