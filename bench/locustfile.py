"""The load of `make bench`, run by locust in a process of its own (bench/load.py starts it).

One user class per workload; bench/load.py picks one and passes the workload's data in
BENCH_* environment variables. Users either send back to back (BENCH_RATE_PER_USER=0: the
closed loop that finds the ceiling) or at a fixed rate each (the open-ish loop that measures
latency at a given load). Every request's exact latency is kept and written as JSON to
the BENCH_SAMPLES directory when locust stops; locust's own statistics round to whole milliseconds.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
import uuid

import redis
from locust import FastHttpUser, constant, constant_throughput, events, task

from availability_service.cache import day_key as availability_day_key

VENUES = os.environ.get("BENCH_VENUES", "TheHungryUnicorn").split(",")
DAYS = os.environ.get("BENCH_DAYS", "").split(",")
TIMES = os.environ.get("BENCH_TIMES", "19:00").split(",")
RATE_PER_USER = float(os.environ.get("BENCH_RATE_PER_USER", "0"))
RUN = os.environ.get("BENCH_RUN", uuid.uuid4().hex[:8])

_samples: list[tuple[float, float, int]] = []  # (sent at, latency ms, status; 0 = no answer)
_booked: list[tuple[str, str]] = []  # (reference, e-mail) of this run's bookings, for cancels
_sequence = itertools.count()


@events.request.add_listener
def _record(response_time, response, exception, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    sent_at = time.monotonic() - response_time / 1000
    _samples.append((sent_at, response_time, 0 if exception and not status else status))


@events.quitting.add_listener
def _write_samples(**_kwargs):
    directory = os.environ.get("BENCH_SAMPLES")  # one file per locust process (--processes forks)
    if directory and _samples:
        with open(os.path.join(directory, f"samples-{os.getpid()}.json"), "w") as out:
            json.dump(_samples, out)


def _wait():
    return constant_throughput(RATE_PER_USER) if RATE_PER_USER > 0 else constant(0)


def _slot() -> tuple[str, str, str]:
    return random.choice(VENUES), random.choice(DAYS), random.choice(TIMES)


def _guest() -> str:
    return f"bench-{RUN}-{next(_sequence)}@example.com"


class TesseraUser(FastHttpUser):
    abstract = True
    wait_time = _wait()
    default_headers = {"Accept": "application/json"}

    def search(self, venue: str, day: str) -> None:
        self.client.get(f"/api/v1/venues/{venue}/availability?date={day}&party_size=2", name="search")

    def create(self) -> None:
        venue, day, at = _slot()
        email = _guest()
        body = {
            "venue": venue,
            "date": day,
            "time": at,
            "party_size": random.randint(1, 4),
            "customer": {"first_name": "Ada", "surname": "Lovelace", "email": email, "mobile": "+447700900000"},
        }
        response = self.client.post("/api/v1/bookings", json=body, name="create")
        if response.status_code == 201:
            _booked.append((response.json()["reference"], email))


class WarmSearch(TesseraUser):
    """Search days whose answer the cache already holds (bench/load.py warms them first)."""

    @task
    def search_warm(self):
        venue, day, _ = _slot()
        self.search(venue, day)


class ColdSearch(TesseraUser):
    """Every search a cache miss: the day's key is deleted just before, outside the timing."""

    def on_start(self):
        self.cache = redis.Redis.from_url(os.environ["BENCH_REDIS_URL"])

    @task
    def search_cold(self):
        venue, day, _ = _slot()
        self.cache.delete(availability_day_key(venue, day))
        self.search(venue, day)


class Create(TesseraUser):
    """Book a random slot of a random venue and day, each time a new guest."""

    @task
    def create_booking(self):
        self.create()


class Mixed(TesseraUser):
    """80 % search, 15 % create, 5 % cancel of a booking made earlier in this run."""

    @task(80)
    def search_any(self):
        venue, day, _ = _slot()
        self.search(venue, day)

    @task(15)
    def create_booking(self):
        self.create()

    @task(5)
    def cancel(self):
        if not _booked:
            return self.create()
        reference, email = _booked.pop(random.randrange(len(_booked)))
        self.client.post(f"/api/v1/bookings/{reference}/cancel?email={email}", json={"reason_id": 1}, name="cancel")


class ConsumerApiSearch(TesseraUser):
    """The warm search through the ConsumerApi surface: a form post, answered in the contract's shape."""

    @task
    def search_warm(self):
        venue, day, _ = _slot()
        form = {"VisitDate": day, "PartySize": 2, "ChannelCode": "ONLINE"}
        self.client.post(
            f"/api/ConsumerApi/v1/Restaurant/{venue}/AvailabilitySearch", data=form, name="consumerapi search"
        )


class ConsumerApiCreate(TesseraUser):
    """The create workload through the ConsumerApi surface existing restaurant clients call."""

    @task
    def create_booking(self):
        venue, day, at = _slot()
        form = {
            "VisitDate": day,
            "VisitTime": f"{at}:00",
            "PartySize": random.randint(1, 4),
            "ChannelCode": "ONLINE",
            "Customer[FirstName]": "Ada",
            "Customer[Surname]": "Lovelace",
            "Customer[Email]": _guest(),
            "Customer[Mobile]": "07700900123",
        }
        self.client.post(
            f"/api/ConsumerApi/v1/Restaurant/{venue}/BookingWithStripeToken", data=form, name="consumerapi create"
        )


class Baseline(FastHttpUser):
    """The bare Flask endpoint of bench/baseline_app.py."""

    wait_time = _wait()

    @task
    def ping(self):
        self.client.get("/ping", name="ping")
