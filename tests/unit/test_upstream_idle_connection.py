"""A pooled connection the service closed (its keep-alive timeout) just as a request went out:
a GET goes again on a fresh connection, a POST is not sent twice (gateway/proxy.py). And a
connection idle for nearly the service's keep-alive is not used at all: both the gateway and the
services' client open a fresh one (shared/idle_connections.py)."""

from __future__ import annotations

import socket
import threading

import pytest

from shared import idle_connections
from shared.errors import UpstreamUnavailable
from shared.http import ServiceClient
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
    """Each connection: the first request answered with keep-alive, the second closed unanswered,
    as a service does with a request that arrives as its keep-alive ends."""
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
def stand_in_service():
    port, served = free_port(), []
    listener = _server(port, served)
    yield f"http://127.0.0.1:{port}", served
    listener.close()


@pytest.fixture
def upstream(stand_in_service):
    base_url, served = stand_in_service
    return upstream_to(base_url), served


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


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(idle_connections, "clock", clock)
    return clock


def test_the_gateway_sends_a_post_on_a_fresh_connection_after_an_idle_pause(upstream, clock):
    service, served = upstream
    assert service.call("POST", "/first", json={}).status_code == 200
    clock.now += idle_connections.IDLE_LIMIT_SECONDS + 0.1
    assert service.call("POST", "/second", json={}).status_code == 200
    assert served == ["POST", "POST"]


def test_the_gateway_keeps_using_a_connection_idle_for_less(upstream, clock):
    service, _ = upstream
    assert service.call("POST", "/first", json={}).status_code == 200
    clock.now += idle_connections.IDLE_LIMIT_SECONDS - 0.1
    with pytest.raises(UpstreamUnavailable):  # the same connection, which this stand-in then closes
        service.call("POST", "/second", json={})


def test_a_service_sends_an_unkeyed_post_on_a_fresh_connection_after_an_idle_pause(stand_in_service, clock):
    base_url, served = stand_in_service
    client = ServiceClient(base_url, retries=0)
    assert client.post("/first", json={}).status_code == 200
    clock.now += idle_connections.IDLE_LIMIT_SECONDS + 0.1
    assert client.post("/second", json={}).status_code == 200
    assert served == ["POST", "POST"]
