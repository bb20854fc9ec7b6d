"""The availability service's scheduled jobs, run by its own worker on the schedule of its own
beat (availability_service/worker.py), and on request at `POST /internal/jobs/<job>`."""

from __future__ import annotations

import logging

from availability_service.config import Settings
from availability_service.holds.expiry import expire_overdue_holds
from availability_service.ledger import check_ledger, ledger_is_sound
from availability_service.slots.service import fill_horizon
from shared.celery_app import Job
from shared.jobs import jobs_blueprint

log = logging.getLogger(__name__)


def check_ledger_job() -> dict:
    report = check_ledger()
    if not ledger_is_sound(report):
        log.error("capacity ledger violated", extra=report)
    return report


def jobs(settings: Settings) -> dict[str, Job]:
    return {
        "expire-holds": Job(expire_overdue_holds, settings.hold_expiry_interval_seconds),
        "fill-slot-horizon": Job(fill_horizon, 3600.0),
        "check-ledger": Job(check_ledger_job, 3600.0),
    }


blp = jobs_blueprint(
    {"expire-holds": expire_overdue_holds, "fill-slot-horizon": fill_horizon, "check-ledger": check_ledger_job}
)
