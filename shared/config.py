"""Reading settings from the environment.

Each service builds one frozen Settings object through these helpers; nothing else reads
os.environ. Embedded defaults (SQLite files, a local Redis, e-mails as files) apply only
when TESSERA_ENV is `development` or `test`; in production a missing URL or secret stops
the process at start-up instead of silently running on toys.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EMBEDDED_MODES = frozenset({"development", "test"})
DEV_SERVICE_TOKEN = "tessera-dev-service-token"
DEV_IDENTITY_SIGNING_KEY = "tessera-dev-identity-signing-key-not-for-production"
MIN_SIGNING_KEY_BYTES = 32  # RFC 7518: an HS256 key at least as long as the hash


class ConfigError(RuntimeError):
    """A required setting is missing or malformed."""


def environment() -> str:
    return os.environ.get("TESSERA_ENV", "production").strip().lower()


def is_embedded() -> bool:
    return environment() in EMBEDDED_MODES


def var_dir() -> Path:
    return Path(os.environ.get("TESSERA_VAR_DIR") or PROJECT_ROOT / "var").resolve()


def env_str(name: str, dev_default: str | None = None, *, default: str | None = None) -> str:
    """A string setting.

    `default` applies everywhere; `dev_default` only in development/test mode, so production
    fails fast when the variable is missing.
    """
    value = os.environ.get(name)
    if value not in (None, ""):
        return value
    if default is not None:
        return default
    if dev_default is not None and is_embedded():
        return dev_default
    raise ConfigError(f"{name} must be set (TESSERA_ENV={environment()})")


def env_optional(name: str) -> str | None:
    return os.environ.get(name) or None


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from exc


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from exc


def signing_key(name: str, dev_default: str) -> str:
    value = env_str(name, dev_default)
    if len(value.encode()) < MIN_SIGNING_KEY_BYTES:
        raise ConfigError(f"{name} must be at least {MIN_SIGNING_KEY_BYTES} bytes")
    return value


def sqlite_url(service: str) -> str:
    return f"sqlite:///{var_dir() / f'{service}.db'}"


def database_url(prefix: str, service: str) -> str:
    """`<PREFIX>_DATABASE_URL`, or in embedded mode one SQLite file per service under var/."""
    return env_str(f"{prefix}_DATABASE_URL", sqlite_url(service))


@dataclass(frozen=True)
class CommonSettings:
    """What every process needs: where Redis is, the service credential, logging."""

    env: str
    redis_url: str
    service_token: str
    identity_signing_key: str
    log_level: str
    http_connect_timeout: float
    http_read_timeout: float
    availability_url: str
    booking_url: str
    notification_url: str
    max_body_bytes: int  # what a service reads of a request body; the gateway has its own, smaller cap

    @classmethod
    def from_env(cls) -> CommonSettings:
        return cls(
            env=environment(),
            redis_url=env_str("REDIS_URL", "redis://127.0.0.1:6379/0"),
            service_token=env_str("SERVICE_TOKEN", DEV_SERVICE_TOKEN),
            identity_signing_key=signing_key("IDENTITY_SIGNING_KEY", DEV_IDENTITY_SIGNING_KEY),
            log_level=env_str("LOG_LEVEL", default="INFO"),
            http_connect_timeout=env_float("HTTP_CONNECT_TIMEOUT", 1.0),
            http_read_timeout=env_float("HTTP_READ_TIMEOUT", 5.0),
            availability_url=env_str("AVAILABILITY_URL", "http://127.0.0.1:8001"),
            booking_url=env_str("BOOKING_URL", "http://127.0.0.1:8002"),
            notification_url=env_str("NOTIFICATION_URL", "http://127.0.0.1:8003"),
            max_body_bytes=env_int("SERVICE_MAX_BODY_BYTES", 256 * 1024),
        )


def client_timeouts(common: CommonSettings):
    from shared.http import Timeouts

    return Timeouts(connect=common.http_connect_timeout, read=common.http_read_timeout)
