"""docker-compose.yml stays valid and keeps its shape.

Runs the real `docker-compose` (1.29, Debian's package) but needs no Docker engine:
`config` only parses, interpolates and validates. PyYAML is not a project dependency, so
the normalised output of `docker-compose config` is read with a small indentation-based
reader that only looks at service names and their top-level keys.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

HTTP_SERVICES = {"gateway", "availability", "booking", "notification"}
NON_HTTP_APP_SERVICES = {
    "migrate",
    "booking-relay",
    "worker-email",
    "worker-audit",
    "worker-cache",
    "worker-maintenance",
    "beat",
}
INFRA_SERVICES = {"postgres", "redis"}
EXPECTED_SERVICES = HTTP_SERVICES | NON_HTTP_APP_SERVICES | INFRA_SERVICES


def _compose(*args: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.fail("docker-compose is not installed: apt-get install docker-compose")
    # No .env is required: every substitution in the file has a default.
    return subprocess.run(
        [binary, "-f", "docker-compose.yml", *args],
        cwd=ROOT,
        env={**os.environ, "COMPOSE_PROJECT_NAME": "tessera-test"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _service_keys(config_output: str) -> dict[str, set[str]]:
    """{service: its top-level keys} from the block-style YAML `docker-compose config` prints."""
    services: dict[str, set[str]] = {}
    in_services = False
    current: str | None = None
    for line in config_output.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            in_services = line.rstrip() == "services:"
            current = None
            continue
        if not in_services:
            continue
        name = re.match(r"^  ([^\s:#][^:]*):\s*$", line)
        if name:
            current = name.group(1).strip("'\"")
            services[current] = set()
            continue
        key = re.match(r"^    ([^\s:#-][^:]*):", line)
        if key and current is not None:
            services[current].add(key.group(1).strip("'\""))
    return services


def _service_block(config_output: str, service: str) -> str:
    lines = config_output.splitlines()
    start = lines.index(f"  {service}:")
    block = []
    for line in lines[start + 1:]:
        if not line.startswith("    ") and line.strip():
            break
        block.append(line)
    return "\n".join(block)


def test_compose_file_is_valid():
    result = _compose("config", "-q")
    assert result.returncode == 0, result.stderr or result.stdout


def test_compose_services_ports_and_healthchecks():
    listed = _compose("config", "--services")
    assert listed.returncode == 0, listed.stderr
    assert set(listed.stdout.split()) == EXPECTED_SERVICES

    result = _compose("config")
    assert result.returncode == 0, result.stderr
    services = _service_keys(result.stdout)
    assert set(services) == EXPECTED_SERVICES

    publishing = {name for name, keys in services.items() if "ports" in keys}
    assert publishing == {"gateway"}, f"only the gateway may publish ports, got {sorted(publishing)}"
    gateway = _service_block(result.stdout, "gateway")
    assert re.search(r"published: ['\"]?8000['\"]?\s", gateway), gateway
    assert re.search(r"target: 8000\b", gateway), gateway

    for name in HTTP_SERVICES | INFRA_SERVICES:
        assert "healthcheck" in services[name], f"{name} has no healthcheck"
    for name in HTTP_SERVICES:
        assert "/healthz" in _service_block(result.stdout, name), f"{name}'s healthcheck is not /healthz"
    for name in (HTTP_SERVICES | NON_HTTP_APP_SERVICES):
        keys = services[name]
        assert "healthcheck" in keys or name in NON_HTTP_APP_SERVICES, name
        assert "container_name" not in keys, f"{name} sets container_name, which breaks --scale"
        assert "build" in keys and "image" in keys, f"{name} does not use the shared tessera image"
    for name in HTTP_SERVICES | (NON_HTTP_APP_SERVICES - {"migrate"}):
        assert "migrate" in _service_block(result.stdout, name), f"{name} does not wait for migrate"
