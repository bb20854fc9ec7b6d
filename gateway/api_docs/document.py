"""The public API document, built on request from the gateway's own routes and the services'
current `/openapi.json`, and kept for a short while in each gateway process.

A service that does not answer contributes the last document it gave this process; one that
never did is left out, and that copy is rebuilt again soon rather than kept.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable

from apispec import APISpec
from flask import Flask, current_app

from gateway.api_docs.merge import Part
from gateway.api_docs.public import DOCUMENTED_ROUTES, public_document
from gateway.proxy import Upstream
from shared.errors import ApiError

log = logging.getLogger(__name__)

EXTENSION = "tessera_api_docs"
FRESH_SECONDS = 60.0  # a copy is served this long before the services are asked again
INCOMPLETE_SECONDS = 5.0  # ... or this long when a service was missing from it

# Another public surface's paths, in their public form: its own security, error shapes and all.
DocumentPart = Callable[[], Part]


class PublicDocument:
    def __init__(self, own_spec: APISpec, upstreams: dict[str, Upstream]) -> None:
        self.own_spec = own_spec
        self.upstreams = {route.upstream: upstreams[route.upstream] for route in DOCUMENTED_ROUTES}
        self.extra_parts: list[DocumentPart] = []
        self._lock = threading.Lock()
        self._last_good: dict[str, dict] = {}
        self._body = b""
        self._complete = False
        self._expires_at = 0.0

    def current(self) -> tuple[bytes, bool]:
        """The document as JSON, and whether every service is in it."""
        with self._lock:
            if time.monotonic() >= self._expires_at:
                document = public_document(
                    self.own_spec.to_dict(), self._service_documents(), [part() for part in self.extra_parts]
                )
                self._body = json.dumps(document).encode()
                self._complete = "x-tessera-unavailable-services" not in document
                self._expires_at = time.monotonic() + (FRESH_SECONDS if self._complete else INCOMPLETE_SECONDS)
            return self._body, self._complete

    def _service_documents(self) -> dict[str, dict]:
        for name, upstream in self.upstreams.items():
            try:
                self._last_good[name] = _fetch(upstream)
            except (ApiError, ValueError) as exc:
                log.warning("service API document unavailable", extra={"upstream": name, "error": type(exc).__name__})
        return dict(self._last_good)


def _fetch(upstream: Upstream) -> dict:
    response = upstream.call("GET", "/openapi.json")
    if response.status_code != 200:
        raise ValueError(f"answered {response.status_code}")
    document = response.json()
    if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
        raise ValueError("not an OpenAPI document")
    return document


def install_public_document(app: Flask, own_spec: APISpec, upstreams: dict[str, Upstream]) -> None:
    app.extensions[EXTENSION] = PublicDocument(own_spec, upstreams)


def add_document_part(app: Flask, part: DocumentPart) -> None:
    """Document another public surface (e.g. the ConsumerApi) in `/api/openapi.json`."""
    app.extensions[EXTENSION].extra_parts.append(part)


def current_document() -> PublicDocument:
    return current_app.extensions[EXTENSION]
