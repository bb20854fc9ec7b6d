"""The service credential that guards `/internal/...` routes.

Internal calls carry a shared secret in `X-Service-Token`; the gateway never forwards that
header from clients and never routes to `/internal/`. Compared in constant time.
"""
from __future__ import annotations

import hmac
from functools import wraps

from flask import current_app, request

from shared.errors import ApiError

SERVICE_TOKEN_HEADER = "X-Service-Token"


class ServiceCredentialRequired(ApiError):
    status, code, message = 401, "service_credential_required", "A valid service credential is required."


def has_service_token() -> bool:
    """Whether this request carries the service credential."""
    expected = current_app.config["SERVICE_TOKEN"]
    given = request.headers.get(SERVICE_TOKEN_HEADER, "")
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


def require_service_token(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not has_service_token():
            raise ServiceCredentialRequired()
        return view(*args, **kwargs)

    return wrapper


# A service's staff endpoints are called by the gateway, which authenticates the staff member
# and checks their venue; the service itself trusts only the gateway's credential.
require_staff = require_service_token
