"""SQL statements per request, read from the services' request log lines (`db_queries`), and the
capacity figures checked after a run.

Each request is sent through the gateway with an X-Request-ID of its own; every service it
reaches logs one line with that id, so the statements of one search or one create are known per
service without touching the code under measurement.
"""

from __future__ import annotations

import json
import random
import time
import uuid

import requests

from availability_service.cache import day_key as availability_day_key
from bench.system import Tessera
from tests.support.processes import wait_until

SERVICES = ("gateway", "availability", "booking")


def _statements(tessera: Tessera, request_id: str) -> dict[str, int]:
    """db_queries per service for the request, once every service that logged it has."""
    found = {}
    for service in SERVICES:
        for line in tessera.system.log(service).splitlines():
            if request_id in line and '"message": "request"' in line:
                entry = json.loads(line)
                found[service] = found.get(service, 0) + entry.get("db_queries", 0)
    return found


def _traced(tessera: Tessera, method: str, path: str, expected: int, **kwargs) -> dict[str, int]:
    request_id = uuid.uuid4().hex
    response = requests.request(
        method, tessera.gateway_url + path, headers={"X-Request-ID": request_id}, timeout=10, **kwargs
    )
    if response.status_code != expected:
        raise RuntimeError(f"{method} {path} answered {response.status_code}: {response.text[:300]}")
    time.sleep(0.2)  # the log lines are written after the answer
    return wait_until(lambda: _statements(tessera, request_id), 10, 0.1, f"the log lines of {request_id}")


def per_request(tessera: Tessera, data, *, repeat: int = 5) -> dict[str, int]:
    """The largest count seen over `repeat` requests of each kind, per service."""
    counts: dict[str, int] = {}

    def keep(kind: str, found: dict[str, int]) -> None:
        for service, statements in found.items():
            key = f"{kind}: {service}"
            counts[key] = max(counts.get(key, 0), statements)

    cache = tessera.redis_server.client()
    for _ in range(repeat):
        venue, day, at = random.choice(data.venues), random.choice(data.days), random.choice(data.times)
        search = f"/api/v1/venues/{venue}/availability?date={day}&party_size=2"
        cache.delete(availability_day_key(venue, day))
        keep("search, cold cache", _traced(tessera, "GET", search, 200))
        keep("search, warm cache", _traced(tessera, "GET", search, 200))
        body = {
            "venue": venue,
            "date": day,
            "time": at,
            "party_size": 2,
            "customer": {
                "first_name": "Ada",
                "surname": "Lovelace",
                "email": f"queries-{uuid.uuid4().hex[:10]}@example.com",
                "mobile": "+447700900000",
            },
        }
        keep("create", _traced(tessera, "POST", "/api/v1/bookings", 201, json=body))
    return counts
