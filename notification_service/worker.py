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
from shared.logging import configure_logging

settings = Settings.from_env()
bind_extensions(settings)

app = make_celery("notification", settings.common.redis_url, include=["notification_service.tasks"])
app.conf.beat_schedule = {
    "expire-holds": {
        "task": "notification.run_maintenance_job",
        "schedule": env_float("HOLD_EXPIRY_INTERVAL", 15.0),
        "args": ("availability", "expire-holds"),
        "options": {"queue": MAINTENANCE_QUEUE, "expires": 60},
    },
    "fill-slot-horizon": {
        "task": "notification.run_maintenance_job",
        "schedule": 3600.0,
        "args": ("availability", "fill-slot-horizon"),
        "options": {"queue": MAINTENANCE_QUEUE, "expires": 1800},
    },
    "reconcile-bookings": {
        "task": "notification.run_maintenance_job",
        "schedule": env_float("RECONCILE_INTERVAL", 60.0),
        "args": ("booking", "reconcile"),
        "options": {"queue": MAINTENANCE_QUEUE, "expires": 120},
    },
    "send-reminders": {
        "task": "notification.run_maintenance_job",
        "schedule": env_float("REMINDER_INTERVAL", 60.0),
        "args": ("booking", "send-reminders"),
        "options": {"queue": MAINTENANCE_QUEUE, "expires": 120},
    },
    "purge-idempotency-keys": {
        "task": "notification.run_maintenance_job",
        "schedule": 3600.0,
        "args": ("booking", "purge-idempotency-keys"),
        "options": {"queue": MAINTENANCE_QUEUE, "expires": 1800},
    },
    "check-ledger": {
        "task": "notification.run_maintenance_job",
        "schedule": 3600.0,
        "args": ("availability", "check-ledger"),
        "options": {"queue": MAINTENANCE_QUEUE, "expires": 1800},
    },
}


@signals.setup_logging.connect
def _json_logging(**_kwargs):
    configure_logging("notification-worker", settings.common.log_level)
