"""Who is calling: the staff identity from a bearer access token, checked on every request."""
from __future__ import annotations

from flask import current_app, request

from gateway.identity.tokens import InvalidToken, StaffIdentity, read_access_token
from shared.errors import ApiError


class AuthenticationRequired(ApiError):
    status, code, message = 401, "authentication_required", "A valid staff access token is required."


def staff_identity() -> StaffIdentity:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise AuthenticationRequired()
    try:
        return read_access_token(token.strip(), current_app.config["JWT_SECRET"])
    except InvalidToken as exc:
        raise AuthenticationRequired() from exc
