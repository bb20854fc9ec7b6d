"""Maintenance jobs, run when the maintenance worker (scheduled by beat) calls them."""
from __future__ import annotations

import logging

from availability_service.holds.expiry import expire_overdue_holds
from availability_service.ledger import check_ledger, ledger_is_sound
from availability_service.slots.service import fill_horizon
from shared.jobs import jobs_blueprint

log = logging.getLogger(__name__)


def check_ledger_job() -> dict:
    report = check_ledger()
    if not ledger_is_sound(report):
        log.error("capacity ledger violated", extra=report)
    return report


blp = jobs_blueprint({
    "expire-holds": expire_overdue_holds,
    "fill-slot-horizon": fill_horizon,
    "check-ledger": check_ledger_job,
})
