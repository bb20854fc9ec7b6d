"""The notification service's Celery app: its worker handles the events the service subscribes
to (notification_service/subscriber.py hands each one over as one task): the audit row, then
the e-mail.

    python -m notification_service.subscriber                         # the events, into the queue
    celery -A notification_service.worker worker -Q notification      # the tasks
"""

from __future__ import annotations

from celery import signals

from notification_service.config import Settings
from notification_service.extensions import bind_extensions
from notification_service.subscriptions import QUEUE
from shared.celery_app import make_celery
from shared.faults import arm_from_environment
from shared.logging import configure_logging

settings = Settings.from_env()
bind_extensions(settings)
arm_from_environment()

app = make_celery("notification", settings.common.redis_url, queues=(QUEUE,), include=["notification_service.tasks"])


@signals.setup_logging.connect
def _json_logging(**_kwargs):
    configure_logging("notification-worker", settings.common.log_level)
