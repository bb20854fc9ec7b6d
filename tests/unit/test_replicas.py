"""Replicas are taken in turn, and only a request that never left may go to another one."""

import socket
import threading

import pytest
import requests

from shared.replicas import Replicas, never_reached
from tests.support.backends import free_port


def test_replicas_take_turns():
    replicas = Replicas("http://a:1, http://b:2/ ,http://c:3")
    assert [replicas.in_turn()[0] for _ in range(4)] == ["http://a:1", "http://b:2", "http://c:3", "http://a:1"]
    assert replicas.in_turn() == ["http://b:2", "http://c:3", "http://a:1"]


def test_no_url_is_a_configuration_error():
    with pytest.raises(ValueError):
        Replicas(" , ")


def test_a_refused_connection_never_reached_the_service():
    with pytest.raises(requests.ConnectionError) as refused:
        requests.get(f"http://127.0.0.1:{free_port()}/", timeout=1)
    assert never_reached(refused.value)


def test_a_request_that_timed_out_after_sending_may_have_been_served():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True).start()
    try:
        with pytest.raises(requests.ReadTimeout) as slow:
            requests.post(f"http://127.0.0.1:{server.getsockname()[1]}/", data=b"x", timeout=(1, 0.3))
        assert not never_reached(slow.value)
    finally:
        server.close()
