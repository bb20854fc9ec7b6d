"""`POST /internal/jobs/<job>`: how the maintenance worker runs a service's jobs inside it."""

from __future__ import annotations

from collections.abc import Callable

from flask.views import MethodView

from shared.errors import NotFound
from shared.openapi import Blueprint, documents_errors
from shared.service_auth import require_service_token


def jobs_blueprint(jobs: dict[str, Callable[[], dict]]) -> Blueprint:
    """A blueprint running each named job on request and answering with its report."""
    blp = Blueprint("jobs", __name__, url_prefix="/internal/jobs", description="Maintenance jobs (internal)")

    @blp.route("/<string:job>")
    class Job(MethodView):
        decorators = [require_service_token]

        @blp.response(200)
        @documents_errors(blp, 401, 404)
        def post(self, job):
            if job not in jobs:
                raise NotFound("No such job.")
            return {"job": job, "result": jobs[job]()}

    Job.post.__doc__ = f"Run one maintenance job now and report what it did: {', '.join(jobs)}."
    return blp
