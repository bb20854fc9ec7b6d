"""`GET /api/v1/audit`: the notification service's audit log, for staff of the venue asked about.

A staff member must name exactly one venue they have a role at; another venue's trail is a
404, as if it did not exist. Admins may leave the venue out. The query is passed on as given
(the notification service validates the rest) with the service credential added.
"""
from __future__ import annotations

from flask import Blueprint, current_app, request

from gateway.identity.guard import staff_identity
from shared.errors import NotFound, ValidationFailed
from shared.service_auth import SERVICE_TOKEN_HEADER

blp = Blueprint("audit", __name__)


@blp.get("/api/v1/audit")
def audit_log():
    identity = staff_identity()
    venues = request.args.getlist("venue")
    if len(venues) > 1 or (not venues and not identity.admin):
        raise ValidationFailed(details={"venue": ["Give exactly one venue."]})
    if venues and not identity.may_see(venues[0]):
        raise NotFound()
    upstream = current_app.extensions["tessera_upstreams"]["notification"]
    return upstream.forward("/v1/audit", extra_headers={SERVICE_TOKEN_HEADER: current_app.config["SERVICE_TOKEN"]})
