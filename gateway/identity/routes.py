"""`POST /api/v1/auth/login`: staff e-mail and password for a short-lived access token."""
from __future__ import annotations

from flask import Blueprint, current_app, request
from marshmallow import ValidationError, fields, validate

from gateway.identity.service import authenticate
from gateway.identity.tokens import issue_access_token
from gateway.limits import login_limit
from shared.errors import ValidationFailed
from shared.schemas import StrictSchema

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth")


class LoginSchema(StrictSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, validate=validate.Length(min=1, max=1024))


@blp.post("/login")
@login_limit
def login():
    try:
        credentials = LoginSchema().load(request.get_json(silent=True) or {})
    except ValidationError as exc:
        raise ValidationFailed(details=exc.messages) from exc
    identity = authenticate(credentials["email"], credentials["password"])
    ttl = current_app.config["ACCESS_TOKEN_TTL_SECONDS"]
    return {"access_token": issue_access_token(identity, current_app.config["JWT_SECRET"], ttl),
            "token_type": "Bearer", "expires_in": ttl}
