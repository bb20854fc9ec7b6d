"""Staff sessions at `/api/v1/auth`: log in for a short-lived access token and a refresh
token, refresh (which rotates the refresh token), log out (which revokes it), and who the
access token is (the staff app shows their venues and roles)."""

from __future__ import annotations

from flask import current_app, request
from marshmallow import Schema, ValidationError, fields, validate

from gateway.identity.guard import bearer_token
from gateway.identity.service import authenticate
from gateway.identity.sessions import end_session, rotate, start_session
from gateway.identity.tokens import InvalidToken, StaffIdentity, issue_access_token, read_access_token
from gateway.limits import login_limit
from shared.errors import ValidationFailed
from shared.openapi import Blueprint, documents_errors
from shared.schemas import StrictSchema
from shared.service_auth import AuthenticationRequired

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Staff sessions")


class LoginSchema(StrictSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, validate=validate.Length(min=1, max=1024))


class RefreshSchema(StrictSchema):
    refresh_token = fields.String(required=True, validate=validate.Length(min=1, max=200))


class TokensSchema(StrictSchema):
    access_token = fields.String(required=True, metadata={"description": "`Authorization: Bearer <access_token>`"})
    token_type = fields.String(required=True, validate=validate.OneOf(["Bearer"]))
    expires_in = fields.Integer(required=True, metadata={"description": "Seconds the access token is valid"})
    refresh_token = fields.String(required=True, metadata={"description": "Single use: each refresh returns the next"})
    refresh_expires_in = fields.Integer(required=True, metadata={"description": "Seconds the refresh token is valid"})


def documents_body(schema: type[Schema]):
    """Document the JSON body a view reads with `_load` (which keeps its own error answers)."""
    return blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": schema}}})


class StaffSchema(StrictSchema):
    id = fields.String(required=True)
    email = fields.String(required=True)
    admin = fields.Boolean(required=True, metadata={"description": "Reaches every venue"})
    roles = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={"description": "Venue slug -> owner, manager or staff"},
    )


tokens_response = blp.alt_response(200, schema=TokensSchema, success=True)


def _load(schema: Schema) -> dict:
    try:
        return schema.load(request.get_json(silent=True) or {})
    except ValidationError as exc:
        raise ValidationFailed(details=exc.messages) from exc


def _tokens(identity: StaffIdentity, refresh_token: str) -> dict:
    config = current_app.config
    return {
        "access_token": issue_access_token(identity, config["JWT_SECRET"], config["ACCESS_TOKEN_TTL_SECONDS"]),
        "token_type": "Bearer",
        "expires_in": config["ACCESS_TOKEN_TTL_SECONDS"],
        "refresh_token": refresh_token,
        "refresh_expires_in": config["REFRESH_TOKEN_TTL_SECONDS"],
    }


@blp.post("/login")
@documents_body(LoginSchema)
@tokens_response
@documents_errors(blp, 401, 422)
@login_limit
def login():
    """Log in: a short-lived access token and a refresh token.

    401 `invalid_credentials` alike for a wrong password and an unknown account.
    """
    credentials = _load(LoginSchema())
    identity = authenticate(credentials["email"], credentials["password"])
    return _tokens(identity, start_session(identity, current_app.config["REFRESH_TOKEN_TTL_SECONDS"]))


@blp.post("/refresh")
@documents_body(RefreshSchema)
@tokens_response
@documents_errors(blp, 401, 422)
@login_limit
def refresh():
    """New tokens for a refresh token, which is used up.

    401 `invalid_refresh_token`; presenting a used one again revokes its whole family.
    """
    identity, next_token = rotate(
        _load(RefreshSchema())["refresh_token"], current_app.config["REFRESH_TOKEN_TTL_SECONDS"]
    )
    return _tokens(identity, next_token)


@blp.post("/logout")
@documents_body(RefreshSchema)
@blp.alt_response(204, description="Logged out (also when already logged out)", success=True)
@documents_errors(blp, 422)
@login_limit
def logout():
    """Log out: revoke the refresh token's family."""
    end_session(_load(RefreshSchema())["refresh_token"])
    return "", 204


@blp.get("/me")
@blp.response(200, StaffSchema)
@blp.doc(security=[{"bearerAuth": []}])
@documents_errors(blp, 401)
def me():
    """The staff member the access token belongs to, with their venues and roles."""
    token = bearer_token()
    try:
        identity = read_access_token(token, current_app.config["JWT_SECRET"]) if token else None
    except InvalidToken:
        identity = None
    if identity is None:
        raise AuthenticationRequired()
    return {"id": identity.user_id, "email": identity.email, "admin": identity.admin, "roles": identity.roles}
