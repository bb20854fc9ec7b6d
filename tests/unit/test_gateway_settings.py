"""The gateway refuses to start on unsafe settings instead of running with them."""

from __future__ import annotations

import pytest

from gateway.config import Settings
from shared.config import PROJECT_ROOT, ConfigError


@pytest.fixture(autouse=True)
def development(monkeypatch):
    monkeypatch.setenv("TESSERA_ENV", "development")
    for name in (
        "JWT_SECRET",
        "IDENTITY_SIGNING_KEY",
        "CORS_ALLOWED_ORIGINS",
        "RATE_LIMIT_DEFAULT",
        "RATE_LIMIT_LOGIN",
    ):
        monkeypatch.delenv(name, raising=False)


def test_defaults_are_safe():
    settings = Settings.from_env()
    assert settings.cors_allowed_origins == ("http://localhost:5173",)
    assert settings.rate_limits["RATE_LIMIT_LOGIN"] == "10 per minute"
    assert len(settings.jwt_secret.encode()) >= 32


def test_each_upstream_may_have_its_own_timeouts(monkeypatch):
    for upstream in ("AVAILABILITY", "BOOKING", "NOTIFICATION"):
        for kind in ("CONNECT", "READ"):
            monkeypatch.delenv(f"GATEWAY_{upstream}_{kind}_TIMEOUT", raising=False)
    monkeypatch.setenv("GATEWAY_CONNECT_TIMEOUT", "0.3")
    monkeypatch.setenv("GATEWAY_UPSTREAM_TIMEOUT", "4")
    monkeypatch.setenv("GATEWAY_BOOKING_READ_TIMEOUT", "9")
    monkeypatch.setenv("GATEWAY_NOTIFICATION_CONNECT_TIMEOUT", "1")
    timeouts = Settings.from_env().upstream_timeouts
    assert (timeouts["booking"].connect, timeouts["booking"].read) == (0.3, 9)
    assert (timeouts["notification"].connect, timeouts["notification"].read) == (1, 4)
    assert (timeouts["availability"].connect, timeouts["availability"].read) == (0.3, 4)


@pytest.mark.parametrize(
    "name, value, complaint",
    [
        ("JWT_SECRET", "short-secret", "at least 32 bytes"),
        ("IDENTITY_SIGNING_KEY", "short-key", "at least 32 bytes"),
        ("CORS_ALLOWED_ORIGINS", "https://app.example, *", "'\\*' is not allowed"),
        ("RATE_LIMIT_LOGIN", "lots", "not a rate limit"),
        ("GATEWAY_BOOKING_READ_TIMEOUT", "0", "above 0"),
        ("GATEWAY_UPSTREAM_TIMEOUT", "-1", "GATEWAY_UPSTREAM_TIMEOUT must be"),
        ("GATEWAY_BREAKER_FAILURES", "0", "at least 1"),
        ("GATEWAY_BREAKER_RESET_SECONDS", "soon", "must be a number"),
    ],
)
def test_unsafe_or_malformed_settings_stop_the_gateway(monkeypatch, name, value, complaint):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=complaint):
        Settings.from_env()


PRODUCTION = {
    "REDIS_URL": "redis://r:6379/0",
    "SERVICE_TOKEN": "s" * 40,
    "IDENTITY_SIGNING_KEY": "i" * 40,
    "JWT_SECRET": "j" * 40,
    "GATEWAY_DATABASE_URL": "postgresql://x/y",
    "AVAILABILITY_URL": "http://a",
    "BOOKING_URL": "http://b",
    "NOTIFICATION_URL": "http://n",
}


@pytest.mark.parametrize("secret", ["JWT_SECRET", "IDENTITY_SIGNING_KEY"])
def test_production_needs_its_own_secrets(monkeypatch, secret):
    monkeypatch.setenv("TESSERA_ENV", "production")
    for name, value in PRODUCTION.items():
        monkeypatch.setenv(name, value)
    assert Settings.from_env().jwt_secret == "j" * 40
    monkeypatch.delenv(secret)
    with pytest.raises(ConfigError, match=f"{secret} must be set"):
        Settings.from_env()


def test_the_web_apps_build_directory_is_configurable(monkeypatch, tmp_path):
    monkeypatch.delenv("WEB_DIST_DIR", raising=False)
    assert Settings.from_env().web_dist_dir == PROJECT_ROOT / "web" / "dist"
    monkeypatch.setenv("WEB_DIST_DIR", "elsewhere/dist")
    assert Settings.from_env().web_dist_dir == PROJECT_ROOT / "elsewhere" / "dist"
    monkeypatch.setenv("WEB_DIST_DIR", str(tmp_path))
    assert Settings.from_env().web_dist_dir == tmp_path
