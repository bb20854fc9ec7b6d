"""Replicas are taken in turn, and only a request that never left may go to another one."""

import socket
import threading

import pytest
import requests
import urllib3
from urllib3.exceptions import HTTPError as TransportError
from urllib3.exceptions import ReadTimeoutError

from shared.replicas import Replicas, never_reached
from tests.support.backends import free_port


def test_replicas_take_turns():
    replicas = Replicas("http://a:1, http://b:2/ ,http://c:3")
    assert [replicas.in_turn()[0] for _ in range(4)] == ["http://a:1", "http://b:2", "http://c:3", "http://a:1"]
    assert replicas.in_turn() == ["http://b:2", "http://c:3", "http://a:1"]


def test_no_url_is_a_configuration_error():
    with pytest.raises(ValueError):
        Replicas(" , ")


# The services' client (shared/http.py) raises requests' errors; the gateway's forwarding urllib3's.
def _post_with_requests(url: str, timeout) -> None:
    requests.post(url, data=b"x", timeout=timeout)


def _post_with_urllib3(url: str, timeout) -> None:
    connect, read = timeout
    urllib3.PoolManager(retries=False).request("POST", url, body=b"x", timeout=urllib3.Timeout(connect, read))


@pytest.mark.parametrize(
    "post, transport_error",
    [(_post_with_requests, requests.RequestException), (_post_with_urllib3, TransportError)],
)
def test_a_refused_connection_never_reached_the_service(post, transport_error):
    with pytest.raises(transport_error) as refused:
        post(f"http://127.0.0.1:{free_port()}/", (1, 1))
    assert never_reached(refused.value)


@pytest.mark.parametrize(
    "post, read_timeout", [(_post_with_requests, requests.ReadTimeout), (_post_with_urllib3, ReadTimeoutError)]
)
def test_a_request_that_timed_out_after_sending_may_have_been_served(post, read_timeout):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True).start()
    try:
        with pytest.raises(read_timeout) as slow:
            post(f"http://127.0.0.1:{server.getsockname()[1]}/", (1, 0.3))
        assert not never_reached(slow.value)
    finally:
        server.close()
