"""Maintenance jobs, run when the maintenance worker (scheduled by beat) calls them."""
from __future__ import annotations

import logging

from flask.views import MethodView
from flask_smorest import Blueprint

from availability_service.holds.expiry import expire_overdue_holds
from availability_service.ledger import check_ledger, ledger_is_sound
from availability_service.slots.service import fill_horizon
from shared.errors import NotFound
from shared.openapi import documents_errors
from shared.service_auth import require_service_token

log = logging.getLogger(__name__)
blp = Blueprint("jobs", __name__, url_prefix="/internal/jobs", description="Maintenance jobs (internal)")


def check_ledger_job() -> dict:
    report = check_ledger()
    if not ledger_is_sound(report):
        log.error("capacity ledger violated", extra=report)
    return report


JOBS = {
    "expire-holds": expire_overdue_holds,
    "fill-slot-horizon": fill_horizon,
    "check-ledger": check_ledger_job,
}


@blp.route("/<string:job>")
class Job(MethodView):
    decorators = [require_service_token]

    @blp.response(200)
    @documents_errors(blp, 401, 404)
    def post(self, job):
        """Run one maintenance job now and report what it did: expire-holds, fill-slot-horizon, check-ledger."""
        if job not in JOBS:
            raise NotFound("No such job.")
        return {"job": job, "result": JOBS[job]()}
