"""Celery tasks of the notification service: the event consumers and the maintenance runner.

Every consumer takes one event envelope and is idempotent (each handler dedupes on
(event id, handler) in the transaction of its effect). Their failure policy:
- transient (database, Redis, SMTP unavailable or 4xx): retried with exponential backoff and
  full jitter, up to the configured number of retries;
- anything else is a bug or a poison event: two more tries, then no more;
- a task that kills its worker process is retried by Celery (`retry_on_worker_lost`) and
  counted the same way, so it cannot loop forever;
- whatever fails for good lands in the dead-letter table (dead_letters.py).
"""
from __future__ import annotations

import logging
import random

from celery import Task, signals
from redis.exceptions import RedisError
from sqlalchemy.exc import OperationalError

from notification_service import cache, dead_letters, emails
from notification_service.audit.service import record_event
from notification_service.mailer import TransientMailError
from notification_service.worker import app, settings
from shared.celery_app import AUDIT_QUEUE, CACHE_QUEUE, EMAIL_QUEUE, MAINTENANCE_QUEUE
from shared.config import client_timeouts
from shared.faults import crash_point
from shared.http import ServiceClient

log = logging.getLogger(__name__)

# A database or Redis that does not answer is transient: retry instead of acknowledging the
# message away (its outbox row is already marked published).
TRANSIENT = (OperationalError, RedisError, TransientMailError)
# Retries left to an unexpected error: a poison event is dead-lettered after three attempts.
POISON_RETRIES = 2


def backoff_with_jitter(retries: int) -> float:
    retry = settings.retry
    return random.uniform(0, min(retry.max_seconds, retry.base_seconds * (2 ** retries)))


class ConsumerTask(Task):
    """Base of the event consumers; see the module docstring for the failure policy."""

    abstract = True
    retry_on_worker_lost = True
    default_retry_delay = settings.retry.base_seconds  # the delay after a lost worker


def consumer(name: str, queue: str, *, max_retries: int):
    """Register `handler(event)` as a consumer task with the shared failure policy."""
    def register(handler):
        @app.task(name=name, bind=True, base=ConsumerTask, queue=queue, max_retries=max_retries)
        def run(self, event: dict):
            crash_point(f"consume:{event.get('event_id')}")  # the test suite's poison pill
            try:
                return handler(event)
            except TRANSIENT as exc:
                raise self.retry(exc=exc, countdown=backoff_with_jitter(self.request.retries))
            except Exception as exc:
                if self.request.retries >= POISON_RETRIES:
                    raise
                log.warning("unexpected error, retrying", exc_info=True)
                raise self.retry(exc=exc, countdown=backoff_with_jitter(self.request.retries))
        return run
    return register


@signals.task_failure.connect
def _dead_letter(sender=None, task_id=None, exception=None, args=None, **_kwargs):
    """Keep every consumer task that failed for good (in the pool child, or in the worker's
    main process for a lost worker or a hard time limit)."""
    if not isinstance(sender, ConsumerTask):
        return
    event = args[0] if args else None
    try:
        dead_letters.record(task_name=sender.name, queue=sender.queue, task_id=task_id, event=event,
                            reason=f"{type(exception).__name__}: {exception}",
                            attempts=(sender.request.retries or 0) + 1)
    except Exception:
        log.exception("dead letter could not be stored", extra={
            "task": sender.name, "task_id": task_id, "event_id": event.get("event_id") if isinstance(event, dict) else None})


@consumer("notification.send_booking_email", EMAIL_QUEUE, max_retries=settings.retry.email_max_retries)
def send_booking_email(event: dict) -> str:
    return emails.send_booking_email(event, settings.mail)


@consumer("notification.record_audit_entry", AUDIT_QUEUE, max_retries=settings.retry.max_retries)
def record_audit_entry(event: dict) -> bool:
    return record_event(event)


@consumer("notification.invalidate_availability", CACHE_QUEUE, max_retries=settings.retry.max_retries)
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
