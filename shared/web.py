"""Wiring every Tessera Flask app shares: request ids, access logs, health, OpenAPI defaults."""
from __future__ import annotations

import logging
import time
from typing import Callable

from flask import Blueprint, Flask, g, jsonify, request

from shared.db import start_statement_count, stop_statement_count
from shared.errors import register_error_handlers
from shared.logging import REQUEST_ID_HEADER, clean_request_id, new_request_id, request_id_var

log = logging.getLogger("tessera.access")

ReadinessCheck = Callable[[], None]


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
    with the SQL statements it sent (`db_queries`)."""

    @app.before_request
    def _start():
        incoming = clean_request_id(request.headers.get(REQUEST_ID_HEADER)) if trust_incoming_id else None
        g.request_id = incoming or new_request_id()
        g.started_at = time.perf_counter()
        request_id_var.set(g.request_id)
        start_statement_count()

    @app.after_request
    def _finish(response):
        request_id = getattr(g, "request_id", None)
        if request_id:
            response.headers[REQUEST_ID_HEADER] = request_id
        started = getattr(g, "started_at", None)
        statements = stop_statement_count()
        if started is not None and request.path not in ("/healthz", "/readyz"):
            log.info("request", extra={
                "method": request.method, "path": request.path, "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2), "db_queries": statements,
            })
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


HEALTH_DOCS = {
    "/healthz": {"summary": "The process answers (liveness).", "responses": {"200": "Alive"}},
    "/readyz": {"summary": "Every dependency answers (readiness).",
                "responses": {"200": "Ready", "503": "A dependency is down"}},
}


def document_health(app: Flask, api) -> None:
    """Put the health routes in the service's OpenAPI next to its own endpoints."""
    probe = {"type": "object", "properties": {"status": {"type": "string"}, "checks": {"type": "object"}}}
    for rule in app.url_map.iter_rules():
        doc = HEALTH_DOCS.get(rule.rule)
        if doc:
            responses = {status: {"description": text, "content": {"application/json": {"schema": probe}}}
                         for status, text in doc["responses"].items()}
            api.spec.path(rule=rule, operations={"get": {"tags": ["health"], "summary": doc["summary"],
                                                         "responses": responses}})


def finish_app(app: Flask, checks: dict[str, ReadinessCheck], api=None) -> Flask:
    """Register health routes and the error envelope last, so they override library defaults."""
    app.register_blueprint(health_blueprint(checks))
    if api is not None:
        document_health(app, api)
    register_error_handlers(app)
    return app
