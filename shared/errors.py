"""The error envelope and the Flask handlers that produce it (guarantee 5 of docs/architecture.md).

Every 4xx/5xx body is
    {"error": {"code", "message", "details"}, "request_id"}
Domain code raises ApiError subclasses with a stable snake_case code; validation errors
from flask-smorest/webargs and werkzeug's HTTP errors are mapped onto the same shape.
An exception nobody expected is logged with its trace and answered as a bare 500: no
exception text ever reaches a client.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from shared.logging import current_request_id

log = logging.getLogger(__name__)

_CODES_BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    503: "upstream_unavailable",
    504: "upstream_timeout",
}


class ApiError(Exception):
    """An error with a stable code that the API reports to the caller as it is."""

    status = 400
    code = "bad_request"
    message = "The request could not be processed."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message
        self.code = code or self.code
        self.status = status or self.status
        self.details = details or {}
        self.headers = headers or {}  # e.g. Retry-After


class NotFound(ApiError):
    status, code, message = 404, "not_found", "Not found."


class ValidationFailed(ApiError):
    status, code, message = 422, "validation_failed", "The request is not valid."


class UpstreamUnavailable(ApiError):
    status, code, message = (
        503,
        "upstream_unavailable",
        "A service this request needs is unavailable. Try again shortly.",
    )


def envelope(status: int, code: str, message: str, details: dict[str, Any] | None = None):
    body = {
        "error": {"code": code, "message": message, "details": details or {}},
        "request_id": current_request_id(),
    }
    response = jsonify(body)
    response.status_code = status
    return response


def _http_exception(exc: HTTPException):
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages")
    if messages is not None:
        if status == 400 and "json" in messages and "Invalid JSON body." in str(messages):
            return envelope(400, "malformed_json", "The request body is not valid JSON.")
        return envelope(
            422 if status in (400, 422) else status,
            "validation_failed",
            "The request is not valid.",
            _flatten_locations(messages),
        )
    if status >= 500:
        return envelope(status, "internal_error", "Internal server error.")
    return envelope(status, _CODES_BY_STATUS.get(status, "http_error"), exc.description or exc.name)


def _flatten_locations(messages: dict[str, Any]) -> dict[str, Any]:
    """webargs nests messages by location ({"json": {...}}); callers care about fields."""
    if len(messages) == 1:
        (only,) = messages.values()
        if isinstance(only, dict):
            return only
    return messages


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        response = envelope(exc.status, exc.code, exc.message, exc.details)
        response.headers.update(exc.headers)
        return response

    @app.errorhandler(HTTPException)
    def _werkzeug_error(exc: HTTPException):
        return _http_exception(exc)

    @app.errorhandler(OperationalError)
    def _database_unavailable(exc: OperationalError):
        log.error("database unavailable", extra={"error": type(exc.orig).__name__ if exc.orig else None})
        return envelope(503, "database_unavailable", "The service's database is unavailable. Try again shortly.")

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled exception")
        return envelope(500, "internal_error", "Internal server error.")
