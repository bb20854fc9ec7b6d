"""The booking service's Celery app: its worker runs the service's own scheduled jobs (send the
confirms and releases still owed, check bookings against their holds, put due reminders in the
outbox, purge old idempotency keys), scheduled by its own beat. Events leave through the outbox
relay (booking_service/relay.py), not through this app.

    celery -A booking_service.worker worker -Q booking   # the jobs
    celery -A booking_service.worker beat               # exactly one
"""

from __future__ import annotations

from celery import signals

from booking_service.config import Settings
from booking_service.extensions import bind_extensions
from booking_service.jobs import jobs
from shared.celery_app import make_celery, schedule_jobs
from shared.logging import configure_logging

QUEUE = "booking"

settings = Settings.from_env()
bind_extensions(settings)

app = make_celery("booking", settings.common.redis_url, queues=(QUEUE,))
schedule_jobs(app, "booking", jobs(settings))


@signals.setup_logging.connect
def _json_logging(**_kwargs):
    configure_logging("booking-worker", settings.common.log_level)
