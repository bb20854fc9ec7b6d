"""Gateway settings: the only reader of the environment in the gateway."""
from __future__ import annotations

from dataclasses import dataclass

from shared.config import CommonSettings, env_float, env_int


@dataclass(frozen=True)
class Route:
    """Requests under `public_prefix` go to `upstream` with the prefix replaced by `upstream_prefix`."""

    public_prefix: str
    upstream: str
    upstream_prefix: str


ROUTES = (
    Route("/api/v1/venues", "availability", "/v1/venues"),
    Route("/api/v1/bookings", "booking", "/v1/bookings"),
)


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    upstreams: dict[str, str]
    upstream_connect_timeout: float
    upstream_read_timeout: float
    max_body_bytes: int

    @classmethod
    def from_env(cls) -> "Settings":
        common = CommonSettings.from_env()
        return cls(
            common=common,
            upstreams={"availability": common.availability_url, "booking": common.booking_url,
                       "notification": common.notification_url},
            upstream_connect_timeout=env_float("GATEWAY_CONNECT_TIMEOUT", 0.5),
            upstream_read_timeout=env_float("GATEWAY_UPSTREAM_TIMEOUT", 5.0),
            max_body_bytes=env_int("GATEWAY_MAX_BODY_BYTES", 64 * 1024),
        )
