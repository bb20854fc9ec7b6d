"""How the ConsumerApi surface answers when it does not succeed: the reference's shapes instead of
the Tessera envelope.

- a business error: `{"detail": "<message>"}` with its status (the messages below are the contract's);
- a bad field: FastAPI's 422 list (validation.py);
- any other HTTP error (404 for an unknown path, 405, 413, 429): `{"detail": "<reason phrase>"}`;
- a Tessera service's refusal that an endpoint did not translate into the contract's words: its
  status and message as `{"detail"}`, or, for a field it found invalid, FastAPI's 422 list;
- a service that cannot be reached keeps its 503/504, with `{"detail": "..."}`;
- a bug: `500 text/plain` `Internal Server Error`, as the reference answers one (the trace is logged).
"""

from __future__ import annotations

import json
import logging

from flask import Blueprint, Response
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from gateway.consumerapi.tessera import IDEMPOTENCY_HEADER, Refusal
from gateway.consumerapi.validation import InvalidFields, field_error
from shared.errors import ApiError

log = logging.getLogger(__name__)

RESTAURANT_NOT_FOUND = "Restaurant not found"
BOOKING_NOT_FOUND = "Booking not found"
NO_SLOT = "No availability slot found for that date/time"
SLOT_NOT_AVAILABLE = "Selected time slot is not available"
PARTY_TOO_LARGE = "Party size exceeds slot capacity"
NEW_SLOT_NOT_FOUND = "New time slot not found"
SLOT_NO_LONGER_AVAILABLE = "That slot is no longer available"
CANCELLED_NOT_CHANGEABLE = "Cannot update cancelled booking"
CANCELLED_NOT_UPDATABLE = "Cannot update a cancelled booking"
REFERENCE_MISMATCH = "Booking reference mismatch"
RESTAURANT_MISMATCH = "Restaurant mismatch"
ALREADY_CANCELLED = "Booking is already cancelled"
INVALID_REASON = "Invalid cancellation reason"
BAD_AUTHORIZATION = "Invalid authorization header format"
BAD_TOKEN = "Invalid or expired token"


class Refused(ApiError):
    """A business error of the contract."""

    code = "consumerapi_refused"

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail, status=status)


def translate(refusal: Refusal, words: dict[str, tuple[int, str]]) -> Exception:
    """The contract's (status, message) for a Tessera error code, else the refusal as it is."""
    if refusal.code in words:
        return Refused(*words[refusal.code])
    return refusal


def _field_errors(details: dict) -> list[dict]:
    """A Tessera `validation_failed` as FastAPI's list (fields by their Tessera names)."""
    return [
        field_error(
            "value_error",
            ["header", name.lower()] if name == IDEMPOTENCY_HEADER else ["body", name],
            " ".join(messages) if isinstance(messages, list) else str(messages),
        )
        for name, messages in details.items()
    ]


def json_response(body, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """JSON as FastAPI writes it: keys in the order given, compact, UTF-8 unescaped."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Response(text, status=status, mimetype="application/json", headers=headers)


def install_error_handlers(blp: Blueprint) -> None:
    @blp.errorhandler(InvalidFields)
    def _invalid_fields(exc: InvalidFields):
        return json_response({"detail": exc.errors}, 422)

    @blp.errorhandler(Refusal)
    def _tessera_refused(refusal: Refusal):
        if refusal.code == "validation_failed":
            return json_response({"detail": _field_errors(refusal.details)}, 422)
        return json_response({"detail": refusal.message}, refusal.status)

    @blp.errorhandler(ApiError)
    def _refused(exc: ApiError):
        return json_response({"detail": exc.message}, exc.status, getattr(exc, "headers", None))

    @blp.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        allow = {"Allow": value} if (value := dict(exc.get_headers()).get("Allow")) else None
        return json_response({"detail": exc.name}, exc.code or 500, allow)

    @blp.errorhandler(OperationalError)
    def _database_unavailable(exc: OperationalError):
        log.error("gateway database unavailable", extra={"error": type(exc.orig).__name__ if exc.orig else None})
        return json_response({"detail": "Service temporarily unavailable. Try again shortly."}, 503)

    @blp.errorhandler(Exception)
    def _bug(exc: Exception):
        log.exception("unhandled exception")
        return Response("Internal Server Error", status=500, mimetype="text/plain")
