"""Notification service settings: the only reader of the environment in this service."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from notification_service.emails import MailSettings
from shared.config import CommonSettings, database_url, env_float, env_int, env_optional, env_str, var_dir


@dataclass(frozen=True)
class RetrySettings:
    """How consumers retry a transient failure: exponential backoff with full jitter, capped.

    The cap stays under the broker's visibility timeout, so a delayed retry is not handed to a
    second worker while the first still holds it."""

    base_seconds: float
    max_seconds: float
    email_max_retries: int
    max_retries: int


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    database_url: str
    mail: MailSettings
    retry: RetrySettings

    @classmethod
    def from_env(cls) -> Settings:
        common = CommonSettings.from_env()
        return cls(
            common=common,
            database_url=database_url("NOTIFICATION", "notification"),
            mail=MailSettings(
                smtp_url=env_optional("SMTP_URL"),
                mail_dir=Path(env_str("MAIL_DIR", default=str(var_dir() / "mail"))),
                sender=env_str("MAIL_FROM", default="Tessera <bookings@tessera.local>"),
                public_url=env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000"),
                link_key=common.identity_signing_key,
            ),
            retry=RetrySettings(
                base_seconds=env_float("RETRY_BACKOFF_BASE_SECONDS", 2.0),
                max_seconds=env_float("RETRY_BACKOFF_MAX_SECONDS", 240.0),
                # About half an hour of SMTP outage at the defaults before a dead letter.
                email_max_retries=env_int("EMAIL_MAX_RETRIES", 15),
                max_retries=env_int("CONSUMER_MAX_RETRIES", 20),
            ),
        )
