"""Maintenance jobs, run when the maintenance worker (scheduled by beat) calls them."""
from flask.views import MethodView
from flask_smorest import Blueprint

from availability_service.holds.expiry import expire_overdue_holds
from availability_service.slots.service import fill_horizon
from shared.errors import NotFound
from shared.service_auth import require_service_token

blp = Blueprint("jobs", __name__, url_prefix="/internal/jobs", description="Maintenance jobs (internal)")

JOBS = {
    "expire-holds": expire_overdue_holds,
    "fill-slot-horizon": fill_horizon,
}


@blp.route("/<string:job>")
class Job(MethodView):
    decorators = [require_service_token]

    @blp.response(200)
    def post(self, job):
        """Run one maintenance job now and report what it did."""
        if job not in JOBS:
            raise NotFound("No such job.")
        return {"job": job, "result": JOBS[job]()}
