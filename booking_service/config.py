"""Booking service settings: the only reader of the environment in this service."""

from __future__ import annotations

from dataclasses import dataclass

from shared.config import CommonSettings, database_url, env_float, env_int


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    database_url: str
    relay_interval_seconds: float
    reminder_lead_minutes: int
    reconcile_interval_seconds: float  # how often the worker's beat runs reconciliation
    reminder_interval_seconds: float  # ... and looks for reminders that are due
    waitlist_interval_seconds: float  # ... passes lapsed waitlist offers on and makes new ones
    completion_interval_seconds: float  # ... completes past reservations
    waitlist_offer_minutes: int  # how long a waitlist offer is held for its person

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            common=CommonSettings.from_env(),
            database_url=database_url("BOOKING", "booking"),
            relay_interval_seconds=env_float("OUTBOX_RELAY_INTERVAL", 0.2),
            reminder_lead_minutes=env_int("BOOKING_REMINDER_LEAD_MINUTES", 24 * 60),
            reconcile_interval_seconds=env_float("RECONCILE_INTERVAL", 60.0),
            reminder_interval_seconds=env_float("REMINDER_INTERVAL", 60.0),
            waitlist_interval_seconds=env_float("WAITLIST_INTERVAL", 15.0),
            completion_interval_seconds=env_float("RESERVATION_COMPLETION_INTERVAL", 300.0),
            waitlist_offer_minutes=env_int("WAITLIST_OFFER_MINUTES", 30),
        )
