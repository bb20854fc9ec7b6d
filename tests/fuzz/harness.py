"""Schemathesis over the public API document, `<gateway>/api/openapi.json`, through the gateway
of a whole Tessera started as the e2e tests start it (tests/conftest.py: running_system).

Checks: no 5xx, and every status code, content type, header and body as documented. Half the
generated JSON bodies are made hostile (tests/fuzz/hostile_bodies.py). Every
request carries an admin's access token, so the staff operations are exercised too (the
others ignore it). Half the generated identifiers are replaced by real ones seeded first (the
demo venue, its opening rules, a resource, bookings, dates with slots), so requests get past
"not found" into the code behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import requests

from shared.config import PROJECT_ROOT
from tests.conftest import VENUE, booking_body
from tests.support.processes import System

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
)
PHASES = ("examples", "coverage", "fuzzing", "stateful")
PASSWORD = "fuzzing staff password"
SLOT_TIMES = ("12:00", "19:00", "20:30")
REAL_VALUE_PROBABILITY = 0.5
HOOKS = "tests.fuzz.hostile_bodies"  # half the JSON bodies made hostile: surrogates, huge numbers, deep nesting
# A long run outlives the default 15-minute access token, and an expired one would leave
# every staff operation tested only for its 401.
SYSTEM_OVERRIDES = {"ACCESS_TOKEN_TTL_SECONDS": str(4 * 3600)}


@dataclass(frozen=True)
class FuzzRun:
    examples: int  # test cases per operation and phase at most
    phases: tuple[str, ...] = PHASES
    seed: int | None = None
    workers: int = 2


def admin_token(system: System) -> str:
    email = f"fuzz-{uuid.uuid4().hex[:8]}@example.com"
    system.manage("gateway", "create-staff", "--email", email, "--admin", TESSERA_STAFF_PASSWORD=PASSWORD)
    response = requests.post(
        f"{system.gateway_url}/api/v1/auth/login", json={"email": email, "password": PASSWORD}, timeout=10
    )
    response.raise_for_status()
    return response.json()["access_token"]


def seed_identifiers(gateway_url: str, token: str) -> dict[str, list]:
    """Real values for the parameters that name things, created or read through the API."""
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    venue_url = f"{gateway_url}/api/v1/venues/{VENUE}"
    days = [(date.today() + timedelta(days=ahead)).isoformat() for ahead in (2, 3, 5)]
    resource = http.post(
        f"{venue_url}/resources",
        timeout=10,
        json={"name": f"Fuzz room {uuid.uuid4().hex[:6]}", "kind": "room", "capacity": 2},
    )
    resource.raise_for_status()
    references = []
    for day in days:
        booking = http.post(f"{gateway_url}/api/v1/bookings", json=booking_body(day, SLOT_TIMES[1]), timeout=10)
        booking.raise_for_status()
        references.append(booking.json()["reference"])
    rules = http.get(f"{venue_url}/opening-rules", timeout=10)
    rules.raise_for_status()
    return {
        "venues": [VENUE],
        "days": days,
        "times": list(SLOT_TIMES),
        "references": references,
        "resource_ids": [resource.json()["id"]],
        "rule_ids": [rule["id"] for rule in rules.json()["items"]],
    }


def config_toml(identifiers: dict[str, list]) -> str:
    """A schemathesis.toml that draws each named parameter from the real values half the time."""
    bindings = {
        "path.venue": "venues",
        "query.venue": "venues",
        "body.venue": "venues",
        "path.reference": "references",
        "path.day": "days",
        "body.date": "days",
        "query.date": "days",
        "path.at": "times",
        "body.time": "times",
        "path.rule_id": "rule_ids",
        "path.resource_id": "resource_ids",
        "path.restaurant_name": "venues",
        "path.booking_reference": "references",
    }
    lines = ["[dictionaries]"]
    lines += [f"{name} = {{ values = {_toml_list(values)} }}" for name, values in identifiers.items()]
    lines += ["", "[parameters]"]
    lines += [
        f'"{parameter}" = {{ dictionary = "{name}", probability = {REAL_VALUE_PROBABILITY} }}'
        for parameter, name in bindings.items()
    ]
    return "\n".join(lines) + "\n"


def _toml_list(values: list) -> str:
    return "[" + ", ".join(f'"{value}"' if isinstance(value, str) else str(value) for value in values) + "]"


def run_schemathesis(
    gateway_url: str, token: str, run: FuzzRun, work_dir: Path, *, capture: bool = True
) -> subprocess.CompletedProcess:
    """Seed, then run the schemathesis CLI, whose output ends with its summary (captured, or
    straight to ours). Exit code 0: no check failed."""
    config = work_dir / "schemathesis.toml"
    config.write_text(config_toml(seed_identifiers(gateway_url, token)))
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--no-color",
        "--config-file",
        str(config),
        "run",
        f"{gateway_url}/api/openapi.json",
        "--checks",
        ",".join(CHECKS),
        "--phases",
        ",".join(run.phases),
        "--max-examples",
        str(run.examples),
        "--workers",
        str(run.workers),
        "--header",
        f"Authorization: Bearer {token}",
        # The bearer schemes are the header above; generated ones would only test the 401.
        "--generation-with-security-parameters",
        "false",
        "--generation-database",
        "none",
        "--suppress-health-check",
        "too_slow,filter_too_much",
        "--request-timeout",
        "20",
        "--report",
        "junit",
        "--report-dir",
        str(work_dir / "report"),
    ]
    if run.seed is not None:
        command += ["--seed", str(run.seed)]
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": HOOKS,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(command, cwd=work_dir, env=env, text=True, capture_output=capture, timeout=3 * 3600)
