"""The booking service's scheduled jobs, run by its own worker on the schedule of its own beat
(booking_service/worker.py), and on request at `POST /internal/jobs/<job>`."""

from __future__ import annotations

from booking_service import reminders
from booking_service.config import Settings
from booking_service.reconciliation import purge_idempotency_keys, reconcile
from booking_service.reservations.completion import complete_past_reservations
from booking_service.reservations.waitlist import process_waitlist
from shared.celery_app import Job
from shared.jobs import jobs_blueprint


def jobs(settings: Settings) -> dict[str, Job]:
    return {
        "reconcile": Job(reconcile, settings.reconcile_interval_seconds),
        "send-reminders": Job(reminders.send_due, settings.reminder_interval_seconds),
        "purge-idempotency-keys": Job(purge_idempotency_keys, 3600.0),
        "process-waitlist": Job(process_waitlist, settings.waitlist_interval_seconds),
        "complete-reservations": Job(complete_past_reservations, settings.completion_interval_seconds),
    }


blp = jobs_blueprint(
    {
        "reconcile": reconcile,
        "send-reminders": reminders.send_due,
        "purge-idempotency-keys": purge_idempotency_keys,
        "process-waitlist": process_waitlist,
        "complete-reservations": complete_past_reservations,
    }
)
