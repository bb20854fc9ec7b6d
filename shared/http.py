"""The service-to-service HTTP client.

Pooled keep-alive sessions (a connection is given up before the peer's keep-alive ends:
shared/idle_connections.py), a connect and a read timeout on every call, the caller's request
id and the service credential forwarded. Retries happen only for calls that are safe to
repeat: GET/HEAD/PUT/DELETE/OPTIONS, or a POST the caller marks idempotent because it
carries its own key (a hold key, an idempotency key). When the peer cannot be reached the
client raises UpstreamUnavailable, which the error handlers turn into a 503 envelope. A peer
with several replicas is called in turn (shared/replicas.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from shared.errors import UpstreamUnavailable
from shared.idle_connections import limit_idle_connections
from shared.logging import REQUEST_ID_HEADER, current_request_id
from shared.replicas import Replicas, never_reached
from shared.service_auth import SERVICE_TOKEN_HEADER

log = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


@dataclass(frozen=True)
class Timeouts:
    connect: float = 1.0
    read: float = 5.0


class _IdleLimitedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        limit_idle_connections(self.poolmanager)


def _retrying_session(retries: int, pool_size: int, methods: frozenset[str]) -> requests.Session:
    session = requests.Session()
    # Calls between services never go through an HTTP proxy, and looking the proxy variables up
    # in the environment on every request was a tenth of the gateway's CPU (docs/performance.md).
    session.trust_env = False
    retry: Retry | int = (
        0
        if not methods
        else Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=0.1,
            backoff_jitter=0.1,
            status_forcelist=(502, 503, 504),
            allowed_methods=methods,
            raise_on_status=False,
            respect_retry_after_header=False,
        )
    )
    adapter = _IdleLimitedAdapter(max_retries=retry, pool_connections=pool_size, pool_maxsize=pool_size)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class ServiceClient:
    """Calls one peer service. Thread-safe enough for gunicorn's sync/threaded workers."""

    def __init__(
        self,
        base_url: str,
        *,
        service_token: str | None = None,
        timeouts: Timeouts = Timeouts(),
        retries: int = 2,
        pool_size: int = 20,
    ) -> None:
        self.replicas = Replicas(base_url)
        self.service_token = service_token
        self.timeouts = timeouts
        self._safe = _retrying_session(retries, pool_size, SAFE_METHODS)
        self._keyed_post = _retrying_session(retries, pool_size, SAFE_METHODS | {"POST"})
        self._once = _retrying_session(0, pool_size, frozenset())

    def request(
        self, method: str, path: str, *, idempotent: bool = False, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> requests.Response:
        method = method.upper()
        if method in SAFE_METHODS:
            session = self._safe
        elif idempotent:
            session = self._keyed_post
        else:
            session = self._once
        sent_headers = dict(headers or {})
        request_id = current_request_id()
        if request_id:
            sent_headers.setdefault(REQUEST_ID_HEADER, request_id)
        if self.service_token:
            sent_headers.setdefault(SERVICE_TOKEN_HEADER, self.service_token)
        replicas = self.replicas.in_turn()
        for number, base_url in enumerate(replicas, start=1):
            url = f"{base_url}{path}"
            try:
                return session.request(
                    method, url, headers=sent_headers, timeout=(self.timeouts.connect, self.timeouts.read), **kwargs
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                log.warning("upstream call failed", extra={"url": url, "error": type(exc).__name__})
                if not (never_reached(exc) and number < len(replicas)):
                    raise UpstreamUnavailable() from exc
        raise AssertionError("unreachable")

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)


class ServiceClientHandle:
    """A lazily bound ServiceClient, so a service can keep it among its extensions."""

    def __init__(self) -> None:
        self._client: ServiceClient | None = None

    def init(self, base_url: str, **kwargs: Any) -> ServiceClientHandle:
        self._client = ServiceClient(base_url, **kwargs)
        return self

    @property
    def client(self) -> ServiceClient:
        if self._client is None:
            raise RuntimeError("service client is not configured")
        return self._client
