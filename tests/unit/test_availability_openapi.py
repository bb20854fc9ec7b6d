"""Acceptance 7 of the availability issue: every endpoint is in the service's OpenAPI, with
the errors it answers and the envelope they come in."""

from __future__ import annotations

import re

import pytest

from availability_service.app import create_app
from availability_service.config import Settings

UNDOCUMENTED = {"/openapi.json"}


@pytest.fixture(scope="module")
def app(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("TESSERA_ENV", "test")
    monkeypatch_module.setenv("AVAILABILITY_DATABASE_URL", f"sqlite:///{tmp_path_factory.mktemp('oas')}/a.db")
    return create_app(Settings.from_env())


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/openapi.json").get_json()


def _operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield path, method, operation


def test_every_route_is_documented(app, spec):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.rule in UNDOCUMENTED:
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        assert path in spec["paths"], path
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in spec["paths"][path], (method, path)


def test_every_operation_documents_its_errors(spec):
    for path, method, operation in _operations(spec):
        statuses = set(operation["responses"])
        if path in ("/healthz", "/readyz"):
            continue
        assert statuses & {"401", "404", "409", "422"}, (method, path)
        if path.startswith("/internal/"):
            assert "401" in statuses, (method, path)
        if "requestBody" in operation or any(p["in"] == "query" for p in operation.get("parameters", [])):
            assert "422" in statuses, (method, path)
        if "{venue}" in path:
            assert "404" in statuses, (method, path)


def test_error_responses_are_the_envelope(spec):
    for status in ("401", "404", "409", "422"):
        response = spec["components"]["responses"][_status_name(status)]
        assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorEnvelope"}
    envelope = spec["components"]["schemas"]["ErrorEnvelope"]
    assert set(envelope["properties"]) == {"error", "request_id"}


def _status_name(status: str) -> str:
    from http import HTTPStatus

    return HTTPStatus(int(status)).name
