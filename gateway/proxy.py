"""Forwarding public requests to the service that owns them.

Pooled keep-alive connections per upstream, a connect and a read timeout on every call,
no retries (the gateway cannot know whether a POST is safe to repeat; services retry their
own idempotent calls). The request id, the client address and the scheme are forwarded;
hop-by-hop headers and anything claiming to be a service credential are not.
"""
from __future__ import annotations

import logging

import requests
from flask import Response, request
from requests.adapters import HTTPAdapter

from shared.errors import ApiError, UpstreamUnavailable
from shared.logging import REQUEST_ID_HEADER, current_request_id
from shared.service_auth import SERVICE_TOKEN_HEADER

log = logging.getLogger(__name__)

HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
                        "trailers", "transfer-encoding", "upgrade", "host", "content-length"})
NOT_FROM_CLIENTS = frozenset({SERVICE_TOKEN_HEADER.lower(), REQUEST_ID_HEADER.lower(),
                              "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"})


class UpstreamTimeout(ApiError):
    status, code, message = 504, "upstream_timeout", "A service this request needs did not answer in time."


class Upstream:
    def __init__(self, name: str, base_url: str, *, connect_timeout: float, read_timeout: float,
                 pool_size: int = 50) -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=pool_size, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def forward(self, path: str) -> Response:
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP | NOT_FROM_CLIENTS}
        headers[REQUEST_ID_HEADER] = current_request_id() or ""
        headers["X-Forwarded-For"] = ", ".join(filter(None, [request.headers.get("X-Forwarded-For"),
                                                             request.remote_addr]))
        headers["X-Forwarded-Proto"] = request.scheme
        headers["X-Forwarded-Host"] = request.host
        try:
            upstream = self.session.request(
                request.method, f"{self.base_url}{path}", params=request.query_string or None,
                data=request.get_data(cache=False) or None, headers=headers, timeout=self.timeout,
                stream=True, allow_redirects=False,
            )
        except requests.Timeout as exc:
            log.warning("upstream timed out", extra={"upstream": self.name})
            raise (UpstreamUnavailable() if isinstance(exc, requests.ConnectTimeout) else UpstreamTimeout()) from exc
        except requests.ConnectionError as exc:
            log.warning("upstream unreachable", extra={"upstream": self.name})
            raise UpstreamUnavailable() from exc
        response_headers = [(k, v) for k, v in upstream.headers.items()
                            if k.lower() not in HOP_BY_HOP and k.lower() != REQUEST_ID_HEADER.lower()]
        return Response(upstream.iter_content(chunk_size=16384), status=upstream.status_code,
                        headers=response_headers)

    def ready(self) -> None:
        response = self.session.get(f"{self.base_url}/readyz", timeout=self.timeout)
        if response.status_code != 200:
            raise RuntimeError(f"{self.name} not ready")
