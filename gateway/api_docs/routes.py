"""`GET /api/openapi.json`: the public API document; `GET /api/docs`: Swagger UI over it, from
the assets of the `swagger-ui-bundle` package (nothing is loaded from another origin)."""

from __future__ import annotations

from flask import Blueprint, Response, make_response, render_template, send_from_directory
from swagger_ui_bundle import swagger_ui_path

from gateway.api_docs.document import current_document
from shared.errors import NotFound

blp = Blueprint(
    "api_docs", __name__, template_folder="templates", static_folder="static", static_url_path="/api/docs/static"
)

SWAGGER_UI_ASSETS = frozenset({"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"})
# The gateway's default policy forbids everything; Swagger UI needs its scripts, styles and
# images from this origin (its stylesheet inlines icons as data: URLs) and calls to this origin.
DOCS_PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


@blp.get("/api/openapi.json")
def openapi_json():
    body, complete = current_document().current()
    response = Response(body, mimetype="application/json")
    if not complete:
        response.headers["Cache-Control"] = "no-store"
    return response


@blp.get("/api/docs")
def swagger_ui():
    response = make_response(render_template("api_docs.html"))
    response.headers["Content-Security-Policy"] = DOCS_PAGE_POLICY
    return response


@blp.get("/api/docs/swagger-ui/<filename>")
def swagger_ui_asset(filename: str):
    if filename not in SWAGGER_UI_ASSETS:
        raise NotFound()
    return send_from_directory(swagger_ui_path, filename)
