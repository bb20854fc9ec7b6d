"""How long the effects of a commit take to be seen: the confirmation e-mail, the audit row, the search.

- e-mail: bookings are made one at a time through the gateway; the figure is from the client
  receiving the `201` (the transaction has committed) to the SMTP server of the bench
  process accepting the confirmation (relay -> Redis -> email worker -> SMTP);
- audit: from the same `201` to the audit row's `recorded_at` (PostgreSQL's clock, the same
  machine's; it is the start of the audit worker's transaction, so a lower bound by its length);
- search: a hold is placed on a day the cache holds (internal API, as the booking service
  places it), and the public search through the gateway is polled until it shows the hold.
"""

from __future__ import annotations

import random
import statistics
import time
import uuid
from dataclasses import dataclass

import requests

from bench.load import percentile
from bench.system import Tessera
from tests.support.processes import wait_until

POLL_SECONDS = 0.002
EMAIL_EFFECT = "commit -> confirmation e-mail accepted by SMTP"


@dataclass
class Latency:
    effect: str
    samples: int
    p50_ms: float
    p95_ms: float
    max_ms: float

    @classmethod
    def of(cls, effect: str, seconds: list[float]) -> Latency:
        ordered = sorted(seconds)
        return cls(
            effect,
            len(ordered),
            round(statistics.median(ordered) * 1000, 1),
            round(percentile(ordered, 0.95) * 1000, 1),
            round(ordered[-1] * 1000, 1),
        )


def _book(http: requests.Session, gateway: str, venue: str, day: str, at: str) -> str:
    body = {
        "venue": venue,
        "date": day,
        "time": at,
        "party_size": 2,
        "customer": {
            "first_name": "Ada",
            "surname": "Lovelace",
            "email": f"effect-{uuid.uuid4().hex[:12]}@example.com",
            "mobile": "+447700900000",
        },
    }
    response = http.post(f"{gateway}/api/v1/bookings", json=body, timeout=10)
    if response.status_code != 201:
        raise RuntimeError(f"create answered {response.status_code}: {response.text[:300]}")
    return response.json()["reference"]


def email_and_audit(
    tessera: Tessera,
    venues: list[str],
    days: list[str],
    times: list[str],
    *,
    bookings: int = 100,
    interval: float = 0.1,
) -> list[Latency]:
    committed: dict[str, float] = {}
    with requests.Session() as http:
        for _ in range(bookings):
            reference = _book(
                http, tessera.gateway_url, random.choice(venues), random.choice(days), random.choice(times)
            )
            committed[reference] = time.time()
            time.sleep(interval)

    def delivered() -> dict[str, float]:
        found = {}
        for received_at, message in tessera.smtp.received():
            for reference in committed:
                if reference in (message["Subject"] or ""):
                    found[reference] = received_at
        return found if len(found) == len(committed) else {}

    emails = wait_until(delivered, 60, 0.2, "every confirmation e-mail")
    audited = dict(
        tessera.sql(
            "booking",
            "SELECT b.reference, o.event_id FROM bookings b JOIN outbox_events o ON o.aggregate_id = b.id "
            "WHERE o.event_type = 'booking.created' AND b.reference = ANY(:references)",
            references=list(committed),
        )
    )

    def recorded() -> dict[str, float]:
        rows = tessera.sql(
            "notification",
            "SELECT event_id, EXTRACT(EPOCH FROM recorded_at AT TIME ZONE "
            "current_setting('TimeZone')) FROM audit_log WHERE event_id = ANY(:ids)",
            ids=list(audited.values()),
        )
        return {event_id: float(at) for event_id, at in rows} if len(rows) == len(audited) else {}

    audit_rows = wait_until(recorded, 60, 0.2, "every audit row")
    return [
        Latency.of(EMAIL_EFFECT, [emails[ref] - at for ref, at in committed.items()]),
        Latency.of("commit -> audit row", [audit_rows[audited[ref]] - at for ref, at in committed.items()]),
    ]


def search_staleness(tessera: Tessera, venue: str, days: list[str], times: list[str], *, samples: int = 50) -> Latency:
    """From a hold's `201` to the end of the first public search that shows it."""
    internal = {"X-Service-Token": tessera.system.env["SERVICE_TOKEN"]}
    availability = tessera.system.service_urls["availability"]
    seconds = []
    with requests.Session() as http:

        def remaining(day: str, at: str) -> int:
            response = http.get(
                f"{tessera.gateway_url}/api/v1/venues/{venue}/availability",
                params={"date": day, "party_size": 1},
                timeout=10,
            )
            response.raise_for_status()
            return next(slot["remaining"] for slot in response.json()["slots"] if slot["time"] == at)

        for index in range(samples + 5):  # the first few pay for the worker's connections
            day, at = days[index % len(days)], times[index % len(times)]
            before = remaining(day, at)
            hold = http.post(
                f"{availability}/internal/holds",
                headers=internal,
                timeout=10,
                json={"hold_key": f"bench-{uuid.uuid4().hex}", "venue": venue, "date": day, "time": at, "units": 1},
            )
            hold.raise_for_status()
            placed = time.perf_counter()
            wait_until(
                lambda day=day, at=at, before=before: remaining(day, at) == before - 1,
                30,
                POLL_SECONDS,
                "search to show the hold",
            )
            if index >= 5:
                seconds.append(time.perf_counter() - placed)
            http.post(
                f"{availability}/internal/holds/{hold.json()['id']}/release", headers=internal, timeout=10
            ).raise_for_status()
    return Latency.of("hold placed -> public search shows it", seconds)
