"""`GET /api/v1/audit`: the notification service's audit log, for staff of the venue asked about.

A staff member must name exactly one venue they have a role at; another venue's trail is a
404, as if it did not exist. Admins may leave the venue out. The query is passed on as given
(the notification service validates the rest and checks the venue again against the
caller's signed identity).
"""

from __future__ import annotations

from flask import Blueprint, current_app, request

from gateway.config import Route
from gateway.identity.guard import required_caller
from shared.errors import ValidationFailed
from shared.identity import AUDIT_READ
from shared.service_auth import authorize

# Also how the public API documentation finds this route's parameters and answers.
ROUTE = Route("/api/v1/audit", "notification", "/v1/audit")

blp = Blueprint("audit", __name__)


@blp.get(ROUTE.public_prefix)
def audit_log():
    caller = required_caller()
    venues = request.args.getlist("venue")
    if len(venues) > 1 or (not venues and not caller.admin):
        raise ValidationFailed(details={"venue": ["Give exactly one venue."]})
    if venues:
        authorize(caller, venues[0], AUDIT_READ)
    return current_app.extensions["tessera_upstreams"][ROUTE.upstream].forward(ROUTE.upstream_prefix, caller=caller)
