"""Wiring every Tessera Flask app shares: request ids, access logs, health, OpenAPI defaults."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, g, jsonify, request

from shared.db import start_statement_count, stop_statement_count
from shared.errors import register_error_handlers
from shared.json_body import install_json_body_checks
from shared.logging import REQUEST_ID_HEADER, clean_request_id, new_request_id, request_id_var

log = logging.getLogger("tessera.access")

ReadinessCheck = Callable[[], None]
_UNSAFE_IN_ID = re.compile(r"[^A-Za-z0-9._-]")


def openapi_config(title: str, version: str = "v1") -> dict:
    return {
        "API_TITLE": title,
        "API_VERSION": version,
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
    }


def install_request_context(app: Flask, *, trust_incoming_id: bool = True) -> None:
    """Adopt the caller's X-Request-ID (or make one), echo it, and log one line per request,
    with the SQL statements it sent (`db_queries`). Call it before any route is added."""
    # Werkzeug would answer `//x` and a missing trailing slash with a redirect built from the
    # client's Host header (an HTML page, not the envelope): every such path is a plain 404 instead.
    app.url_map.merge_slashes = False
    app.url_map.strict_slashes = False

    @app.before_request
    def _start():
        given = request.headers.get(REQUEST_ID_HEADER) if trust_incoming_id else None
        incoming = clean_request_id(given)
        g.request_id = incoming or new_request_id()
        g.started_at = time.perf_counter()
        request_id_var.set(g.request_id)
        if given is not None and incoming is None:
            log.warning(
                "request id replaced",
                extra={"given_length": len(given), "given_start": _UNSAFE_IN_ID.sub("?", given[:32])},
            )
        start_statement_count()

    @app.after_request
    def _finish(response):
        request_id = getattr(g, "request_id", None)
        if request_id:
            response.headers[REQUEST_ID_HEADER] = request_id
        started = getattr(g, "started_at", None)
        statements = stop_statement_count()
        if started is not None and request.path not in ("/healthz", "/readyz"):
            log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    "db_queries": statements,
                },
            )
        return response

    @app.teardown_request
    def _clear(_exc):
        request_id_var.set(None)
        stop_statement_count()


def health_blueprint(checks: dict[str, ReadinessCheck]) -> Blueprint:
    """/healthz: the process answers. /readyz: every dependency in `checks` answers."""
    blp = Blueprint("health", __name__)

    @blp.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @blp.get("/readyz")
    def readyz():
        results = {}
        for name, check in checks.items():
            try:
                check()
                results[name] = "ok"
            except Exception as exc:  # a readiness probe reports, it never raises
                log.warning("readiness check failed", extra={"check": name, "error": type(exc).__name__})
                results[name] = "unavailable"
        ready = all(value == "ok" for value in results.values())
        return jsonify(status="ready" if ready else "not_ready", checks=results), (200 if ready else 503)

    return blp


HEALTH_DOCS: dict[str, dict[str, Any]] = {
    "/healthz": {"summary": "The process answers (liveness).", "responses": {"200": "Alive"}},
    "/readyz": {
        "summary": "Every dependency answers (readiness).",
        "responses": {"200": "Ready", "503": "A dependency is down"},
    },
}


def document_health(app: Flask, api) -> None:
    """Put the health routes in the service's OpenAPI next to its own endpoints."""
    probe = {"type": "object", "properties": {"status": {"type": "string"}, "checks": {"type": "object"}}}
    for rule in app.url_map.iter_rules():
        doc = HEALTH_DOCS.get(rule.rule)
        if doc:
            responses = {
                status: {"description": text, "content": {"application/json": {"schema": probe}}}
                for status, text in doc["responses"].items()
            }
            api.spec.path(
                rule=rule, operations={"get": {"tags": ["health"], "summary": doc["summary"], "responses": responses}}
            )


def finish_app(
    app: Flask, checks: dict[str, ReadinessCheck], api=None, *, form_blueprints: frozenset[str] = frozenset()
) -> Flask:
    """Register health routes and the error envelope last, so they override library defaults.
    JSON bodies are checked after every other hook (rate limits first); `form_blueprints` read
    forms only and are left to their own parsing."""
    install_json_body_checks(app, skip_blueprints=form_blueprints)
    app.register_blueprint(health_blueprint(checks))
    if api is not None:
        document_health(app, api)
    register_error_handlers(app)
    return app
