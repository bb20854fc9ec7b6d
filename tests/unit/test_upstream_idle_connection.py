"""A pooled connection the service closed (its keep-alive timeout) just as a request went out:
a GET goes again on a fresh connection, a POST is not sent twice (gateway/proxy.py)."""

from __future__ import annotations

import socket
import threading

import pytest

from shared.errors import UpstreamUnavailable
from tests.support.backends import free_port
from tests.support.upstreams import upstream_to

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"


def _read_request(connection: socket.socket) -> bytes:
    """One whole request, its body (Content-Length) included; b"" once the client has closed."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return b""
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")), 0
    )
    while len(body) < length:
        body += connection.recv(65536)
    return head


def _server(port: int, served: list[str]) -> socket.socket:
    """Each connection: the first request answered with keep-alive, the second closed unanswered."""
    listener = socket.create_server(("127.0.0.1", port))

    def handle(connection: socket.socket) -> None:
        with connection:
            for number in (1, 2):
                request = _read_request(connection)
                if not request:
                    return
                served.append(request.split(b" ", 2)[0].decode())
                if number == 1:
                    connection.sendall(ANSWER)

    def accept() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(connection,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return listener


@pytest.fixture
def upstream():
    port, served = free_port(), []
    listener = _server(port, served)
    yield upstream_to(f"http://127.0.0.1:{port}"), served
    listener.close()


def test_a_get_goes_again_on_a_fresh_connection(upstream):
    service, served = upstream
    assert service.call("GET", "/first").status_code == 200
    assert service.call("GET", "/second").status_code == 200  # closed unanswered, then sent again
    assert served == ["GET", "GET", "GET"]


def test_a_post_is_not_sent_twice(upstream):
    service, served = upstream
    assert service.call("POST", "/first", json={}).status_code == 200
    with pytest.raises(UpstreamUnavailable):
        service.call("POST", "/second", json={})
    assert served == ["POST", "POST"]
