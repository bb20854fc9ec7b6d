"""The availability service's Celery app: its worker runs the service's own scheduled jobs
(expire overdue holds, keep the slot horizon filled, check the ledger), scheduled by its own beat.

    celery -A availability_service.worker worker -Q availability   # the jobs
    celery -A availability_service.worker beat                     # exactly one
"""

from __future__ import annotations

from celery import signals

from availability_service.config import Settings
from availability_service.extensions import bind_extensions
from availability_service.jobs import jobs
from shared.celery_app import make_celery, schedule_jobs
from shared.logging import configure_logging

QUEUE = "availability"

settings = Settings.from_env()
bind_extensions(settings)

app = make_celery("availability", settings.common.redis_url, queues=(QUEUE,))
schedule_jobs(app, "availability", jobs(settings))


@signals.setup_logging.connect
def _json_logging(**_kwargs):
    configure_logging("availability-worker", settings.common.log_level)
