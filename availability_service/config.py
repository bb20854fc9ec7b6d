"""Availability service settings: the only reader of the environment in this service."""

from __future__ import annotations

from dataclasses import dataclass

from shared.config import CommonSettings, database_url, env_float, env_int


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    database_url: str
    cache_ttl_seconds: int
    hold_expiry_interval_seconds: float  # how often the worker's beat expires overdue holds

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            common=CommonSettings.from_env(),
            database_url=database_url("AVAILABILITY", "availability"),
            cache_ttl_seconds=env_int("AVAILABILITY_CACHE_TTL_SECONDS", 30),
            hold_expiry_interval_seconds=env_float("HOLD_EXPIRY_INTERVAL", 15.0),
        )
