"""guarantee 5 of docs/architecture.md at the framework level: one envelope, no exception text to clients."""

from flask import Flask

from shared.errors import ApiError
from shared.web import finish_app, install_request_context


def _app():
    app = Flask(__name__)
    install_request_context(app)

    @app.get("/boom")
    def boom():
        raise RuntimeError("password=hunter2 in a stack trace")

    @app.get("/full")
    def full():
        raise ApiError("No room.", code="slot_full", status=409, details={"remaining": 0})

    return finish_app(app, {})


def test_unexpected_exception_is_a_bare_500_envelope():
    response = _app().test_client().get("/boom", headers={"X-Request-ID": "req-1"})
    assert response.status_code == 500
    assert response.json == {
        "error": {"code": "internal_error", "message": "Internal server error.", "details": {}},
        "request_id": "req-1",
    }
    assert b"hunter2" not in response.data and b"Traceback" not in response.data


def test_domain_error_keeps_its_code_and_details():
    response = _app().test_client().get("/full")
    assert response.status_code == 409
    assert response.json["error"] == {"code": "slot_full", "message": "No room.", "details": {"remaining": 0}}
    assert response.json["request_id"] == response.headers["X-Request-ID"]


def test_unknown_route_and_method_use_the_envelope():
    client = _app().test_client()
    assert client.get("/nowhere").json["error"]["code"] == "not_found"
    assert client.post("/full").json["error"]["code"] == "method_not_allowed"


def test_unusable_request_ids_are_replaced():
    client = _app().test_client()
    for bad in ("x" * 500, "two words", "caf\u00e9"):
        response = client.get("/full", headers={"X-Request-ID": bad})
        assert response.headers["X-Request-ID"] != bad
