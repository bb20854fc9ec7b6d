"""The web app (`web/`, built into `web/dist`) at `/`: its files, and `index.html` for every other
GET that is not the API's, so the app's own routes (`/venues/...`, `/bookings/...`) work as links.

Its answers carry a Content-Security-Policy that lets the app load its scripts, styles and
images from this origin and call this origin's API, and nothing else (no inline script or style).
Hashed build assets (`/assets/<name>-<hash>.<ext>`) are cached for a year; `index.html` and the
other files are revalidated on every load, so a new build is picked up at once.

`WEB_DIST_DIR` names the built app (gateway/config.py; default `web/dist`, relative paths from
the project root). Without a build, the app's URLs answer a 404 envelope saying how to build it.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, abort, request, send_from_directory

from shared.errors import ApiError

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
HASHED_ASSETS = "assets/"
# Paths the web app never answers: the API keeps its JSON 404s, the probes their own routes, and
# the services' internal paths stay a plain 404 at the gateway (docs/architecture.md).
NOT_THE_APP = ("api/", "internal/", "healthz", "readyz")


class WebAppNotBuilt(ApiError):
    status, code = 404, "web_app_not_built"
    message = (
        "The web app is not built. Build it with `make web` (or `cd web && npm ci && npm run build`; "
        "it needs Node.js 20.19 or later), or point WEB_DIST_DIR at a build."
    )


def _is_served_file(dist: Path, path: str) -> bool:
    """A file of the build, and not a hidden one (Vite's `.vite/manifest.json` is for tools)."""
    if not path or any(part.startswith(".") for part in path.split("/")):
        return False
    return (dist / path).is_file()


def register_web_app(app: Flask, dist: Path) -> None:

    def web_app(path: str = ""):
        if path in ("api", "internal") or path.startswith(NOT_THE_APP) or request.method not in ("GET", "HEAD"):
            abort(404)  # the gateway's JSON 404, as before the app was served
        if not (dist / "index.html").is_file():
            raise WebAppNotBuilt()
        if _is_served_file(dist, path):
            response = send_from_directory(dist, path)
            response.headers["Cache-Control"] = IMMUTABLE if path.startswith(HASHED_ASSETS) else REVALIDATE
        elif path.startswith(HASHED_ASSETS):
            abort(404)  # a missing script or stylesheet is not a page: no HTML in its place
        else:
            response = send_from_directory(dist, "index.html")
            response.headers["Cache-Control"] = REVALIDATE
        response.headers["Content-Security-Policy"] = POLICY
        return response

    # Every method, so other methods on unknown paths stay a 404 (not a 405).
    methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
    app.add_url_rule("/", "web_app", web_app, methods=methods)
    app.add_url_rule("/<path:path>", "web_app", web_app, methods=methods)
