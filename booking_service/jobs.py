"""Maintenance jobs, run when the maintenance worker (scheduled by beat) calls them."""
from flask.views import MethodView
from flask_smorest import Blueprint

from booking_service import reminders
from booking_service.reconciliation import purge_idempotency_keys, reconcile
from shared.errors import NotFound
from shared.openapi import documents_errors
from shared.service_auth import require_service_token

blp = Blueprint("booking_jobs", __name__, url_prefix="/internal/jobs", description="Maintenance jobs (internal)")

JOBS = {
    "reconcile": reconcile,
    "send-reminders": reminders.send_due,
    "purge-idempotency-keys": purge_idempotency_keys,
}


@blp.route("/<string:job>")
class Job(MethodView):
    decorators = [require_service_token]

    @blp.response(200)
    @documents_errors(blp, 401, 404)
    def post(self, job):
        """Run one maintenance job now and report what it did: reconcile, send-reminders, purge-idempotency-keys."""
        if job not in JOBS:
            raise NotFound("No such job.")
        return {"job": job, "result": JOBS[job]()}
