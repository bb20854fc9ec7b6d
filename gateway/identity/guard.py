"""Who is calling: a staff member (access token) or an integration (API key), from
`Authorization: Bearer ...`, checked on every request that carries one."""

from __future__ import annotations

from flask import current_app, g, request

from gateway.identity.api_keys import caller_for_api_key
from gateway.identity.tokens import InvalidToken, read_access_token
from shared.identity import Caller, caller_for_roles
from shared.service_auth import AuthenticationRequired

MAX_TOKEN_LENGTH = 4096


def bearer_token() -> str | None:
    """The token of a `Bearer <token>` header; None without the header; 401 for any other form."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token or " " in token or len(token) > MAX_TOKEN_LENGTH:
        raise AuthenticationRequired()
    return token


def caller_for_token(token: str) -> Caller | None:
    """The staff member or API key behind `token`, or None."""
    try:
        staff = read_access_token(token, current_app.config["JWT_SECRET"])
    except InvalidToken:
        return caller_for_api_key(token)
    return caller_for_roles("staff", staff.user_id, admin=staff.admin, roles=staff.roles, name=staff.email)


def optional_caller() -> Caller | None:
    """The authenticated caller, or None for an anonymous request; a credential that does not
    check out is a 401, never silently anonymous."""
    if "gateway_caller" not in g:
        token = bearer_token()
        caller = None if token is None else caller_for_token(token)
        if token is not None and caller is None:
            raise AuthenticationRequired()
        g.gateway_caller = caller
    return g.gateway_caller


def required_caller() -> Caller:
    caller = optional_caller()
    if caller is None:
        raise AuthenticationRequired()
    return caller
