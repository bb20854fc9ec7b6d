"""Celery tasks of the notification service: what it does with each booking event.

One task per event (the subscriber hands each event over once): the audit row, then the e-mail.
Each handler is idempotent (it dedupes on (event id, handler) in the transaction of its effect),
so a task run again redoes only what did not happen. An event of a major version this service
does not know is dead-lettered at once, with the reason. The failure policy:
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

from notification_service import dead_letters, emails
from notification_service.audit.service import record_event
from notification_service.mailer import TransientMailError
from notification_service.subscriptions import BOOKING_EVENTS_MAJOR, QUEUE
from notification_service.worker import app, settings
from shared.events import major_version
from shared.faults import crash_point

log = logging.getLogger(__name__)

# A database or Redis that does not answer is transient: retry instead of acknowledging the
# message away (the event stream has already handed it over).
TRANSIENT = (OperationalError, RedisError, TransientMailError)
# Retries left to an unexpected error: a poison event is dead-lettered after three attempts.
POISON_RETRIES = 2


def backoff_with_jitter(retries: int) -> float:
    retry = settings.retry
    return random.uniform(0, min(retry.max_seconds, retry.base_seconds * (2**retries)))


class UnknownEventVersion(Exception):
    """An event of a major version this service was not written for."""


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
            except UnknownEventVersion:
                raise  # nothing to retry: dead-lettered with its reason
            except TRANSIENT as exc:
                # An SMTP server may be away for a long time; the database and Redis come back sooner.
                limit = settings.retry.email_max_retries if isinstance(exc, TransientMailError) else None
                raise self.retry(
                    exc=exc, countdown=backoff_with_jitter(self.request.retries), max_retries=limit
                ) from exc
            except Exception as exc:
                if self.request.retries >= POISON_RETRIES:
                    raise
                log.warning("unexpected error, retrying", exc_info=True)
                raise self.retry(exc=exc, countdown=backoff_with_jitter(self.request.retries)) from exc

        return run

    return register


@signals.task_failure.connect
def _dead_letter(sender=None, task_id=None, exception=None, args=None, **_kwargs):
    """Keep every consumer task that failed for good (in the pool child, or in the worker's
    main process for a lost worker or a hard time limit)."""
    if not isinstance(sender, ConsumerTask):
        return
    event = args[0] if args else {}
    try:
        dead_letters.record(
            task_name=sender.name,
            queue=sender.queue,
            task_id=task_id,
            event=event,
            reason=f"{type(exception).__name__}: {exception}",
            attempts=(sender.request.retries or 0) + 1,
        )
    except Exception:
        log.exception(
            "dead letter could not be stored",
            extra={
                "task": sender.name,
                "task_id": task_id,
                "event_id": event.get("event_id") if isinstance(event, dict) else None,
            },
        )


@consumer("notification.handle_booking_event", QUEUE, max_retries=settings.retry.max_retries)
def handle_booking_event(event: dict) -> dict:
    if major_version(event) != BOOKING_EVENTS_MAJOR:
        raise UnknownEventVersion(
            f"booking events of version {event.get('version')!r}: this service reads "
            f"major version {BOOKING_EVENTS_MAJOR}"
        )
    return {"audit": record_event(event), "email": emails.send_booking_email(event, settings.mail)}
