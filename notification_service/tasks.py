"""Celery tasks of the notification service. Each takes an event envelope and is idempotent."""
from __future__ import annotations

import logging
import random

from redis.exceptions import RedisError
from sqlalchemy.exc import OperationalError

from notification_service import cache, emails
from notification_service.audit.service import record_event
from notification_service.mailer import TransientMailError
from notification_service.worker import app, settings
from shared.celery_app import AUDIT_QUEUE, CACHE_QUEUE, EMAIL_QUEUE, MAINTENANCE_QUEUE
from shared.config import client_timeouts
from shared.http import ServiceClient

log = logging.getLogger(__name__)

EMAIL_MAX_RETRIES = 8
# A database or Redis that does not answer is transient: retry with backoff instead of
# acknowledging the message away (its outbox row is already marked published).
TRANSIENT_INFRASTRUCTURE = (OperationalError, RedisError)
RETRY_TRANSIENT = {"autoretry_for": TRANSIENT_INFRASTRUCTURE, "retry_backoff": 2, "retry_backoff_max": 300,
                   "retry_jitter": True, "max_retries": 20}


def backoff_with_jitter(retries: int, base: float = 2.0, cap: float = 300.0) -> float:
    return random.uniform(0, min(cap, base * (2 ** retries)))


@app.task(name="notification.send_booking_email", bind=True, queue=EMAIL_QUEUE,
          **{**RETRY_TRANSIENT, "max_retries": EMAIL_MAX_RETRIES})
def send_booking_email(self, event: dict) -> str:
    try:
        return emails.send_booking_email(event, smtp_url=settings.smtp_url, mail_dir=settings.mail_dir,
                                         sender=settings.mail_from)
    except TransientMailError as exc:
        raise self.retry(exc=exc, countdown=backoff_with_jitter(self.request.retries))


@app.task(name="notification.record_audit_entry", queue=AUDIT_QUEUE, **RETRY_TRANSIENT)
def record_audit_entry(event: dict) -> bool:
    return record_event(event)


@app.task(name="notification.invalidate_availability", queue=CACHE_QUEUE, **RETRY_TRANSIENT)
def invalidate_availability(event: dict) -> int:
    return cache.invalidate_for_event(event)


_JOB_CLIENTS = {
    name: ServiceClient(url, service_token=settings.common.service_token, timeouts=client_timeouts(settings.common))
    for name, url in (("availability", settings.common.availability_url), ("booking", settings.common.booking_url))
}


@app.task(name="notification.run_maintenance_job", queue=MAINTENANCE_QUEUE)
def run_maintenance_job(service: str, job: str) -> dict:
    """Run a service's maintenance job on that service itself, over its internal API."""
    response = _JOB_CLIENTS[service].post(f"/internal/jobs/{job}", idempotent=True)
    response.raise_for_status()
    return response.json()
