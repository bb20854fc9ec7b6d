"""The web app (web/) in a real browser against a whole Tessera of its own: the customer and staff
journeys in web/tests/*.spec.ts, run by Playwright on Debian's chromium at desktop and phone widths, with axe on
every page and state. Also: the API types the app was built with match the live document, and the
customer journey's JavaScript stays within its budget.

Browser journeys run on the embedded backend (`make test`); the app is a client of the API, which
the rest of the suite tests on both backends.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from runner.web_build import WEB, ensure_web_app
from tests.conftest import VENUE, future_date, running_system
from tests.support.processes import ROOT
from tests.support.tenants import venue_with_a_booking
from tests.support.web_control import Control, serve_control

pytestmark = pytest.mark.one_backend  # the browser journeys run once, on the embedded backend (make test)

STAFF_EMAIL = "web-journeys@example.com"
STAFF_PASSWORD = "a long password for the journeys"
# Staff journey 5: a second venue with its own manager, who must not reach the first; and an admin.
OTHER_STAFF_EMAIL = "web-other-venue@example.com"
ADMIN_EMAIL = "web-admin@example.com"
# The stay journeys: a manager of the demo hotel (seeded with its rooms, rates and catalogue).
HOTEL = "TheHarbourHotel"
HOTEL_STAFF_EMAIL = "web-hotel@example.com"
# Every page and state the journeys visit, for a person to look at; `make web-screenshots` copies the
# ones the README shows into docs/screenshots.
SCREENSHOTS = Path(os.environ.get("TESSERA_SCREENSHOT_DIR") or ROOT / "var" / "screenshots")
PLAYWRIGHT_TIMEOUT = 900


def _run(args: list[str], timeout: float, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=WEB, env={**os.environ, **env}, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def built_app():
    problem = ensure_web_app()
    assert problem is None, problem
    return WEB / "dist"


@pytest.fixture(scope="module")
def web_system(tmp_path_factory, built_app):
    # The outage journeys restart a service; a breaker that half-opens after 1 s (not 5) lets the
    # gateway serve it again as soon as it is up.
    with running_system(
        tmp_path_factory, "web", WEB_DIST_DIR=str(built_app), GATEWAY_BREAKER_RESET_SECONDS="1"
    ) as system:
        system.manage(
            "gateway",
            "create-staff",
            "--email",
            STAFF_EMAIL,
            "--venue",
            VENUE,
            "--role",
            "manager",
            TESSERA_STAFF_PASSWORD=STAFF_PASSWORD,
        )
        system.other_date = future_date(3)
        system.other_venue = venue_with_a_booking(system, "web-other", system.other_date)
        system.manage(
            "gateway",
            "create-staff",
            "--email",
            OTHER_STAFF_EMAIL,
            "--venue",
            system.other_venue.slug,
            "--role",
            "manager",
            TESSERA_STAFF_PASSWORD=STAFF_PASSWORD,
        )
        system.manage(
            "gateway", "create-staff", "--email", ADMIN_EMAIL, "--admin", TESSERA_STAFF_PASSWORD=STAFF_PASSWORD
        )
        system.manage(
            "gateway",
            "create-staff",
            "--email",
            HOTEL_STAFF_EMAIL,
            "--venue",
            HOTEL,
            "--role",
            "manager",
            TESSERA_STAFF_PASSWORD=STAFF_PASSWORD,
        )
        yield system


# Every journey in one Playwright run, longer than the suite's 300 s per test; Playwright's own
# limit (PLAYWRIGHT_TIMEOUT) decides first.
@pytest.mark.timeout(PLAYWRIGHT_TIMEOUT + 60)
def test_customer_and_staff_journeys_in_the_browser(web_system):
    server = serve_control(Control(web_system, VENUE))
    try:
        result = _run(
            ["npx", "playwright", "test", *os.environ.get("PLAYWRIGHT_ARGS", "").split()],
            PLAYWRIGHT_TIMEOUT,
            TESSERA_WEB_URL=web_system.gateway_url,
            TESSERA_CONTROL_URL=f"http://127.0.0.1:{server.server_address[1]}",
            TESSERA_VENUE=VENUE,
            TESSERA_STAFF_EMAIL=STAFF_EMAIL,
            TESSERA_STAFF_PASSWORD=STAFF_PASSWORD,
            TESSERA_OTHER_VENUE=web_system.other_venue.slug,
            TESSERA_OTHER_REFERENCE=web_system.other_venue.reference,
            TESSERA_OTHER_DATE=web_system.other_date,
            TESSERA_OTHER_STAFF_EMAIL=OTHER_STAFF_EMAIL,
            TESSERA_ADMIN_EMAIL=ADMIN_EMAIL,
            TESSERA_HOTEL=HOTEL,
            TESSERA_HOTEL_STAFF_EMAIL=HOTEL_STAFF_EMAIL,
            TESSERA_SCREENSHOT_DIR=str(SCREENSHOTS),
            FORCE_COLOR="0",
        )
    finally:
        server.shutdown()
    sys.stdout.write(result.stdout)
    assert result.returncode == 0, f"Playwright failed:\n{result.stdout[-20000:]}\n{result.stderr[-5000:]}"


def test_api_types_match_the_live_document(web_system, tmp_path):
    """web/src/lib/api-types.ts is generated from /api/openapi.json; a changed API makes it stale."""
    document = tmp_path / "openapi.json"
    document.write_bytes(requests.get(f"{web_system.gateway_url}/api/openapi.json", timeout=30).content)
    generated = tmp_path / "api-types.ts"
    result = _run(["npx", "openapi-typescript", str(document), "-o", str(generated)], 120)
    assert result.returncode == 0, result.stderr
    current = (WEB / "src" / "lib" / "api-types.ts").read_text()
    assert generated.read_text() == current, (
        "web/src/lib/api-types.ts is stale: regenerate it with `make web-types` against a running Tessera "
        "(make run), then fix what no longer type-checks (`cd web && npm run build`)."
    )


def test_the_customer_journey_javascript_is_within_budget(built_app):
    result = _run(["npm", "run", "--silent", "size"], 60)
    sys.stdout.write(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_gateway_serves_the_app_with_its_policy_and_caching(web_system, built_app):
    base = web_system.gateway_url
    page = requests.get(f"{base}/bookings/ABC1234?token=x", timeout=10)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert page.content == (built_app / "index.html").read_bytes()
    assert page.headers["Cache-Control"] == "no-cache"
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "frame-ancestors 'none'" in policy
    asset = next(path for path in (built_app / "assets").iterdir() if path.suffix == ".js")
    script = requests.get(f"{base}/assets/{asset.name}", timeout=10)
    assert script.status_code == 200 and script.content == asset.read_bytes()
    assert script.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    missing = requests.get(f"{base}/api/v1/no-such-thing", timeout=10)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
