"""Gateway settings: the only reader of the environment in the gateway."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from limits import parse_many

from shared.config import (
    PROJECT_ROOT,
    CommonSettings,
    ConfigError,
    database_url,
    env_float,
    env_int,
    env_str,
    signing_key,
)
from shared.http import Timeouts

DEV_JWT_SECRET = "tessera-dev-jwt-secret-not-for-production"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Route:
    """Requests under `public_prefix` go to `upstream` with the prefix replaced by `upstream_prefix`.

    A prefix may name path segments, as `{venue}` (OpenAPI's form): a venue's stays and rates and a
    resource's waitlist are the booking service's, the rest of a venue the availability service's.
    The more specific prefix wins, whatever the order here.
    """

    public_prefix: str
    upstream: str
    upstream_prefix: str

    @property
    def flask_rule(self) -> str:
        return PLACEHOLDER.sub(r"<string:\1>", self.public_prefix)


BOOKINGS = Route("/api/v1/bookings", "booking", "/v1/bookings")
ROUTES = (
    Route("/api/v1/venues", "availability", "/v1/venues"),
    Route("/api/v1/venues/{venue}/stays", "booking", "/v1/venues/{venue}/stays"),
    Route("/api/v1/venues/{venue}/rate-plans", "booking", "/v1/venues/{venue}/rate-plans"),
    Route("/api/v1/venues/{venue}/stay-taxes", "booking", "/v1/venues/{venue}/stay-taxes"),
    Route(
        "/api/v1/venues/{venue}/resources/{resource_id}/waitlist",
        "booking",
        "/v1/venues/{venue}/resources/{resource_id}/waitlist",
    ),
    Route("/api/v1/waitlist", "booking", "/v1/waitlist"),
    BOOKINGS,
    Route("/api/v1/cancellation-reasons", "booking", "/v1/cancellation-reasons"),
)


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    database_url: str
    jwt_secret: str
    access_token_ttl_seconds: int
    refresh_token_ttl_seconds: int
    upstreams: dict[str, str]
    upstream_timeouts: dict[str, Timeouts]
    breaker_failures: int
    breaker_reset_seconds: float
    max_body_bytes: int
    cors_allowed_origins: tuple[str, ...]
    trusted_proxy_hops: int
    rate_limits: dict[str, str]  # setting name (also the Flask config key) -> e.g. "300 per minute"
    web_dist_dir: Path  # the built web app served at / (gateway/web_app.py)

    @classmethod
    def from_env(cls) -> Settings:
        common = CommonSettings.from_env()
        upstreams = {
            "availability": common.availability_url,
            "booking": common.booking_url,
            "notification": common.notification_url,
        }
        return cls(
            common=common,
            database_url=database_url("GATEWAY", "gateway"),
            jwt_secret=signing_key("JWT_SECRET", DEV_JWT_SECRET),
            access_token_ttl_seconds=env_int("ACCESS_TOKEN_TTL_SECONDS", 15 * 60),
            refresh_token_ttl_seconds=env_int("REFRESH_TOKEN_TTL_SECONDS", 14 * 24 * 3600),
            upstreams=upstreams,
            upstream_timeouts=_upstream_timeouts(upstreams),
            breaker_failures=_breaker_failures(),
            breaker_reset_seconds=_seconds("GATEWAY_BREAKER_RESET_SECONDS", 5.0),
            max_body_bytes=env_int("GATEWAY_MAX_BODY_BYTES", 64 * 1024),
            cors_allowed_origins=_origins(env_str("CORS_ALLOWED_ORIGINS", default="http://localhost:5173")),
            trusted_proxy_hops=env_int("TRUSTED_PROXY_HOPS", 0),
            rate_limits={
                name: _limit(name, default)
                for name, default in (
                    ("RATE_LIMIT_DEFAULT", "300 per minute"),
                    ("RATE_LIMIT_LOGIN", "10 per minute"),
                    ("RATE_LIMIT_BOOKING_LOOKUP", "60 per minute"),
                    ("RATE_LIMIT_LOOKUP_MISSES", "20 per 10 minutes"),
                    ("RATE_LIMIT_LOOKUP_MISSES_GLOBAL", "500 per 10 minutes"),
                )
            },
            web_dist_dir=(PROJECT_ROOT / env_str("WEB_DIST_DIR", default="web/dist")).resolve(),
        )


def _upstream_timeouts(upstreams: dict[str, str]) -> dict[str, Timeouts]:
    """`GATEWAY_<UPSTREAM>_CONNECT_TIMEOUT` / `_READ_TIMEOUT` per upstream, defaulting to
    `GATEWAY_CONNECT_TIMEOUT` / `GATEWAY_UPSTREAM_TIMEOUT`."""
    connect = _seconds("GATEWAY_CONNECT_TIMEOUT", 0.5)
    read = _seconds("GATEWAY_UPSTREAM_TIMEOUT", 5.0)
    return {
        name: Timeouts(
            connect=_seconds(f"GATEWAY_{name.upper()}_CONNECT_TIMEOUT", connect),
            read=_seconds(f"GATEWAY_{name.upper()}_READ_TIMEOUT", read),
        )
        for name in upstreams
    }


def _breaker_failures() -> int:
    value = env_int("GATEWAY_BREAKER_FAILURES", 5)
    if value < 1:
        raise ConfigError(f"GATEWAY_BREAKER_FAILURES must be at least 1, got {value}")
    return value


def _seconds(name: str, default: float) -> float:
    value = env_float(name, default)
    if value <= 0:
        raise ConfigError(f"{name} must be a number of seconds above 0, got {value}")
    return value


def _origins(raw: str) -> tuple[str, ...]:
    origins = tuple(origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip())
    if "*" in origins:
        raise ConfigError("CORS_ALLOWED_ORIGINS must list origins; '*' is not allowed")
    return origins


def _limit(name: str, default: str) -> str:
    value = env_str(name, default=default)
    try:
        parse_many(value)
    except ValueError as exc:
        raise ConfigError(f"{name} is not a rate limit like '300 per minute': {value!r}") from exc
    return value
