"""Forwarding public requests to the service that owns them.

Pooled keep-alive connections per upstream (urllib3 itself: `requests`' per-call work was a sixth
of the gateway's CPU on a cached search, docs/performance.md), a connect and a read timeout on
every call (each upstream its own), no retries (the gateway cannot know whether a POST is safe to repeat;
services retry their own idempotent calls) but one: a GET, HEAD or OPTIONS whose pooled
connection the service had just closed goes again on a fresh one (and pooled connections are given
up before the service's keep-alive ends: shared/idle_connections.py); a
service with several replicas is called in turn, and a replica that refuses the connection is
skipped (shared/replicas.py). Every call goes through the upstream's circuit breaker
(gateway/breaker.py): while it is open the answer is at once a 503 with Retry-After. The request
id, the client address and the scheme are forwarded; hop-by-hop headers and anything claiming to
be a service credential or identity are not. A request whose caller the gateway authenticated
goes on with the service credential and the caller's signed identity (shared/identity.py), so
the service can enforce the caller's venues. A forwarded answer's body passes through as the
service encoded it (gateway/compression.py compresses only what is not encoded yet).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import urllib3
from flask import Response, request
from urllib3.exceptions import HTTPError as TransportError
from urllib3.exceptions import ReadTimeoutError

from gateway.breaker import BreakerOpen, UpstreamBreaker
from shared.errors import ApiError, UpstreamUnavailable
from shared.identity import IDENTITY_HEADER, Caller, sign_identity
from shared.idle_connections import limit_idle_connections
from shared.logging import REQUEST_ID_HEADER, current_request_id
from shared.replicas import Replicas, closed_while_idle, never_reached
from shared.service_auth import SERVICE_TOKEN_HEADER

log = logging.getLogger(__name__)

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
    }
)
NOT_FROM_CLIENTS = frozenset(
    {
        SERVICE_TOKEN_HEADER.lower(),
        IDENTITY_HEADER.lower(),
        REQUEST_ID_HEADER.lower(),
        "x-forwarded-for",
        "x-forwarded-proto",
        "x-forwarded-host",
    }
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})  # RFC 9110: may be sent again automatically
# The body passes through byte for byte, so the service's Content-Length still holds.
NOT_FROM_UPSTREAMS = (HOP_BY_HOP - {"content-length"}) | {REQUEST_ID_HEADER.lower()}


class UpstreamTimeout(ApiError):
    status, code, message = 504, "upstream_timeout", "A service this request needs did not answer in time."


class Answer:
    """An upstream's answer, read whole: what the gateway's own calls (its adapters) look at."""

    def __init__(self, status_code: int, headers: urllib3.HTTPHeaderDict, content: bytes) -> None:
        self.status_code, self.headers, self.content = status_code, headers, content

    def json(self) -> Any:
        return json.loads(self.content)


class Upstream:
    def __init__(
        self,
        name: str,
        base_url: str,
        *,
        service_token: str,
        identity_key: str,
        connect_timeout: float,
        read_timeout: float,
        breaker: UpstreamBreaker,
        pool_size: int = 50,
    ) -> None:
        self.name = name
        self.service_token = service_token
        self.identity_key = identity_key
        self.replicas = Replicas(base_url)
        self.timeout = urllib3.Timeout(connect=connect_timeout, read=read_timeout)
        self.breaker = breaker
        # No proxy between services, no retries (see above), no redirects followed.
        self.pool = limit_idle_connections(
            urllib3.PoolManager(
                num_pools=max(10, len(self.replicas.urls)), maxsize=pool_size, retries=False, timeout=self.timeout
            )
        )

    def forward(self, path: str, *, caller: Caller | None = None, query: bytes | None = None) -> Response:
        """Send the current request to `path` on a replica, as `caller` when one was authenticated;
        `query` replaces the request's query string. An answer longer than its first chunk streams
        back as it comes."""
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP | NOT_FROM_CLIENTS}
        headers["X-Forwarded-For"] = ", ".join(
            filter(None, [request.headers.get("X-Forwarded-For"), request.remote_addr])
        )
        headers["X-Forwarded-Proto"] = request.scheme
        headers["X-Forwarded-Host"] = request.host
        headers["Accept-Encoding"] = request.headers.get("Accept-Encoding", "identity")
        query_string = (request.query_string if query is None else query).decode("latin-1")
        answer = self._send(
            request.method,
            f"{path}?{query_string}" if query_string else path,
            caller=caller,
            headers=headers,
            body=request.get_data(cache=False) or None,
        )
        chunks = answer.stream(16384, decode_content=False)
        try:
            # The first chunk (for a JSON answer, all of it) before the status goes out: a service
            # killed between its headers and its body is then an envelope, not gunicorn's HTML 500.
            first = next(chunks, b"")
        except TransportError as exc:
            answer.close()
            answer.release_conn()
            log.warning("upstream answer broken off", extra={"upstream": self.name, "error": type(exc).__name__})
            raise UpstreamTimeout() from exc  # like a timeout: the service may have acted on it
        response_headers = [(k, v) for k, v in answer.headers.items() if k.lower() not in NOT_FROM_UPSTREAMS]
        if answer.length_remaining == 0 and request.method != "HEAD":
            # All of it came with the first chunk (any JSON answer of ours): sent on whole, so it
            # is written at once and a compressed one keeps a Content-Length instead of chunks.
            # (A HEAD answer has no body to count: its Content-Length is the service's, passed on.)
            chunks.close()
            answer.release_conn()
            return Response(first, status=answer.status, headers=response_headers)
        return Response(_relay(answer, first, chunks), status=answer.status, headers=response_headers)

    def call(
        self,
        method: str,
        path: str,
        *,
        caller: Caller | None = None,
        params: dict | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        """A request of the gateway's own (an adapter's), read whole: same replicas, timeouts and
        errors as forwarding, with the request id and, for `caller`, the signed identity."""
        sent = dict(headers or {})
        body = None
        if json is not None:
            body = _json_bytes(json)
            sent["Content-Type"] = "application/json"
        answer = self._send(
            method, f"{path}?{urlencode(params)}" if params else path, caller=caller, headers=sent, body=body
        )
        try:
            return Answer(answer.status, answer.headers, answer.read())
        except TransportError as exc:
            raise UpstreamUnavailable() from exc
        finally:
            answer.release_conn()

    def _send(
        self, method: str, target: str, *, caller: Caller | None, headers: dict[str, str], body: bytes | None
    ) -> urllib3.BaseHTTPResponse:
        if caller is not None:
            headers[SERVICE_TOKEN_HEADER] = self.service_token
            headers[IDENTITY_HEADER] = sign_identity(caller, self.identity_key)
        headers[REQUEST_ID_HEADER] = current_request_id() or ""
        try:
            return self.breaker.call(self._send_to_a_replica, method, target, headers=headers, body=body)
        except BreakerOpen as exc:
            raise UpstreamUnavailable(headers={"Retry-After": str(self.breaker.retry_after)}) from exc
        except ReadTimeoutError as exc:
            raise UpstreamTimeout() from exc
        except TransportError as exc:
            raise UpstreamUnavailable() from exc

    def _send_to_a_replica(self, method: str, target: str, **kwargs) -> urllib3.BaseHTTPResponse:
        """The answer of the first replica reached; what failed last when none was."""
        replicas = self.replicas.in_turn()
        for number, base_url in enumerate(replicas, start=1):
            try:
                return self._request(method, f"{base_url}{target}", **kwargs)
            except TransportError as exc:
                log.warning(
                    "upstream call failed",
                    extra={"upstream": self.name, "replica": base_url, "error": type(exc).__name__},
                )
                if never_reached(exc) and number < len(replicas):
                    continue  # nothing was sent: another replica may take it
                raise
        raise AssertionError("unreachable")

    def _request(self, method: str, url: str, **kwargs) -> urllib3.BaseHTTPResponse:
        """One request; a safe one goes again, once, on a fresh connection when the pooled one turns
        out to have been closed by the service's keep-alive timeout just as it went out (the chaos
        suite saw a search answered 503 for that, with every service up)."""
        try:
            return self._open(method, url, **kwargs)
        except TransportError as exc:
            if method not in SAFE_METHODS or not closed_while_idle(exc):
                raise
            return self._open(method, url, **kwargs)

    def _open(self, method: str, url: str, **kwargs) -> urllib3.BaseHTTPResponse:
        return self.pool.urlopen(method, url, redirect=False, preload_content=False, decode_content=False, **kwargs)

    def ready(self) -> None:
        """Ready when at least one replica is; asked past the breaker, which it neither consults nor moves."""
        for base_url in self.replicas.urls:
            try:
                if self.pool.request("GET", f"{base_url}/readyz").status == 200:
                    return
            except TransportError:
                continue
        raise RuntimeError(f"{self.name} not ready")


def _relay(answer: urllib3.BaseHTTPResponse, first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    """The answer's body as it comes; its connection goes back to the pool once read, and is
    closed if the client went away before the end (a half-read connection cannot be reused)."""
    try:
        if first:
            yield first
        yield from rest
    finally:
        if not answer.closed:
            answer.close()
        answer.release_conn()


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()
