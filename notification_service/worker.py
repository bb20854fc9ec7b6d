"""The Celery app of the notification workers and of beat.

    celery -A notification_service.worker worker -Q email        # e-mails
    celery -A notification_service.worker worker -Q audit        # audit log
    celery -A notification_service.worker worker -Q cache        # cache invalidation
    celery -A notification_service.worker worker -Q maintenance  # scheduled jobs
    celery -A notification_service.worker beat                   # the one scheduler
"""
from __future__ import annotations

from celery import signals

from notification_service.config import Settings
from notification_service.extensions import bind_extensions
from shared.celery_app import MAINTENANCE_QUEUE, make_celery
from shared.config import env_float
from shared.faults import arm_from_environment
from shared.logging import configure_logging

settings = Settings.from_env()
bind_extensions(settings)
arm_from_environment()

app = make_celery("notification", settings.common.redis_url, include=["notification_service.tasks"])


def _maintenance(service: str, job: str, every_seconds: float) -> dict:
    """A beat entry running `job` on `service`; a run still queued after half its period (at
    least a minute) is dropped, the next one will come."""
    return {"task": "notification.run_maintenance_job", "schedule": every_seconds, "args": (service, job),
            "options": {"queue": MAINTENANCE_QUEUE, "expires": max(60.0, every_seconds / 2)}}


app.conf.beat_schedule = {
    "expire-holds": _maintenance("availability", "expire-holds", env_float("HOLD_EXPIRY_INTERVAL", 15.0)),
    "fill-slot-horizon": _maintenance("availability", "fill-slot-horizon", 3600.0),
    "check-ledger": _maintenance("availability", "check-ledger", 3600.0),
    "reconcile-bookings": _maintenance("booking", "reconcile", env_float("RECONCILE_INTERVAL", 60.0)),
    "send-reminders": _maintenance("booking", "send-reminders", env_float("REMINDER_INTERVAL", 60.0)),
    "purge-idempotency-keys": _maintenance("booking", "purge-idempotency-keys", 3600.0),
}


@signals.setup_logging.connect
def _json_logging(**_kwargs):
    configure_logging("notification-worker", settings.common.log_level)
