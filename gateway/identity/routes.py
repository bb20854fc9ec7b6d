"""Staff sessions at `/api/v1/auth`: log in for a short-lived access token and a refresh
token, refresh (which rotates the refresh token), log out (which revokes it)."""
from __future__ import annotations

from flask import Blueprint, current_app, request
from marshmallow import Schema, ValidationError, fields, validate

from gateway.identity.service import authenticate
from gateway.identity.sessions import end_session, rotate, start_session
from gateway.identity.tokens import StaffIdentity, issue_access_token
from gateway.limits import login_limit
from shared.errors import ValidationFailed
from shared.schemas import StrictSchema

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth")


class LoginSchema(StrictSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, validate=validate.Length(min=1, max=1024))


class RefreshSchema(StrictSchema):
    refresh_token = fields.String(required=True, validate=validate.Length(min=1, max=200))


def _load(schema: Schema) -> dict:
    try:
        return schema.load(request.get_json(silent=True) or {})
    except ValidationError as exc:
        raise ValidationFailed(details=exc.messages) from exc


def _tokens(identity: StaffIdentity, refresh_token: str) -> dict:
    config = current_app.config
    return {"access_token": issue_access_token(identity, config["JWT_SECRET"], config["ACCESS_TOKEN_TTL_SECONDS"]),
            "token_type": "Bearer", "expires_in": config["ACCESS_TOKEN_TTL_SECONDS"],
            "refresh_token": refresh_token, "refresh_expires_in": config["REFRESH_TOKEN_TTL_SECONDS"]}


@blp.post("/login")
@login_limit
def login():
    credentials = _load(LoginSchema())
    identity = authenticate(credentials["email"], credentials["password"])
    return _tokens(identity, start_session(identity, current_app.config["REFRESH_TOKEN_TTL_SECONDS"]))


@blp.post("/refresh")
@login_limit
def refresh():
    identity, next_token = rotate(_load(RefreshSchema())["refresh_token"],
                                  current_app.config["REFRESH_TOKEN_TTL_SECONDS"])
    return _tokens(identity, next_token)


@blp.post("/logout")
@login_limit
def logout():
    end_session(_load(RefreshSchema())["refresh_token"])
    return "", 204
