"""A large, consistent data set for the scaling benchmarks, written straight into migrated databases.

    summary = seed_dataset(backend.database_urls, bookings=1_000_000)
    .venv/bin/python -m bench.dataset --bookings 1000000   # fresh PostgreSQL databases: seed, time, check

It writes what the services would hold after taking that many bookings:

- availability: `venues` restaurants `<prefix>-00`, `<prefix>-01`, ... (European time zones, bookable
  from an hour ahead, a horizon past the last seeded day), weekly opening rules (a slot every 30
  minutes from 11:00 to 22:00), `resources` table pools each, the slots those rules call for on
  `days` days from `first_day` (default: tomorrow), one hold per booking (`confirmed`, or
  `released` for a cancelled booking), and every slot's `booked` set to the units of its active
  holds, so the ledger invariant holds. Slot capacity is the rules' capacity, chosen so that at
  least 30% of every slot stays free for the benchmark to book; the hourly fill-slot-horizon
  job therefore finds nothing to change.
- booking: customers (one per four bookings of a venue), the bookings spread evenly over every
  venue, day and time (1 in 20 cancelled), each with its hold's confirm (and release) command
  done, its `booking.created` (and `booking.cancelled`) outbox event published and, where the
  reminder is still ahead, its reminder already sent (so beat sends no flood of reminders).
  Bookings were made 25 h to 31 days before the seeding, outside the reconciliation job's
  one-day window.
- notification: what the workers made of those events: `audit_log`, `email_log`, `processed_events`.

Every booking has a number n, counted across all runs on the same databases, and everything
about it is a function of n. On PostgreSQL no row goes through Python: each table is one
INSERT ... SELECT over generate_series, into tables whose indexes and keys are dropped first
and rebuilt after (for big runs: sorting once is many times faster than a million random index
insertions), the three databases side by side, then VACUUM ANALYZE. On SQLite the same formulas
run in Python (`_seeded_bookings`; meant for small data sets). Ids are UUIDs made from
md5("tessera-bench:<kind>:<n>"); references are "0" and six characters of the service's alphabet:
the service never draws a "0" (booking_service/references.py), so a reference it makes later
cannot collide with a seeded one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import sys
import time as timer
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import requests
from sqlalchemy import Connection, create_engine, func, select, text

from availability_service.models import Hold, OpeningRule, Resource, Slot, Venue
from availability_service.slots.planning import PlannedSlot, plan_slots
from booking_service.models import Booking, Customer, HoldCommand, OutboxEvent, Reminder
from booking_service.references import ALPHABET
from notification_service.models import AuditEntry, EmailLog, ProcessedEvent
from shared.clock import iso_utc, utcnow, venue_today

log = logging.getLogger(__name__)

TIMEZONES = ("Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Dublin")
FIRST_START, LAST_START = time(11, 0), time(22, 0)
INTERVAL_MINUTES, DURATION_MINUTES = 30, 90
MIN_NOTICE_MINUTES = 60
HOLD_TTL_SECONDS = 300
MAX_PARTY_SIZE = 8
PARTY_SIZES = (2, 4, 2, 3, 2, 6, 4, 2)  # a slot's k-th booking has PARTY_SIZES[(k + slot number) % 8]
FREE_SHARE = 0.3  # of every slot's capacity left free after seeding
MIN_CAPACITY = 20
BOOKINGS_PER_CUSTOMER = 4
CANCEL_EVERY = 20  # booking i is cancelled when i % 20 == 19
CANCELLATION_REASON = 1  # "Customer Request" (booking migration 0002)
MIN_AGE_SECONDS = 25 * 3600
AGE_SPAN_SECONDS = 30 * 86400
AGE_STEP = 7919  # a prime, so consecutive bookings' ages scatter over the span
REMINDER_LEAD = timedelta(minutes=24 * 60)  # the booking service's BOOKING_REMINDER_LEAD_MINUTES default
PROCESSING_DELAY = timedelta(seconds=1)  # from an event to its publication, e-mail and audit row
REFERENCE_MARK = "0"  # never drawn by booking_service.references.new_reference
REFERENCE_BITS = 30  # six characters of a 32-letter alphabet
MESSAGE_ID_DOMAIN = "tessera.local"  # notification_service.emails.message_id_for
CUSTOMER_ACTOR = {"type": "customer"}
FIRST_NAMES = ("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret", "Ken")
SURNAMES = (
    "Lovelace",
    "Hopper",
    "Turing",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Allen",
    "Backus",
    "Hamilton",
    "Thompson",
    "Ritchie",
    "Wirth",
)
SPECIAL_REQUEST = "Window seat, please"  # on booking i when i % 10 == 3
TEMPLATES = {"booking.created": "booking_created", "booking.cancelled": "booking_cancelled"}
# From this many bookings on, PostgreSQL tables are loaded without their indexes and keys. Below
# it they stay (the DDL would lock tables a running system is using, e.g. in the test suite).
REBUILD_INDEXES_FROM = 50_000
SQLITE_CHUNK = 2000
BULK_TABLES = {
    "availability": ("holds",),
    "booking": ("customers", "bookings", "reminders", "hold_commands", "outbox_events"),
    "notification": ("audit_log", "email_log", "processed_events"),
}

assert REFERENCE_MARK not in ALPHABET and len(ALPHABET) == 32


@dataclass
class SeedVenue:
    index: int
    id: int
    slug: str
    name: str
    address: str
    timezone: str
    slots: list[tuple[int, PlannedSlot]] = field(default_factory=list)  # (slot id, slot), by date and time


@dataclass
class Plan:
    """Everything the formulas need, the same for every database."""

    now: datetime  # naive UTC, whole seconds
    venues: list[SeedVenue]
    bookings: int
    first_n: int  # the number of this run's first booking
    first_customer_id: int
    customers_per_venue: int
    capacity: int
    horizon_days: int
    resources: int

    @property
    def slot_ids(self) -> tuple[int, int]:
        ids = [slot_id for venue in self.venues for slot_id, _ in venue.slots]
        return min(ids, default=0), max(ids, default=-1)


@dataclass(frozen=True)
class DatasetSummary:
    venues: list[str]
    first_day: date
    last_day: date
    slots_per_day: int
    slot_capacity: int
    bookings: int
    cancelled: int
    customers: int
    rows: dict[str, int]  # "<service>.<table>": rows written
    seconds: dict[str, float]  # per service, and "total"

    def report(self) -> str:
        lines = [
            f"venues {', '.join(self.venues)}; {self.first_day} to {self.last_day}, "
            f"{self.slots_per_day} slots a day of {self.slot_capacity} covers",
            f"bookings {self.bookings} ({self.cancelled} cancelled), customers {self.customers}",
        ]
        lines += [f"  {name:<34}{count:>10}" for name, count in self.rows.items()]
        lines += [f"  {name + ' (s)':<34}{seconds:>10.1f}" for name, seconds in self.seconds.items()]
        return "\n".join(lines)


# --- what every booking is: the formulas, in Python ---------------------------------------------


def md5_uuid(kind: str, n: int) -> str:
    """The id of a seeded row; the same as PostgreSQL's md5('tessera-bench:<kind>:' || n)::uuid."""
    return str(uuid.UUID(hashlib.md5(f"tessera-bench:{kind}:{n}".encode()).hexdigest()))


def reference_for(n: int) -> str:
    return REFERENCE_MARK + "".join(ALPHABET[(n >> shift) & 31] for shift in range(25, -1, -5))


def customer_details(c: int) -> dict:
    """Customer number c of a venue (the same person is customer c of every seeded venue)."""
    return {
        "email": f"guest{c:07d}@example.com",
        "first_name": FIRST_NAMES[c % len(FIRST_NAMES)],
        "surname": SURNAMES[(c // len(FIRST_NAMES)) % len(SURNAMES)],
        "mobile": f"+4477009{c % 100000:05d}",
        "marketing_email": c % 3 == 0,
        "venue_marketing_email": c % 5 == 0,
    }


def _cancelled(bookings: int) -> int:
    return bookings // CANCEL_EVERY  # i % CANCEL_EVERY == CANCEL_EVERY - 1


@dataclass(frozen=True)
class SeedBooking:
    i: int
    n: int
    venue: SeedVenue
    slot_id: int
    slot: PlannedSlot
    party_size: int
    cancelled: bool
    created_at: datetime
    cancelled_at: datetime | None
    customer: int  # the venue's customer number
    customer_id: int

    @property
    def booking_id(self) -> str:
        return md5_uuid("booking", self.n)

    @property
    def hold_id(self) -> str:
        return md5_uuid("hold", self.n)

    @property
    def updated_at(self) -> datetime:
        return self.cancelled_at or self.created_at

    def snapshot(self, *, cancelled: bool) -> dict:
        """booking_service.bookings.views.event_snapshot of the booking, made or cancelled."""
        details = customer_details(self.customer)
        return {
            "id": self.booking_id,
            "reference": reference_for(self.n),
            "status": "cancelled" if cancelled else "confirmed",
            "venue": self.venue.slug,
            "date": self.slot.local_date.isoformat(),
            "time": self.slot.local_time.strftime("%H:%M"),
            "starts_at": iso_utc(self.slot.starts_at),
            "ends_at": iso_utc(self.slot.ends_at),
            "party_size": self.party_size,
            "special_requests": SPECIAL_REQUEST if self.i % 10 == 3 else None,
            "room_number": None,
            "is_leave_time_confirmed": False,
            "channel": "api",
            "cancellation_reason_id": CANCELLATION_REASON if cancelled else None,
            "customer": {
                "id": self.customer_id,
                "title": None,
                "first_name": details["first_name"],
                "surname": details["surname"],
                "email": details["email"],
                "mobile": details["mobile"],
                "mobile_country_code": None,
                "phone": None,
                "phone_country_code": None,
                "marketing_email": details["marketing_email"],
                "marketing_sms": False,
                "venue_marketing_email": details["venue_marketing_email"],
                "venue_marketing_sms": False,
            },
            "created_at": iso_utc(self.created_at),
            "updated_at": iso_utc(self.cancelled_at if cancelled else self.created_at),
            "booking_id": self.booking_id,
            "version": 2 if cancelled else 1,
            "venue_name": self.venue.name,
            "venue_address": self.venue.address,
            "timezone": self.venue.timezone,
        }

    def events(self) -> list[dict]:
        """The booking's outbox envelopes (shared.events.make_event), oldest first."""
        made = self.snapshot(cancelled=False)
        events = [
            {
                "event_id": md5_uuid("created", self.n),
                "event_type": "booking.created",
                "occurred_at": self.created_at.isoformat() + "+00:00",
                "aggregate_id": self.booking_id,
                "request_id": None,
                "actor": CUSTOMER_ACTOR,
                "payload": {"venue": self.venue.slug, "before": None, "after": made},
            }
        ]
        if self.cancelled:
            events.append(
                {
                    "event_id": md5_uuid("cancelled", self.n),
                    "event_type": "booking.cancelled",
                    "occurred_at": self.cancelled_at.isoformat() + "+00:00",
                    "aggregate_id": self.booking_id,
                    "request_id": None,
                    "actor": CUSTOMER_ACTOR,
                    "payload": {"venue": self.venue.slug, "before": made, "after": self.snapshot(cancelled=True)},
                }
            )
        return events


def _seeded_bookings(plan: Plan) -> Iterator[SeedBooking]:
    venues = len(plan.venues)
    for i in range(plan.bookings):
        venue, j = plan.venues[i % venues], i // venues  # j: the booking's number at its venue
        number, round_ = j % len(venue.slots), j // len(venue.slots)
        slot_id, slot = venue.slots[number]
        cancelled = i % CANCEL_EVERY == CANCEL_EVERY - 1
        age = MIN_AGE_SECONDS + (i * AGE_STEP) % AGE_SPAN_SECONDS
        created_at = plan.now - timedelta(seconds=age)
        customer = j % plan.customers_per_venue
        yield SeedBooking(
            i=i,
            n=plan.first_n + i,
            venue=venue,
            slot_id=slot_id,
            slot=slot,
            party_size=PARTY_SIZES[(round_ + number) % len(PARTY_SIZES)],
            cancelled=cancelled,
            created_at=created_at,
            cancelled_at=created_at + timedelta(seconds=(age - MIN_AGE_SECONDS) // 2) if cancelled else None,
            customer=customer,
            customer_id=plan.first_customer_id + venue.index * plan.customers_per_venue + customer,
        )


# --- the same formulas in PostgreSQL ------------------------------------------------------------
# JSON is assembled as text by concatenation and cast (so checked) to json: several times faster
# than json_build_object. Columns named j_* hold JSON text.


def _pg_json_members(fields: dict[str, str]) -> str:
    """A text expression `"key": value, ...` from {key: SQL expression giving the value's JSON text};
    values that are SQL string literals are folded into the constant text."""
    pieces, constant = [], ""
    for index, (key, value) in enumerate(fields.items()):
        constant += (", " if index else "") + f'"{key}": '
        if value.startswith("'") and value.endswith("'") and value.count("'") == 2:
            constant += value[1:-1]
        else:
            pieces += [f"'{constant}'", f"({value})"]
            constant = ""
    pieces.append(f"'{constant}'")
    return " || ".join(piece for piece in pieces if piece != "''")


def _pg_json_object(fields: dict[str, str], *, cast: bool = True) -> str:
    """A json expression (or its text, cast=False) from {key: SQL expression giving the value's JSON text}."""
    return f"('{{' || {_pg_json_members(fields)} || '}}'){'::json' if cast else ''}"


def _pg_snapshot(*, cancelled: bool, cast: bool = True) -> str:
    """booking_service.bookings.views.event_snapshot of a seeded booking, made or cancelled (FROM SEEDED)."""
    return _pg_json_object(
        {
            "id": _pg_quoted("b.booking_id"),
            "reference": _pg_quoted("b.reference"),
            "status": "'\"cancelled\"'" if cancelled else "'\"confirmed\"'",
            "venue": "v.j_slug",
            "date": "s.j_date",
            "time": "s.j_time",
            "starts_at": "s.j_starts_at",
            "ends_at": "s.j_ends_at",
            "party_size": "b.party_size",
            "special_requests": "CASE WHEN b.i % 10 = 3 THEN :j_special_request ELSE 'null' END",
            "room_number": "'null'",
            "is_leave_time_confirmed": "'false'",
            "channel": "'\"api\"'",
            "cancellation_reason_id": f"'{CANCELLATION_REASON}'" if cancelled else "'null'",
            "customer": """'{"id": ' || b.customer_id || ', ' || k.j_details || '}'""",
            "created_at": _pg_quoted("b.created_text || 'Z'"),
            "updated_at": _pg_quoted(f"b.{'cancelled' if cancelled else 'created'}_text || 'Z'"),
            "booking_id": _pg_quoted("b.booking_id"),
            "version": "'2'" if cancelled else "'1'",
            "venue_name": "v.j_venue_name",
            "venue_address": "v.j_venue_address",
            "timezone": "v.j_timezone",
        },
        cast=cast,
    )


def _pg_event(kind: str) -> str:
    """The envelope of the booking's `booking.<kind>` event (shared.events.make_event)."""
    cancelled = kind == "cancelled"
    return _pg_json_object(
        {
            "event_id": _pg_quoted(f"md5('tessera-bench:{kind}:' || b.n)::uuid"),
            "event_type": f"'\"booking.{kind}\"'",
            "occurred_at": _pg_quoted(f"b.{kind}_text || '+00:00'"),
            "aggregate_id": _pg_quoted("b.booking_id"),
            "request_id": "'null'",
            "actor": """'{"type": "customer"}'""",
            "payload": _pg_json_object(
                {
                    "venue": "v.j_slug",
                    "before": _pg_snapshot(cancelled=False, cast=False) if cancelled else "'null'",
                    "after": _pg_snapshot(cancelled=cancelled, cast=False),
                },
                cast=False,
            ),
        }
    )


def _pg_reference() -> str:
    chars = " || ".join(f"substr(:alphabet, ((b.n >> {shift}) & 31)::int + 1, 1)" for shift in range(25, -1, -5))
    return f"'{REFERENCE_MARK}' || {chars}"


PG_ISO_UTC = """'YYYY-MM-DD"T"HH24:MI:SS"Z"'"""  # shared.clock.iso_utc


def _pg_quoted(expression: str) -> str:
    return f"""'"' || {expression} || '"'"""


# The plan's venues, slots and customer details, and one row per booking of this run, as temporary
# tables of the transaction that every INSERT of every database reads (seed_bookings b, joined to
# the others as SEEDED). The venue, slot and customer columns named j_* hold JSON text.
PG_SEED_TABLES = f"""
CREATE TEMPORARY TABLE seed_venues ON COMMIT DROP AS
SELECT *, to_json(slug)::text AS j_slug, to_json(name)::text AS j_venue_name, to_json(address)::text AS j_venue_address,
       to_json(timezone)::text AS j_timezone
FROM json_to_recordset(CAST(:venue_rows AS json)) AS x(v int, venue_id int, slug text, name text, address text,
                                                       timezone text, slots int);
CREATE TEMPORARY TABLE seed_slots ON COMMIT DROP AS
SELECT *, {_pg_quoted("to_char(local_date, 'YYYY-MM-DD')")} AS j_date,
       {_pg_quoted("to_char(local_time, 'HH24:MI')")} AS j_time,
       {_pg_quoted(f"to_char(starts_at, {PG_ISO_UTC})")} AS j_starts_at,
       {_pg_quoted(f"to_char(ends_at, {PG_ISO_UTC})")} AS j_ends_at
FROM json_to_recordset(CAST(:slot_rows AS json)) AS x(v int, number int, slot_id int, local_date date, local_time time,
                                                      starts_at timestamp, ends_at timestamp);
CREATE TEMPORARY TABLE seed_customers ON COMMIT DROP AS
SELECT k.*, {
    _pg_json_members(
        {
            "title": "'null'",
            "first_name": "to_json(k.first_name)::text",
            "surname": "to_json(k.surname)::text",
            "email": "to_json(k.email)::text",
            "mobile": "to_json(k.mobile)::text",
            "mobile_country_code": "'null'",
            "phone": "'null'",
            "phone_country_code": "'null'",
            "marketing_email": "to_json(k.marketing_email)::text",
            "marketing_sms": "'false'",
            "venue_marketing_email": "to_json(k.venue_marketing_email)::text",
            "venue_marketing_sms": "'false'",
        }
    )
} AS j_details
FROM (SELECT c, 'guest' || lpad(c::text, 7, '0') || '@example.com' AS email,
             (:first_names)[1 + c % {len(FIRST_NAMES)}] AS first_name,
             (:surnames)[1 + (c / {len(FIRST_NAMES)}) % {len(SURNAMES)}] AS surname,
             '+4477009' || lpad((c % 100000)::text, 5, '0') AS mobile,
             c % 3 = 0 AS marketing_email, c % 5 = 0 AS venue_marketing_email
      FROM generate_series(0, :customers_per_venue - 1) AS c) k;
CREATE UNIQUE INDEX ON seed_slots (v, number);
CREATE UNIQUE INDEX ON seed_customers (c);
ANALYZE seed_venues;
ANALYZE seed_slots;
ANALYZE seed_customers;
CREATE TEMPORARY TABLE seed_bookings ON COMMIT DROP AS
SELECT b.i, b.n, b.v, b.number, b.c AS customer, :first_customer_id + b.v * :customers_per_venue + b.c AS customer_id,
       md5('tessera-bench:booking:' || b.n)::uuid::text AS booking_id,
       md5('tessera-bench:hold:' || b.n)::uuid::text AS hold_id, {_pg_reference()} AS reference,
       v.venue_id, s.slot_id,
       (:party_sizes)[1 + (b.j / v.slots + b.number) % {len(PARTY_SIZES)}] AS party_size,
       b.cancelled, b.created_at, b.cancelled_at,
       to_char(b.created_at, 'YYYY-MM-DD"T"HH24:MI:SS') AS created_text,
       to_char(b.cancelled_at, 'YYYY-MM-DD"T"HH24:MI:SS') AS cancelled_text
FROM (SELECT g.*, g.j % v.slots AS number, CAST(:now AS timestamp) - make_interval(secs => g.age) AS created_at,
             CASE WHEN g.cancelled THEN CAST(:now AS timestamp) - make_interval(secs => g.age)
                  + make_interval(secs => (g.age - {MIN_AGE_SECONDS}) / 2) END AS cancelled_at
      FROM (SELECT i, :first_n + i AS n, i % :venues AS v, i / :venues AS j, (i / :venues) % :customers_per_venue AS c,
                   i % {CANCEL_EVERY} = {CANCEL_EVERY - 1} AS cancelled,
                   {MIN_AGE_SECONDS} + (i * {AGE_STEP}) % {AGE_SPAN_SECONDS} AS age
            FROM generate_series(0::bigint, :bookings - 1) AS i) g
      JOIN seed_venues v ON v.v = g.v) b
JOIN seed_venues v ON v.v = b.v
JOIN seed_slots s ON s.v = b.v AND s.number = b.number;
ANALYZE seed_bookings
"""
SEEDED = """seed_bookings b JOIN seed_venues v ON v.v = b.v JOIN seed_slots s ON s.v = b.v AND s.number = b.number
     JOIN seed_customers k ON k.c = b.customer"""

PG_HOLDS = """
INSERT INTO holds (id, hold_key, venue_id, slot_id, units, status, exclusive, expires_at, created_at, updated_at)
SELECT hold_id, booking_id, venue_id, slot_id, party_size, CASE WHEN cancelled THEN 'released' ELSE 'confirmed' END,
       false, created_at + make_interval(secs => :hold_ttl), created_at, COALESCE(cancelled_at, created_at)
FROM seed_bookings
"""

PG_CUSTOMERS = """
INSERT INTO customers (id, venue, email, first_name, surname, mobile, marketing_email, marketing_sms,
                       venue_marketing_email, venue_marketing_sms, created_at, updated_at)
SELECT :first_customer_id + v.v * :customers_per_venue + k.c, v.slug, k.email, k.first_name, k.surname, k.mobile,
       k.marketing_email, false, k.venue_marketing_email, false, :customers_since, :customers_since
FROM seed_venues v CROSS JOIN seed_customers k
"""

PG_BOOKINGS = f"""
INSERT INTO bookings (id, reference, venue, venue_name, venue_address, timezone, hold_id, customer_id, starts_at,
                      ends_at, local_date, local_time, party_size, channel, special_requests, is_leave_time_confirmed,
                      status, cancellation_reason_id, cancelled_at, version, created_at, updated_at)
SELECT b.booking_id, b.reference, v.slug, v.name, v.address, v.timezone, b.hold_id, b.customer_id, s.starts_at,
       s.ends_at, s.local_date, s.local_time, b.party_size, 'api',
       CASE WHEN b.i % 10 = 3 THEN CAST(:special_request AS text) END, false,
       CASE WHEN b.cancelled THEN 'cancelled' ELSE 'confirmed' END,
       CASE WHEN b.cancelled THEN {CANCELLATION_REASON} END, b.cancelled_at, CASE WHEN b.cancelled THEN 2 ELSE 1 END,
       b.created_at, COALESCE(b.cancelled_at, b.created_at)
FROM {SEEDED}
"""

PG_REMINDERS = """
INSERT INTO reminders (booking_id, due_at, sent_at)
SELECT b.booking_id, s.starts_at - :reminder_lead, :now
FROM seed_bookings b JOIN seed_slots s ON s.v = b.v AND s.number = b.number
WHERE NOT b.cancelled AND s.starts_at - :reminder_lead > :now
"""

PG_HOLD_COMMANDS = """
INSERT INTO hold_commands (hold_id, command, created_at, done_at, attempts)
SELECT hold_id, 'confirm', created_at, created_at + :delay, 1 FROM seed_bookings
UNION ALL
SELECT hold_id, 'release', cancelled_at, cancelled_at + :delay, 1 FROM seed_bookings WHERE cancelled
"""

PG_OUTBOX = f"""
INSERT INTO outbox_events (event_id, event_type, aggregate_id, envelope, created_at, published_at, attempts)
SELECT md5('tessera-bench:created:' || b.n)::uuid::text, 'booking.created', b.booking_id, {_pg_event("created")},
       b.created_at, b.created_at + :delay, 1
FROM {SEEDED};
INSERT INTO outbox_events (event_id, event_type, aggregate_id, envelope, created_at, published_at, attempts)
SELECT md5('tessera-bench:cancelled:' || b.n)::uuid::text, 'booking.cancelled', b.booking_id,
       {_pg_event("cancelled")}, b.cancelled_at, b.cancelled_at + :delay, 1
FROM {SEEDED} WHERE b.cancelled
"""

# What the workers made of each event: its audit row, its e-mail and both handlers' dedupe rows.
# (`before` of a creation is JSON null, as SQLAlchemy's JSON type stores None.)
PG_NOTIFICATIONS = f"""
INSERT INTO audit_log (event_id, occurred_at, actor, venue, entity, entity_id, action, before, after, request_id,
                       recorded_at)
SELECT md5('tessera-bench:created:' || b.n)::uuid::text, b.created_at, '{{"type": "customer"}}', v.slug, 'booking',
       b.reference, 'booking.created', 'null', {_pg_snapshot(cancelled=False)}, NULL, b.created_at + :delay
FROM {SEEDED};
INSERT INTO audit_log (event_id, occurred_at, actor, venue, entity, entity_id, action, before, after, request_id,
                       recorded_at)
SELECT md5('tessera-bench:cancelled:' || b.n)::uuid::text, b.cancelled_at, '{{"type": "customer"}}', v.slug,
       'booking', b.reference, 'booking.cancelled', {_pg_snapshot(cancelled=False)}, {_pg_snapshot(cancelled=True)},
       NULL, b.cancelled_at + :delay
FROM {SEEDED} WHERE b.cancelled;
CREATE TEMPORARY TABLE seed_events ON COMMIT DROP AS
SELECT md5('tessera-bench:created:' || b.n)::uuid::text AS event_id, 'created' AS kind, k.email,
       b.created_at + :delay AS at
FROM seed_bookings b JOIN seed_customers k ON k.c = b.customer
UNION ALL
SELECT md5('tessera-bench:cancelled:' || b.n)::uuid::text, 'cancelled', k.email, b.cancelled_at + :delay
FROM seed_bookings b JOIN seed_customers k ON k.c = b.customer WHERE b.cancelled;
INSERT INTO email_log (event_id, recipient, template, message_id, status, attempts, sent_at, created_at)
SELECT event_id, email, 'booking_' || kind, '<' || event_id || '.' || kind || '@{MESSAGE_ID_DOMAIN}>', 'sent', 1, at, at
FROM seed_events;
INSERT INTO processed_events (event_id, handler, processed_at)
SELECT event_id, 'audit', at FROM seed_events
UNION ALL
SELECT event_id, 'email', at FROM seed_events
"""

# Every slot's ledger from its holds: the invariant by construction (both databases).
SET_BOOKED = """
UPDATE slots SET booked = held.units
FROM (SELECT slot_id, SUM(units) AS units FROM holds
      WHERE slot_id BETWEEN :first_slot_id AND :last_slot_id AND status IN ('held', 'confirmed')
      GROUP BY slot_id) AS held
WHERE slots.id = held.slot_id
"""


def _run(conn: Connection, statements: str, params: dict | None = None) -> int:
    """Each statement of `statements` in turn, timed in the log; the rows the last one wrote."""
    rows = 0
    for statement in statements.strip().split(";\n"):
        started = timer.perf_counter()
        rows = conn.execute(text(statement), params or {}).rowcount
        log.info("%-64s %9d rows %6.1f s", " ".join(statement.split())[:64], rows, timer.perf_counter() - started)
    return rows


@contextmanager
def _pg_without_indexes(conn: Connection, tables: tuple[str, ...]):
    """Drop the tables' btree indexes, primary and unique keys (and foreign keys to or from them)
    for the block, and rebuild them from their own definitions after it, in the same transaction.
    Exclusion constraints stay: holds' is partial and seeded holds are outside it."""
    tables_param = {"tables": list(tables)}
    constraints = conn.execute(
        text(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
            "WHERE contype IN ('p', 'u', 'f') AND (conrelid = ANY(CAST(:tables AS regclass[])) "
            "OR (contype = 'f' AND confrelid = ANY(CAST(:tables AS regclass[]))))"
        ),
        tables_param,
    ).all()
    indexes = conn.execute(
        text(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class ix ON ix.oid = i.indexrelid JOIN pg_am am ON am.oid = ix.relam AND am.amname = 'btree' "
            "WHERE i.indrelid = ANY(CAST(:tables AS regclass[])) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))"
        ),
        tables_param,
    ).all()
    foreign = [row for row in constraints if row.contype == "f"]
    keys = [row for row in constraints if row.contype != "f"]
    for table, name, _, _ in foreign + keys:
        conn.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
    for name, _ in indexes:
        conn.execute(text(f"DROP INDEX {name}"))
    yield
    _run(
        conn,
        ";\n".join(
            [definition for _, definition in indexes]
            + [
                f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
                for table, name, definition, _ in keys + foreign
            ]
        ),
    )


def _insert_chunks(conn: Connection, table, rows) -> None:
    for chunk in _chunks(rows):
        conn.execute(table.insert(), chunk)


def _chunks(rows, size: int = SQLITE_CHUNK):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pg_params(plan: Plan) -> dict:
    return {
        "first_n": plan.first_n,
        "bookings": plan.bookings,
        "venues": len(plan.venues),
        "customers_per_venue": plan.customers_per_venue,
        "first_customer_id": plan.first_customer_id,
        "now": plan.now,
        "alphabet": ALPHABET,
        "party_sizes": list(PARTY_SIZES),
        "special_request": SPECIAL_REQUEST,
        "j_special_request": json.dumps(SPECIAL_REQUEST),
        "first_names": list(FIRST_NAMES),
        "surnames": list(SURNAMES),
        "hold_ttl": HOLD_TTL_SECONDS,
        "reminder_lead": REMINDER_LEAD,
        "delay": PROCESSING_DELAY,
        "customers_since": _customers_since(plan),
    }


def _customers_since(plan: Plan) -> datetime:
    return plan.now - timedelta(seconds=MIN_AGE_SECONDS + AGE_SPAN_SECONDS + 86400)


def _pg_seed_tables(conn: Connection, plan: Plan) -> None:
    """The seed_* tables (PG_SEED_TABLES) in this transaction of a PostgreSQL database."""
    venues = [
        {
            "v": venue.index,
            "venue_id": venue.id,
            "slug": venue.slug,
            "name": venue.name,
            "address": venue.address,
            "timezone": venue.timezone,
            "slots": len(venue.slots),
        }
        for venue in plan.venues
    ]
    slots = [
        {
            "v": venue.index,
            "number": number,
            "slot_id": slot_id,
            "local_date": slot.local_date.isoformat(),
            "local_time": slot.local_time.isoformat(),
            "starts_at": slot.starts_at.isoformat(),
            "ends_at": slot.ends_at.isoformat(),
        }
        for venue in plan.venues
        for number, (slot_id, slot) in enumerate(venue.slots)
    ]
    _run(conn, PG_SEED_TABLES, {**_pg_params(plan), "venue_rows": json.dumps(venues), "slot_rows": json.dumps(slots)})


# --- the three databases ------------------------------------------------------------------------


def _seed_availability(conn: Connection, plan: Plan) -> dict[str, int]:
    conn.execute(
        Venue.__table__.insert(),
        [
            {
                "id": venue.id,
                "slug": venue.slug,
                "name": venue.name,
                "kind": "restaurant",
                "timezone": venue.timezone,
                "address": venue.address,
                "min_notice_minutes": MIN_NOTICE_MINUTES,
                "horizon_days": plan.horizon_days,
                "hold_ttl_seconds": HOLD_TTL_SECONDS,
                "max_party_size": MAX_PARTY_SIZE,
                "default_slot_minutes": DURATION_MINUTES,
                "default_slot_capacity": plan.capacity,
                "created_at": plan.now - timedelta(days=365),
            }
            for venue in plan.venues
        ],
    )
    conn.execute(
        OpeningRule.__table__.insert(),
        [
            {
                "venue_id": venue.id,
                "weekday": weekday,
                "on_date": None,
                "first_start": FIRST_START,
                "last_start": LAST_START,
                "interval_minutes": INTERVAL_MINUTES,
                "duration_minutes": DURATION_MINUTES,
                "capacity": plan.capacity,
            }
            for venue in plan.venues
            for weekday in range(7)
        ],
    )
    if plan.resources:
        conn.execute(
            Resource.__table__.insert(),
            [
                {
                    "venue_id": venue.id,
                    "name": f"Table {number + 1:03d}",
                    "kind": "table_pool",
                    "capacity": (2, 4, 6, 8)[number % 4],
                    "tags": ["window"] if number % 5 == 0 else [],
                    "active": True,
                    "created_at": plan.now - timedelta(days=365),
                }
                for venue in plan.venues
                for number in range(plan.resources)
            ],
        )
    conn.execute(
        Slot.__table__.insert(),
        [
            {
                "id": slot_id,
                "venue_id": venue.id,
                "local_date": slot.local_date,
                "local_time": slot.local_time,
                "starts_at": slot.starts_at,
                "ends_at": slot.ends_at,
                "capacity": plan.capacity,
                "booked": 0,
                "is_open": True,
                "staff_override": False,
            }
            for venue in plan.venues
            for slot_id, slot in venue.slots
        ],
    )
    if conn.dialect.name == "postgresql":
        for table in ("venues", "slots"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"))
        _pg_seed_tables(conn, plan)
        _run(conn, PG_HOLDS, _pg_params(plan))
    else:
        _insert_chunks(
            conn,
            Hold.__table__,
            (
                {
                    "id": b.hold_id,
                    "hold_key": b.booking_id,
                    "venue_id": b.venue.id,
                    "slot_id": b.slot_id,
                    "units": b.party_size,
                    "status": "released" if b.cancelled else "confirmed",
                    "exclusive": False,
                    "expires_at": b.created_at + timedelta(seconds=HOLD_TTL_SECONDS),
                    "created_at": b.created_at,
                    "updated_at": b.updated_at,
                }
                for b in _seeded_bookings(plan)
            ),
        )
    first_slot_id, last_slot_id = plan.slot_ids
    _run(conn, SET_BOOKED, {"first_slot_id": first_slot_id, "last_slot_id": last_slot_id})
    return {
        "venues": len(plan.venues),
        "opening_rules": 7 * len(plan.venues),
        "resources": plan.resources * len(plan.venues),
        "slots": last_slot_id - first_slot_id + 1,
        "holds": plan.bookings,
    }


def _seed_booking(conn: Connection, plan: Plan) -> dict[str, int]:
    cancelled = _cancelled(plan.bookings)
    if conn.dialect.name == "postgresql":
        _pg_seed_tables(conn, plan)
        params = _pg_params(plan)
        _run(conn, PG_CUSTOMERS, params)
        conn.execute(text("SELECT setval(pg_get_serial_sequence('customers', 'id'), (SELECT MAX(id) FROM customers))"))
        _run(conn, PG_BOOKINGS, params)
        reminders = _run(conn, PG_REMINDERS, params)
        _run(conn, PG_HOLD_COMMANDS, params)
        _run(conn, PG_OUTBOX, params)
    else:
        since = _customers_since(plan)
        _insert_chunks(
            conn,
            Customer.__table__,
            (
                {
                    "id": plan.first_customer_id + venue.index * plan.customers_per_venue + c,
                    "venue": venue.slug,
                    **customer_details(c),
                    "marketing_sms": False,
                    "venue_marketing_sms": False,
                    "created_at": since,
                    "updated_at": since,
                }
                for venue in plan.venues
                for c in range(plan.customers_per_venue)
            ),
        )
        reminders = 0
        for chunk in _chunks(_seeded_bookings(plan)):
            rows = _booking_rows(chunk, plan)
            reminders += len(rows[Reminder.__table__])
            for table, values in rows.items():
                if values:
                    conn.execute(table.insert(), values)
    return {
        "customers": len(plan.venues) * plan.customers_per_venue,
        "bookings": plan.bookings,
        "reminders": reminders,
        "hold_commands": plan.bookings + cancelled,
        "outbox_events": plan.bookings + cancelled,
    }


def _booking_rows(chunk: list[SeedBooking], plan: Plan) -> dict:
    bookings, reminders, commands, releases, events = [], [], [], [], []
    for b in chunk:
        bookings.append(
            {
                "id": b.booking_id,
                "reference": reference_for(b.n),
                "venue": b.venue.slug,
                "venue_name": b.venue.name,
                "venue_address": b.venue.address,
                "timezone": b.venue.timezone,
                "hold_id": b.hold_id,
                "customer_id": b.customer_id,
                "starts_at": b.slot.starts_at,
                "ends_at": b.slot.ends_at,
                "local_date": b.slot.local_date,
                "local_time": b.slot.local_time,
                "party_size": b.party_size,
                "channel": "api",
                "special_requests": SPECIAL_REQUEST if b.i % 10 == 3 else None,
                "room_number": None,
                "is_leave_time_confirmed": False,
                "status": "cancelled" if b.cancelled else "confirmed",
                "cancellation_reason_id": CANCELLATION_REASON if b.cancelled else None,
                "cancelled_at": b.cancelled_at,
                "version": 2 if b.cancelled else 1,
                "created_at": b.created_at,
                "updated_at": b.updated_at,
            }
        )
        if not b.cancelled and b.slot.starts_at - REMINDER_LEAD > plan.now:
            reminders.append(
                {"booking_id": b.booking_id, "due_at": b.slot.starts_at - REMINDER_LEAD, "sent_at": plan.now}
            )
        commands.append(
            {
                "hold_id": b.hold_id,
                "command": "confirm",
                "created_at": b.created_at,
                "done_at": b.created_at + PROCESSING_DELAY,
                "attempts": 1,
            }
        )
        if b.cancelled:
            releases.append(
                {
                    "hold_id": b.hold_id,
                    "command": "release",
                    "created_at": b.cancelled_at,
                    "done_at": b.cancelled_at + PROCESSING_DELAY,
                    "attempts": 1,
                }
            )
        for event in b.events():
            at = datetime.fromisoformat(event["occurred_at"]).replace(tzinfo=None)
            events.append(
                {
                    "event_id": event["event_id"],
                    "event_type": event["event_type"],
                    "aggregate_id": b.booking_id,
                    "envelope": event,
                    "created_at": at,
                    "published_at": at + PROCESSING_DELAY,
                    "attempts": 1,
                }
            )
    return {
        Booking.__table__: bookings,
        Reminder.__table__: reminders,
        HoldCommand.__table__: commands + releases,
        OutboxEvent.__table__: events,
    }


def _seed_notification(conn: Connection, plan: Plan) -> dict[str, int]:
    events = plan.bookings + _cancelled(plan.bookings)
    if conn.dialect.name == "postgresql":
        _pg_seed_tables(conn, plan)
        _run(conn, PG_NOTIFICATIONS, _pg_params(plan))
    else:
        for chunk in _chunks(_seeded_bookings(plan)):
            audit, emails, processed = [], [], []
            for b in chunk:
                for event in b.events():
                    at = datetime.fromisoformat(event["occurred_at"]).replace(tzinfo=None)
                    payload, kind = event["payload"], event["event_type"].split(".", 1)[1]
                    audit.append(
                        {
                            "event_id": event["event_id"],
                            "occurred_at": at,
                            "actor": CUSTOMER_ACTOR,
                            "venue": b.venue.slug,
                            "entity": "booking",
                            "entity_id": reference_for(b.n),
                            "action": event["event_type"],
                            "before": payload["before"],
                            "after": payload["after"],
                            "request_id": None,
                            "recorded_at": at + PROCESSING_DELAY,
                        }
                    )
                    emails.append(
                        {
                            "event_id": event["event_id"],
                            "recipient": payload["after"]["customer"]["email"],
                            "template": TEMPLATES[event["event_type"]],
                            "message_id": f"<{event['event_id']}.{kind}@{MESSAGE_ID_DOMAIN}>",
                            "status": "sent",
                            "attempts": 1,
                            "sent_at": at + PROCESSING_DELAY,
                            "created_at": at + PROCESSING_DELAY,
                        }
                    )
                    processed += [
                        {"event_id": event["event_id"], "handler": handler, "processed_at": at + PROCESSING_DELAY}
                        for handler in ("audit", "email")
                    ]
            for table, values in (
                (AuditEntry.__table__, audit),
                (EmailLog.__table__, emails),
                (ProcessedEvent.__table__, processed),
            ):
                conn.execute(table.insert(), values)
    return {"audit_log": events, "email_log": events, "processed_events": 2 * events}


# --- planning and the entry point -----------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    weekday: int | None
    on_date: date | None
    first_start: time
    last_start: time
    interval_minutes: int
    duration_minutes: int
    capacity: int


def _capacity(bookings: int, venues: int, slots_per_venue: int) -> int:
    """The smallest capacity (at least MIN_CAPACITY) that leaves FREE_SHARE of the busiest slot free."""
    most = math.ceil(math.ceil(bookings / venues) / slots_per_venue)
    units = max(
        sum(PARTY_SIZES[(k + offset) % len(PARTY_SIZES)] for k in range(most)) for offset in range(len(PARTY_SIZES))
    )
    return max(MIN_CAPACITY, math.ceil(units / (1 - FREE_SHARE)))


def _scalar(url: str, query):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(query).scalar()
    finally:
        engine.dispose()


def _plan(
    database_urls: dict[str, str],
    *,
    bookings: int,
    venues: int,
    resources: int,
    days: int,
    first_day: date,
    prefix: str,
    now: datetime,
) -> Plan:
    slugs = [f"{prefix}-{index:02d}" for index in range(venues)]
    availability = database_urls["availability"]
    taken = _scalar(availability, select(func.count()).where(Venue.slug.in_(slugs)))
    if taken:
        raise ValueError(f"venues named {prefix}-NN exist already: choose another prefix")
    first_venue_id = (_scalar(availability, select(func.max(Venue.id))) or 0) + 1
    slot_id = (_scalar(availability, select(func.max(Slot.id))) or 0) + 1
    last_day = first_day + timedelta(days=days - 1)
    rules = [
        _Rule(weekday, None, FIRST_START, LAST_START, INTERVAL_MINUTES, DURATION_MINUTES, 0) for weekday in range(7)
    ]
    seed_venues = []
    for index, slug in enumerate(slugs):
        venue = SeedVenue(
            index,
            first_venue_id + index,
            slug,
            f"Bench Venue {index:02d}",
            f"{index + 1} Benchmark Street",
            TIMEZONES[index % len(TIMEZONES)],
        )
        planned = plan_slots(rules, set(), venue.timezone, first_day, last_day)
        venue.slots = [(slot_id + number, slot) for number, (_, slot) in enumerate(sorted(planned.items()))]
        slot_id += len(venue.slots)
        seed_venues.append(venue)
    first_n = _scalar(
        database_urls["booking"], select(func.count()).where(Booking.reference.like(REFERENCE_MARK + "%"))
    )
    if first_n + bookings > 1 << REFERENCE_BITS:
        raise ValueError(f"references run out after {1 << REFERENCE_BITS} seeded bookings")
    today = min(venue_today(venue.timezone) for venue in seed_venues)
    return Plan(
        now=now,
        venues=seed_venues,
        bookings=bookings,
        first_n=first_n,
        first_customer_id=(_scalar(database_urls["booking"], select(func.max(Customer.id))) or 0) + 1,
        customers_per_venue=max(1, math.ceil(math.ceil(bookings / venues) / BOOKINGS_PER_CUSTOMER)),
        capacity=_capacity(bookings, venues, min(len(venue.slots) for venue in seed_venues)),
        horizon_days=max(days + 1, (last_day - today).days + 1),
        resources=resources,
    )


def _seed_database(
    url: str, service: str, seed: Callable[[Connection], dict[str, int]], rebuild_indexes: bool
) -> tuple[dict[str, int], float]:
    """One database in one transaction, then VACUUM ANALYZE on PostgreSQL; (rows, seconds)."""
    started = timer.perf_counter()
    # SQLite: wait as long as the services do for a running system's write lock.
    engine = create_engine(url, connect_args={"timeout": 30} if url.startswith("sqlite") else {})
    try:
        with engine.begin() as conn:
            postgres = conn.dialect.name == "postgresql"
            if postgres:
                conn.execute(text("SET LOCAL synchronous_commit TO OFF"))
                conn.execute(text("SET LOCAL work_mem TO '64MB'"))
                conn.execute(text("SET LOCAL maintenance_work_mem TO '256MB'"))
            if postgres and rebuild_indexes:
                with _pg_without_indexes(conn, BULK_TABLES[service]):
                    written = seed(conn)
            else:
                written = seed(conn)
        if postgres:
            # Statistics and visibility maps now, rather than an autovacuum in the middle of a benchmark.
            vacuum = create_engine(url, isolation_level="AUTOCOMMIT")
            try:
                with vacuum.connect() as conn:
                    _run(conn, f"VACUUM (ANALYZE) {', '.join(written)}")
            finally:
                vacuum.dispose()
    finally:
        engine.dispose()
    return written, timer.perf_counter() - started


def seed_dataset(
    database_urls: dict[str, str],
    *,
    bookings: int,
    venues: int = 10,
    resources: int = 50,
    days: int = 90,
    first_day: date | None = None,
    prefix: str = "bench-venue",
    parallel: bool = True,
) -> DatasetSummary:
    """Write the data set into the migrated databases of `database_urls` ("availability",
    "booking", "notification": SQLAlchemy URLs). A run on databases seeded before adds to them,
    with venues of its own `prefix` (a prefix in use is refused). The databases are written side
    by side (`parallel`), each in one transaction; if one fails the others may have committed."""
    if bookings < 0 or venues < 1 or days < 1 or resources < 0:
        raise ValueError("bookings and resources must be at least 0, venues and days at least 1")
    started = timer.perf_counter()
    zones = TIMEZONES[:venues]
    first_day = first_day or max(venue_today(zone) for zone in zones) + timedelta(days=1)
    plan = _plan(
        database_urls,
        bookings=bookings,
        venues=venues,
        resources=resources,
        days=days,
        first_day=first_day,
        prefix=prefix,
        now=utcnow().replace(microsecond=0),
    )
    rebuild = bookings >= REBUILD_INDEXES_FROM
    steps = {"availability": _seed_availability, "booking": _seed_booking, "notification": _seed_notification}
    with ThreadPoolExecutor(len(steps) if parallel else 1) as pool:
        futures = {
            service: pool.submit(
                _seed_database, database_urls[service], service, lambda conn, seed=seed: seed(conn, plan), rebuild
            )
            for service, seed in steps.items()
        }
        results = {service: future.result() for service, future in futures.items()}
    rows = {
        f"{service}.{table}": count for service, (written, _) in results.items() for table, count in written.items()
    }
    seconds = {service: round(elapsed, 1) for service, (_, elapsed) in results.items()}
    seconds["total"] = round(timer.perf_counter() - started, 1)
    return DatasetSummary(
        venues=[venue.slug for venue in plan.venues],
        first_day=first_day,
        last_day=first_day + timedelta(days=days - 1),
        slots_per_day=len(plan.venues[0].slots) // days,
        slot_capacity=plan.capacity,
        bookings=bookings,
        cancelled=_cancelled(bookings),
        customers=len(plan.venues) * plan.customers_per_venue,
        rows=rows,
        seconds=seconds,
    )


# --- python -m bench.dataset: seed fresh PostgreSQL databases, time it, check the result --------


def check_dataset(tessera, summary: DatasetSummary) -> list[str]:
    """What a running bench.system Tessera says about the data set: the ledger invariant, the
    least share of a slot left free, a search and a booking through the gateway on the first venue."""
    from tests.conftest import LEDGER_MISMATCH

    mismatched = tessera.sql("availability", f"SELECT COUNT(*) FROM slots WHERE {LEDGER_MISMATCH}")[0][0]
    least_free = tessera.sql(
        "availability",
        "SELECT MIN(1.0 * (capacity - booked) / capacity) FROM slots "
        "WHERE venue_id IN (SELECT id FROM venues WHERE slug = ANY(:slugs))",
        slugs=summary.venues,
    )[0][0]
    venue, day = summary.venues[0], (summary.first_day + timedelta(days=1)).isoformat()
    search = requests.get(
        f"{tessera.gateway_url}/api/v1/venues/{venue}/availability", params={"date": day, "party_size": 2}, timeout=30
    )
    booking = requests.post(
        f"{tessera.gateway_url}/api/v1/bookings",
        timeout=30,
        json={
            "venue": venue,
            "date": day,
            "time": "19:00",
            "party_size": 2,
            "customer": {
                "first_name": "Bench",
                "surname": "Check",
                "email": "guest0000001@example.com",
                "mobile": "+447700900001",
            },
        },
    )
    bookable = sum(slot["bookable"] for slot in search.json().get("slots", [])) if search.ok else 0
    return [
        f"slots whose booked differs from their active holds: {mismatched}",
        f"least share of a seeded slot left free: {float(least_free):.2f}",
        f"search {venue} {day} through the gateway: {search.status_code}, {bookable} bookable slots",
        f"booking {venue} {day} 19:00 through the gateway: {booking.status_code} "
        f"{booking.json().get('reference') if booking.ok else booking.text[:200]}",
    ]


def main(argv: list[str] | None = None) -> int:
    from bench.system import production_system

    parser = argparse.ArgumentParser(prog="python -m bench.dataset", description=__doc__.split("\n\n")[0])
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--venues", type=int, default=10)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--serial", action="store_true", help="seed one database after another")
    parser.add_argument("--no-check", action="store_true", help="only seed and time, do not start the processes")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(threadName)s %(message)s")
    log.setLevel(logging.INFO)  # each statement and its time
    with production_system("dataset", start=False) as tessera:
        summary = seed_dataset(
            tessera.databases.urls, bookings=args.bookings, venues=args.venues, days=args.days, parallel=not args.serial
        )
        print(summary.report())
        for service in ("availability", "booking", "notification"):
            size = tessera.sql(service, "SELECT pg_size_pretty(pg_database_size(current_database()))")[0][0]
            print(f"  {service} database: {size}")
        if not args.no_check:
            tessera.system.start_all()
            for line in check_dataset(tessera, summary):
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
