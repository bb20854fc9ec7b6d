"""docker-compose.yml stays valid and keeps its shape, checked with what `make install` brings:
PyYAML reads it and jsonschema checks it against the Compose Specification's own JSON schema
(tests/support/compose_spec.json, the compose-spec project's schema as docker-compose 1.29 ships
it, Apache-2.0). No Docker engine or docker-compose binary is needed; `make compose-check` also
runs `docker-compose config` where one is installed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft201909Validator

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "tests" / "support" / "compose_spec.json"

HTTP_PORTS = {"gateway": 8000, "availability": 8001, "booking": 8002, "notification": 8003}
WORKERS = {
    "booking-relay",
    "booking-worker",
    "booking-beat",
    "availability-worker",
    "availability-beat",
    "notification-subscriber",
    "notification-worker",
}
SINGLETONS = {"booking-beat", "availability-beat"}  # a beat scheduled twice runs every job twice
APP_SERVICES = set(HTTP_PORTS) | WORKERS | {"migrate"}
INFRA_SERVICES = {"postgres", "redis"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_the_file_is_valid_against_the_compose_specification(compose):
    validator = Draft201909Validator(json.loads(SCHEMA.read_text()))
    errors = sorted(validator.iter_errors(compose), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors)


def test_every_process_of_the_procfile_has_its_service(compose):
    assert set(compose["services"]) == APP_SERVICES | INFRA_SERVICES
    commands = " ".join(
        service.get("command", "")
        for service in compose["services"].values()
        if isinstance(service.get("command", ""), str)
    )
    for line in (ROOT / "Procfile").read_text().splitlines():
        module = re.search(r"(?:-A |-m |\s)([a-z_]+\.(?:worker|relay|subscriber|wsgi))\b", line).group(1)
        assert module in commands, f"{module} (Procfile) runs nowhere in the compose stack"


def test_only_the_gateway_publishes_a_port(compose):
    publishing = {name for name, service in compose["services"].items() if "ports" in service}
    assert publishing == {"gateway"}
    assert compose["services"]["gateway"]["ports"] == ["8000:8000"]


def test_each_http_service_checks_its_own_health_endpoint(compose):
    for name, port in HTTP_PORTS.items():
        service = compose["services"][name]
        assert f"--bind 0.0.0.0:{port} " in service["command"], name
        assert f"http://127.0.0.1:{port}/healthz" in " ".join(service["healthcheck"]["test"]), name
    for name in INFRA_SERVICES:
        assert compose["services"][name]["healthcheck"]["test"], name


def test_app_services_share_the_image_wait_for_migrations_and_can_be_scaled(compose):
    for name in APP_SERVICES:
        service = compose["services"][name]
        assert service["image"] == "tessera:latest" and service["build"] == ".", name
        assert "container_name" not in service, f"{name} sets container_name, which breaks --scale"
        if name != "migrate":
            assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name


def test_each_beat_is_a_process_of_its_own_and_no_worker_embeds_one(compose):
    for name in SINGLETONS:
        assert " beat " in compose["services"][name]["command"], name
    for name in WORKERS - SINGLETONS:
        assert not re.search(r"\s(-B|--beat)\b", compose["services"][name]["command"]), name
