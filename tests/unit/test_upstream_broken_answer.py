"""A service killed between its answer's headers and its body (the chaos suite saw it once):
the client gets the error envelope, not gunicorn's HTML 500 (gateway/proxy.py)."""

from __future__ import annotations

import socket
import threading

import pytest
from flask import Flask

from shared.errors import register_error_handlers
from tests.support.backends import free_port
from tests.support.upstreams import upstream_to

HEADERS_ONLY = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 734\r\n\r\n"
WHOLE = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}'


def _server(port: int, answer: bytes) -> socket.socket:
    """Answers every request with `answer`, then closes the connection."""
    listener = socket.create_server(("127.0.0.1", port))

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                connection.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    return listener


@pytest.fixture
def gateway_to():
    listeners = []

    def start(answer: bytes):
        port = free_port()
        listeners.append(_server(port, answer))
        upstream = upstream_to(f"http://127.0.0.1:{port}", "booking")
        app = Flask(__name__)
        register_error_handlers(app)
        app.add_url_rule("/forward", "forward", lambda: upstream.forward("/x"), methods=["POST"])
        return app.test_client()

    yield start
    for listener in listeners:
        listener.close()


def test_an_answer_broken_off_after_its_headers_is_an_envelope(gateway_to):
    answer = gateway_to(HEADERS_ONLY).post("/forward", json={})
    assert answer.status_code == 504
    assert answer.get_json()["error"]["code"] == "upstream_timeout"


def test_a_whole_answer_passes_through(gateway_to):
    answer = gateway_to(WHOLE).post("/forward", json={})
    assert (answer.status_code, answer.get_json()) == (200, {"ok": True})
