"""The public API's documentation: `GET /api/openapi.json`, one OpenAPI 3 document of what
clients can call through the gateway, and Swagger UI over it at `/api/docs`.

public.py decides what the document shows, merge.py combines OpenAPI documents, document.py
builds and caches it, routes.py serves it. Another public surface adds its paths with
`add_document_part`.
"""

from __future__ import annotations

from apispec import APISpec
from flask import Flask

from gateway.api_docs.document import DocumentPart, add_document_part, install_public_document
from gateway.api_docs.merge import Part
from gateway.api_docs.routes import blp
from gateway.proxy import Upstream

__all__ = ["DocumentPart", "Part", "add_document_part", "register_api_docs"]


def register_api_docs(app: Flask, own_spec: APISpec, upstreams: dict[str, Upstream]) -> None:
    install_public_document(app, own_spec, upstreams)
    app.register_blueprint(blp)
