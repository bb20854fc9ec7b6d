"""gateway/web_app.py: the built app at `/`, deep links to index.html, the API's own 404s, the
app's policy and caching, and a helpful 404 when the app is not built."""

from __future__ import annotations

import pytest
from flask import Flask

from gateway.web_app import IMMUTABLE, POLICY, register_web_app
from shared.errors import register_error_handlers

INDEX = b"<!doctype html><title>app</title>"


def _client(dist):
    app = Flask(__name__)
    register_web_app(app, dist)
    register_error_handlers(app)
    return app.test_client()


@pytest.fixture
def dist(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_bytes(INDEX)
    (tmp_path / "assets" / "index-Ab12Cd.js").write_text("console.log(1)")
    (tmp_path / "robots.txt").write_text("User-agent: *")
    (tmp_path / ".vite").mkdir()
    (tmp_path / ".vite" / "manifest.json").write_text("{}")
    return tmp_path


@pytest.mark.parametrize(
    "path", ["/", "/venues/TheHungryUnicorn", "/bookings/ABC1234?token=x.y.z", "/.vite/manifest.json"]
)
def test_app_pages_and_deep_links_get_index_html_revalidated_under_the_policy(dist, path):
    answer = _client(dist).get(path)
    assert answer.status_code == 200
    assert answer.data == INDEX
    assert answer.headers["Cache-Control"] == "no-cache"
    assert answer.headers["Content-Security-Policy"] == POLICY


def test_hashed_assets_are_cached_for_a_year_other_files_revalidated(dist):
    client = _client(dist)
    script = client.get("/assets/index-Ab12Cd.js")
    assert script.status_code == 200 and script.data == b"console.log(1)"
    assert script.headers["Cache-Control"] == IMMUTABLE
    assert script.headers["Content-Security-Policy"] == POLICY
    robots = client.get("/robots.txt")
    assert robots.data == b"User-agent: *" and robots.headers["Cache-Control"] == "no-cache"


def test_a_missing_asset_is_a_404_not_the_page(dist):
    answer = _client(dist).get("/assets/index-Gone.js")
    assert answer.status_code == 404
    assert answer.json["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "path", ["/api", "/api/v1/nothing", "/api/openapi.jsonx", "/internal", "/internal/holds", "/healthzz", "/readyz/x"]
)
def test_api_internal_and_probe_paths_keep_their_json_404(dist, path):
    answer = _client(dist).get(path)
    assert answer.status_code == 404
    assert answer.json["error"]["code"] == "not_found"


def test_other_methods_on_app_paths_are_404_as_before(dist):
    answer = _client(dist).post("/venues/x")
    assert answer.status_code == 404
    assert answer.json["error"]["code"] == "not_found"


def test_policy_allows_only_this_origin_and_no_inline_code():
    directives = dict(part.strip().split(" ", 1) for part in POLICY.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in POLICY


def test_without_a_build_the_app_says_how_to_build_it(tmp_path):
    for path in ("/", "/bookings/ABC1234"):
        answer = _client(tmp_path / "missing").get(path)
        assert answer.status_code == 404
        assert answer.json["error"]["code"] == "web_app_not_built"
        assert "make web" in answer.json["error"]["message"]
