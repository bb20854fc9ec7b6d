"""How a service knows who called it.

Internal calls carry a shared secret in `X-Service-Token`; the gateway never forwards that
header from clients and never routes to `/internal/`. Compared in constant time.

Staff routes need that credential too. Through the gateway they also carry the caller's
signed identity (shared/identity.py), and the service then enforces the caller's venues
itself: another venue's things are a 404, as if they did not exist, and a role that does not
allow the action is a 403. A call with the credential and no identity is the platform itself
(another service, an operator's command).
"""

from __future__ import annotations

import hmac
from functools import wraps

from flask import current_app, g, request

from shared.errors import ApiError, NotFound
from shared.identity import IDENTITY_HEADER, Caller, InvalidIdentity, verify_identity
from shared.openapi import documents_access

SERVICE_TOKEN_HEADER = "X-Service-Token"


class ServiceCredentialRequired(ApiError):
    status, code, message = 401, "service_credential_required", "A valid service credential is required."


class AuthenticationRequired(ApiError):
    status, code, message = 401, "authentication_required", "A valid staff access token or API key is required."


class NotPermitted(ApiError):
    status, code, message = 403, "forbidden", "Your role or key does not allow this."


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


def current_caller() -> Caller | None:
    """The verified caller, or None for a request without the service credential (a customer)."""
    if "tessera_caller" not in g:
        g.tessera_caller = _verified_caller() if has_service_token() else None
    return g.tessera_caller


def _verified_caller() -> Caller:
    token = request.headers.get(IDENTITY_HEADER)
    if token is None:
        return Caller.platform()
    try:
        return verify_identity(token, current_app.config["IDENTITY_SIGNING_KEY"])
    except InvalidIdentity as exc:
        raise ServiceCredentialRequired() from exc


def staff_caller() -> Caller:
    """The caller of a staff route: staff, an API key or the platform; anyone else is a 401."""
    caller = current_caller()
    if caller is None or caller.kind == "customer":
        raise AuthenticationRequired()
    return caller


def authorize(caller: Caller, venue: str, permission: str) -> None:
    if not caller.sees(venue):
        raise NotFound()
    if not caller.may(venue, permission):
        raise NotPermitted()


def require_staff(permission: str):
    """A staff route needing `permission`. When the route has a `venue` in its path it is
    checked here; otherwise the view checks the venue of what it loads."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            caller = staff_caller()
            if "venue" in kwargs:
                authorize(caller, kwargs["venue"], permission)
            return view(*args, **kwargs)

        return documents_access("staff")(wrapper)

    return decorate


def require_admin(view):
    """A route that is not about one venue (creating a venue): admins and the platform only."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not staff_caller().admin:
            raise NotPermitted()
        return view(*args, **kwargs)

    return documents_access("admin")(wrapper)
