"""Notification service settings: the only reader of the environment in this service."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shared.config import CommonSettings, database_url, env_optional, env_str, var_dir


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    database_url: str
    smtp_url: str | None
    mail_dir: Path
    mail_from: str

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            common=CommonSettings.from_env(),
            database_url=database_url("NOTIFICATION", "notification"),
            smtp_url=env_optional("SMTP_URL"),
            mail_dir=Path(env_str("MAIL_DIR", default=str(var_dir() / "mail"))),
            mail_from=env_str("MAIL_FROM", default="Tessera <bookings@tessera.local>"),
        )
