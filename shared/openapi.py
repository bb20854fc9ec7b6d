"""OpenAPI documentation of the error envelope, so every documented 4xx/5xx has its real shape."""

from __future__ import annotations

from functools import reduce
from http import HTTPStatus

import flask_smorest
from flask_smorest import Api
from marshmallow import Schema, fields

# Which caller an operation needs beyond anyone: "staff" (a staff member or an API key) or
# "admin". Set by shared/service_auth.py's guards; the gateway turns it into its public
# security requirements.
ACCESS_EXTENSION = "x-tessera-access"


class ErrorBodySchema(Schema):
    code = fields.String(required=True, metadata={"description": "Stable snake_case error code, e.g. `slot_full`"})
    message = fields.String(required=True, metadata={"description": "For humans; may change"})
    details = fields.Dict(required=True, metadata={"description": "Per-field messages or facts about the refusal"})


class ErrorEnvelopeSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)
    request_id = fields.String(allow_none=True)


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint, with each argument schema built once: given a class, webargs
    builds a new instance for every request (a deep copy of every field), which was a tenth of a
    cached search's CPU in the availability service (docs/performance.md)."""

    def arguments(self, schema, *args, **kwargs):
        return super().arguments(schema() if isinstance(schema, type) else schema, *args, **kwargs)


class TesseraApi(Api):
    """flask-smorest's Api with the Tessera error envelope as the documented error body."""

    ERROR_SCHEMA = ErrorEnvelopeSchema


def documents_errors(blp: Blueprint, *statuses: int):
    """Document the error statuses an endpoint answers with (their bodies are the envelope)."""
    decorators = [blp.alt_response(status, response=HTTPStatus(status).name) for status in statuses]
    return lambda view: reduce(lambda wrapped, decorate: decorate(wrapped), decorators, view)


def documents_access(level: str):
    """Mark an operation's OpenAPI with the caller it needs (see ACCESS_EXTENSION)."""
    return Blueprint.doc(**{ACCESS_EXTENSION: level})
