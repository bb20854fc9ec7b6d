"""Process fixtures: a whole Tessera started from the Procfile on free ports with its own backend."""

from __future__ import annotations

import atexit
import contextlib
import signal
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, time, timedelta

import pytest
import requests
from sqlalchemy import Date, DateTime, Time, bindparam, text

from runner import SEEDED, SERVICES
from tests.support.availability import SERVICE_TOKEN, AvailabilityApi
from tests.support.backends import Backend, backend_name, free_port, make_backend
from tests.support.processes import System
from tests.support.smtp import SmtpSink

VENUE = "TheHungryUnicorn"
# Slots whose ledger disagrees with their active holds (the invariant: none).
LEDGER_MISMATCH = (
    "booked <> COALESCE((SELECT SUM(h.units) FROM holds h WHERE h.slot_id = slots.id "
    "AND h.status IN ('held', 'confirmed')), 0)"
)


def pytest_collection_modifyitems(items):
    """Unit tests run without a database of ours (or on SQLite): once, in `make test`."""
    for item in items:
        if item.nodeid.startswith("tests/unit/"):
            item.add_marker(pytest.mark.one_backend)


def system_env(backend, **overrides) -> dict[str, str]:
    ports = {name: free_port() for name in ("GATEWAY", "AVAILABILITY", "BOOKING", "NOTIFICATION")}
    env = {
        "TESSERA_ENV": "test",
        "LOG_LEVEL": "INFO",
        "SERVICE_TOKEN": SERVICE_TOKEN,
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
        "WORKER_CONCURRENCY": "2",
        # A killed worker's unacknowledged task comes back after this many seconds.
        "CELERY_VISIBILITY_TIMEOUT": "10",
        "CELERY_TASK_TIME_LIMIT": "8",
        "OUTBOX_RELAY_INTERVAL": "0.1",
        "HOLD_EXPIRY_INTERVAL": "2",
        "GATEWAY_UPSTREAM_TIMEOUT": "3",
        # The suite sends thousands of requests from one address; tests/e2e/test_gateway_protection.py
        # starts a gateway with tight limits of its own.
        "RATE_LIMIT_DEFAULT": "100000 per minute",
        "RATE_LIMIT_LOGIN": "100000 per minute",
        "RATE_LIMIT_BOOKING_LOOKUP": "100000 per minute",
        "RATE_LIMIT_LOOKUP_MISSES": "100000 per minute",
        "RATE_LIMIT_LOOKUP_MISSES_GLOBAL": "100000 per minute",
        "HTTP_READ_TIMEOUT": "3",
        **{f"{name}_PORT": str(port) for name, port in ports.items()},
        "AVAILABILITY_URL": f"http://127.0.0.1:{ports['AVAILABILITY']}",
        "BOOKING_URL": f"http://127.0.0.1:{ports['BOOKING']}",
        "NOTIFICATION_URL": f"http://127.0.0.1:{ports['NOTIFICATION']}",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{ports['GATEWAY']}",
        **backend.env(),
    }
    env.update(overrides)
    return env


def prepare_schemas(system: System) -> None:
    """Each service migrates and seeds its own database, so the four go side by side (as the runner's)."""

    def prepare(service: str) -> None:
        system.manage(service, "migrate")
        if service in SEEDED:
            system.manage(service, "seed-demo")

    with ThreadPoolExecutor(len(SERVICES)) as pool:
        list(pool.map(prepare, SERVICES))


_schema_templates: dict[str, Backend] = {}


def schema_template(tmp_path_factory) -> Backend:
    """Every service's database migrated and the demo venues seeded, once per test process, by the
    services' own commands; each system starts from a copy. Migrating and seeding cost about 10
    CPU-s a system, and a run of the suite starts some twenty."""
    name = backend_name()
    if name not in _schema_templates:
        root = tmp_path_factory.mktemp("schema-template")
        template = make_backend(root / "var")
        atexit.register(template.close)
        try:
            prepare_schemas(System(system_env(template), log_dir=root))
        finally:
            template.release_redis()  # what the seeds left in Redis is cache, rebuilt on demand
        _schema_templates[name] = template
    return _schema_templates[name]


@contextlib.contextmanager
def running_system(tmp_path_factory, name: str, **overrides):
    template = schema_template(tmp_path_factory)
    root = tmp_path_factory.mktemp(name)
    backend = make_backend(root / "var", copy_of=template)
    system = System(system_env(backend, **overrides), log_dir=root)
    system.backend = backend
    try:
        system.start_all()
        yield system
    finally:
        # The system is thrown away with its backend: nothing a graceful stop would finish is
        # looked at again, and gunicorn's and Celery's graceful waits cost seconds per system.
        system.stop_all(signal.SIGKILL)
        backend.close()


@pytest.fixture(scope="session")
def system(tmp_path_factory):
    """The shared system for end-to-end tests; tests that stop a process start it again."""
    with running_system(tmp_path_factory, "system") as running:
        yield running


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server in the test process (tests/support/smtp.py)."""
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def mail_system(tmp_path_factory, smtp_server):
    """A second Tessera whose workers send e-mail over SMTP to `smtp_server` and retry quickly.

    Its workers look up time zones in /usr/share/zoneinfo and in `extra_zones`, a directory a
    test can add a zone to (a worker whose time zone data is older than the venue's zone)."""
    extra_zones = tmp_path_factory.mktemp("zoneinfo")
    with running_system(
        tmp_path_factory,
        "mail",
        SMTP_URL=smtp_server.url,
        WORKER_CONCURRENCY="4",
        RETRY_BACKOFF_BASE_SECONDS="0.2",
        RETRY_BACKOFF_MAX_SECONDS="1",
        EMAIL_MAX_RETRIES="60",
        CONSUMER_MAX_RETRIES="4",
        PYTHONTZPATH=f"/usr/share/zoneinfo:{extra_zones}",
    ) as running:
        running.extra_zones = extra_zones
        yield running


@pytest.fixture
def gateway(system):
    return Gateway(system.gateway_url)


@pytest.fixture
def availability(system):
    """The availability service's own API, called with the service credential."""
    return AvailabilityApi(system.service_urls["availability"])


class Gateway:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()

    def get(self, path: str, **kwargs):
        return self.session.get(self.base_url + path, timeout=10, **kwargs)

    def post(self, path: str, **kwargs):
        return self.session.post(self.base_url + path, timeout=10, **kwargs)

    def patch(self, path: str, **kwargs):
        return self.session.patch(self.base_url + path, timeout=10, **kwargs)


def future_date(days: int = 3) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def booking_body(day: str, at: str = "19:00", party_size: int = 2, email: str = "guest@example.com", **extra):
    return {
        "venue": VENUE,
        "date": day,
        "time": at,
        "party_size": party_size,
        "customer": {"first_name": "Grace", "surname": "Hopper", "email": email, "mobile": "+447700900000"},
        **extra,
    }


def count_rows(system, service: str, table: str, where: str = "1=1", **params) -> int:
    engine = system.backend.engine(service)
    try:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT COUNT(*) FROM {table} WHERE {where}"), params).scalar_one()
    finally:
        engine.dispose()


def set_slot_capacity(system, day: str, at: str, capacity: int) -> None:
    """Test set-up only: shrink one slot of the demo venue so a race for its last places is cheap to stage."""
    engine = system.backend.engine("availability")
    try:
        with engine.begin() as conn:
            statement = text(
                "UPDATE slots SET capacity = :capacity WHERE local_date = :day AND local_time = :at "
                "AND venue_id = (SELECT id FROM venues WHERE slug = :venue)"
            )
            statement = statement.bindparams(bindparam("day", type_=Date()), bindparam("at", type_=Time()))
            updated = conn.execute(
                statement,
                {"capacity": capacity, "venue": VENUE, "day": date.fromisoformat(day), "at": time.fromisoformat(at)},
            ).rowcount
        assert updated == 1, f"no slot {day} {at}"
    finally:
        engine.dispose()


def start_slot_now(system, venue: str, day: str, at: str) -> None:
    """Test set-up only: make one slot have started ten minutes ago (and run for 90), as a slot
    under way would be."""
    now = datetime.now(UTC).replace(tzinfo=None)
    engine = system.backend.engine("availability")
    try:
        with engine.begin() as conn:
            statement = text(
                "UPDATE slots SET starts_at = :started, ends_at = :ends WHERE local_date = :day "
                "AND local_time = :at AND venue_id = (SELECT id FROM venues WHERE slug = :venue)"
            )
            statement = statement.bindparams(
                bindparam("day", type_=Date()),
                bindparam("at", type_=Time()),
                bindparam("started", type_=DateTime()),
                bindparam("ends", type_=DateTime()),
            )
            updated = conn.execute(
                statement,
                {
                    "venue": venue,
                    "day": date.fromisoformat(day),
                    "at": time.fromisoformat(at),
                    "started": now - timedelta(minutes=10),
                    "ends": now + timedelta(minutes=80),
                },
            ).rowcount
        assert updated == 1, f"no slot {day} {at}"
    finally:
        engine.dispose()
