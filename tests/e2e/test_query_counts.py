"""SQL statements per request do not grow with the data (the `db_queries` of each service's
request log line, shared/web.py): an availability search on a cold and on a warm cache, and a
booking made through the gateway (gateway, booking and availability services), counted with a
small data set and again after bench/dataset.py has added fifty times as many bookings, on a
small venue and on a crowded one. A cold search costs at most five statements. The seeded data
keeps the ledger invariant and is what the venues' rules call for."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta

from availability_service.cache import day_key as availability_day_key
from bench.dataset import seed_dataset
from tests.conftest import LEDGER_MISMATCH, count_rows
from tests.support.processes import wait_until

SMALL, LARGE = 200, 10_000
MAX_COLD_SEARCH_QUERIES = 5
SEARCH_LINES = {"gateway": 1, "availability": 1}
CREATE_LINES = {"gateway": 1, "booking": 1, "availability": 1}  # place the hold; the relay confirms it apart


def _route(record: dict, venue: str) -> str:
    path = re.sub(r"/[0-9a-f-]{36}(?=/|$)", "/<id>", record["path"]).replace(f"/{venue}/", "/<venue>/")
    return f"{record['method']} {path}"


def _request_lines(system, request_id: str, venue: str, expected: dict[str, int]) -> dict[str, list[tuple[str, int]]]:
    """Each service's (route, db_queries) for one request id, once every expected line is logged."""

    def lines():
        found = {}
        for service in expected:
            records = [json.loads(line) for line in system.log(service).splitlines() if request_id in line]
            found[service] = sorted(
                (_route(record, venue), record["db_queries"])
                for record in records
                if record.get("message") == "request" and record.get("request_id") == request_id
            )
        return found if all(len(found[s]) == count for s, count in expected.items()) else None

    return wait_until(lines, 10, 0.1, f"the request log lines of {request_id}")


def _counts(system, gateway, venue: str, day: str, email: str) -> dict[str, dict]:
    """The statements of a cold search, a warm search and a booking at `venue` on `day`."""
    counts = {}
    for kind in ("cold search", "warm search"):
        if kind == "cold search":
            with system.backend.redis() as cache:
                cache.delete(availability_day_key(venue, day))
        request_id = f"query-count-{uuid.uuid4().hex}"
        response = gateway.get(
            f"/api/v1/venues/{venue}/availability",
            params={"date": day, "party_size": 2},
            headers={"X-Request-ID": request_id},
        )
        assert response.status_code == 200, response.text
        counts[kind] = _request_lines(system, request_id, venue, SEARCH_LINES)
    request_id = f"query-count-{uuid.uuid4().hex}"
    response = gateway.post(
        "/api/v1/bookings",
        headers={"X-Request-ID": request_id},
        json={
            "venue": venue,
            "date": day,
            "time": "19:00",
            "party_size": 2,
            "customer": {"first_name": "Query", "surname": "Count", "email": email, "mobile": "+447700900555"},
        },
    )
    assert response.status_code == 201, response.text
    counts["create"] = _request_lines(system, request_id, venue, CREATE_LINES)
    return counts


def test_statements_per_search_and_booking_do_not_grow_with_the_data(system, gateway, availability):
    urls = system.backend.database_urls
    small = seed_dataset(urls, bookings=SMALL, venues=1, resources=2, days=4, prefix="query-count-small")
    venue, days = small.venues[0], [(small.first_day + timedelta(days=ahead)).isoformat() for ahead in range(3)]
    # A day per round, as a booking's cache invalidations land after its round; from the second
    # day on the booking's reminder (24 h ahead) is always still to come, so every create schedules one.
    _counts(system, gateway, venue, days[0], "warm-up@example.com")  # every process has met its database
    before = _counts(system, gateway, venue, days[1], "first@example.com")

    large = seed_dataset(urls, bookings=LARGE, venues=2, resources=2, days=10, prefix="query-count-large")
    after = _counts(system, gateway, venue, days[2], "second@example.com")
    crowded = _counts(
        system, gateway, large.venues[0], (large.first_day + timedelta(days=1)).isoformat(), "third@example.com"
    )

    print(
        f"\nSQL statements per request ({system.backend.name}; {LARGE} more bookings seeded in "
        f"{large.seconds['total']} s):"
    )
    for kind, services in before.items():
        print(f"  {kind:<12} {services}")
    assert (
        sum(queries for lines in before["cold search"].values() for _, queries in lines) <= MAX_COLD_SEARCH_QUERIES
    ), before["cold search"]
    assert before["warm search"]["availability"][0][1] == 0  # a full cache hit reads no database
    assert after == before, f"{SMALL} bookings: {before}\nthen {SMALL + LARGE}: {after}"
    assert crowded == before, f"a venue with {SMALL} bookings: {before}\nwith {LARGE // 2}: {crowded}"

    assert count_rows(system, "availability", "slots", LEDGER_MISMATCH) == 0
    synced = availability.run_job("fill-slot-horizon")  # adds today's slots; changes none of the seeded ones
    for seeded in small.venues + large.venues:
        assert synced[seeded]["updated"] == synced[seeded]["withdrawn"] == 0, synced[seeded]
