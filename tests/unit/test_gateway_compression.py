"""Forwarded answers and gzip: the gateway compresses a plain answer for a client that asks, passes
on one a service already compressed as it is, and never lets a service compress for a client that
did not ask. A real HTTP server on a free port plays the service."""

from __future__ import annotations

import gzip
import json
import threading

import pytest
from flask import Flask, Response, request
from werkzeug.serving import make_server

from gateway.compression import install_compression
from tests.support.upstreams import upstream_to

BIG = json.dumps(
    {"slots": [{"time": f"{hour:02d}:00", "remaining": hour, "bookable": True} for hour in range(24)] * 20}
).encode()

MEDIUM = BIG[:8000]  # one chunk (gateway/proxy.py reads 16 KiB at a time)


def _service() -> Flask:
    """Answers BIG at /plain as it is, at /compressing gzipped when the caller accepts gzip, and
    MEDIUM at /medium."""
    service = Flask("service")

    @service.get("/plain")
    def plain():
        return Response(BIG, mimetype="application/json")

    @service.get("/medium")
    def medium():
        return Response(MEDIUM, mimetype="application/json")

    @service.get("/small")
    def small():
        return Response(b'{"status": "ok"}', mimetype="application/json")

    @service.get("/compressing")
    def compressing():
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            return Response(gzip.compress(BIG), mimetype="application/json", headers={"Content-Encoding": "gzip"})
        return Response(BIG, mimetype="application/json")

    return service


@pytest.fixture(scope="module")
def gateway():
    server = make_server("127.0.0.1", 0, _service(), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    upstream = upstream_to(f"http://127.0.0.1:{server.server_port}", read_timeout=5)
    app = Flask("gateway")
    install_compression(app)
    app.add_url_rule("/<path:path>", "forward", lambda path: upstream.forward(f"/{path}"))
    yield app.test_client()
    server.shutdown()


@pytest.mark.parametrize("path", ["/plain", "/compressing"])
def test_a_client_that_asks_gets_gzip_compressed_once(gateway, path):
    answer = gateway.get(path, headers={"Accept-Encoding": "gzip"})
    assert answer.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in answer.headers["Vary"]
    assert gzip.decompress(answer.data) == BIG


@pytest.mark.parametrize("path", ["/plain", "/compressing"])
def test_a_client_that_does_not_ask_gets_the_plain_body(gateway, path):
    answer = gateway.get(path)
    assert "Content-Encoding" not in answer.headers
    assert answer.data == BIG
    assert answer.headers["Content-Length"] == str(len(BIG))


def test_an_answer_that_fits_one_chunk_is_compressed_whole_with_its_length(gateway):
    answer = gateway.get("/medium", headers={"Accept-Encoding": "gzip"})
    assert answer.headers["Content-Encoding"] == "gzip"
    assert answer.headers["Content-Length"] == str(len(answer.data))  # not streamed in chunks
    assert gzip.decompress(answer.data) == MEDIUM
    streamed = gateway.get("/plain", headers={"Accept-Encoding": "gzip"})
    assert "Content-Length" not in streamed.headers and gzip.decompress(streamed.data) == BIG
    head = gateway.head("/medium")
    assert head.headers["Content-Length"] == str(len(MEDIUM)) and head.data == b""


def test_small_answers_are_left_alone(gateway):
    answer = gateway.get("/small", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in answer.headers
    assert answer.json == {"status": "ok"} and "Accept-Encoding" in answer.headers["Vary"]
