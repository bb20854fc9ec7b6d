"""Booking service settings: the only reader of the environment in this service."""
from __future__ import annotations

from dataclasses import dataclass

from shared.config import CommonSettings, database_url, env_float


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    database_url: str
    relay_interval_seconds: float

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            common=CommonSettings.from_env(),
            database_url=database_url("BOOKING", "booking"),
            relay_interval_seconds=env_float("OUTBOX_RELAY_INTERVAL", 0.2),
        )
