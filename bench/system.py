"""A Tessera started the way production runs it on this machine, for the benchmarks and the chaos suite.

- `TESSERA_ENV=production` with fresh random secrets, so no development default is in play;
- fresh PostgreSQL databases on the machine's server (`BENCH_POSTGRES_URL`), dropped afterwards;
- a Redis server of its own on a free port, with an append-only file as in docker-compose.yml, so
  no other Redis user's keys or queues are touched and the chaos suite can restart it;
- every Procfile process: gunicorn sized by `shared/gunicorn_conf.py` (a worker per CPU of
  8 threads), the outbox relay, the Celery workers and beat;
- e-mail over SMTP to a server inside the bench process (`tests/support/smtp.py`), so "delivered"
  means a real SMTP server accepted the message.

Rate limits are raised: every request comes from one address here, where production counts
each client in its own bucket.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import redis
from sqlalchemy import create_engine, text

from runner import SERVICES
from tests.support.backends import SERVICES as SERVICE_NAMES
from tests.support.backends import Backend, free_port
from tests.support.processes import System, wait_until
from tests.support.smtp import SmtpSink

POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")
DEMO_VENUE = "TheHungryUnicorn"


class RedisServer:
    """A redis-server process of our own on a fixed port, which can be stopped and started again.

    With an append-only file, as the compose Redis: Celery's queued tasks survive a restart."""

    def __init__(self, directory: Path, port: int | None = None) -> None:
        self.directory = directory
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen | None = None

    def start(self) -> RedisServer:
        self.directory.mkdir(parents=True, exist_ok=True)
        self._process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--dir",
                str(self.directory),
                "--logfile",
                str(self.directory / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        wait_until(lambda: _answers(client), 10, 0.05, f"redis-server on port {self.port}")
        return self

    @property
    def pid(self) -> int:
        return self._process.pid

    def stop(self, signum: int = signal.SIGTERM) -> None:
        if self._process is not None:
            self._process.send_signal(signum)
            self._process.wait(10)
            self._process = None

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)


def _answers(client: redis.Redis) -> bool:
    try:
        return client.ping()
    except redis.RedisError:
        return False


@dataclass
class PostgresDatabases:
    """One fresh database per service on a PostgreSQL server, dropped by `drop()`."""

    admin_url: str = POSTGRES_ADMIN_URL
    urls: dict[str, str] = field(default_factory=dict)

    def create(self) -> PostgresDatabases:
        suffix = uuid.uuid4().hex[:8]
        base = self.admin_url.rsplit("/", 1)[0]
        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for service in SERVICE_NAMES:
                name = f"tessera_bench_{service}_{suffix}"
                conn.execute(text(f'CREATE DATABASE "{name}"'))
                self.urls[service] = f"{base}/{name}"
        admin.dispose()
        return self

    def drop(self) -> None:
        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for url in self.urls.values():
                conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
        admin.dispose()


def production_env(
    redis_url: str, database_urls: dict[str, str], var_dir: Path, smtp_url: str, **overrides: str
) -> dict[str, str]:
    ports = {name: free_port() for name in ("GATEWAY", "AVAILABILITY", "BOOKING", "NOTIFICATION")}
    env = {
        "TESSERA_ENV": "production",
        "TESSERA_VAR_DIR": str(var_dir),
        "LOG_LEVEL": "INFO",
        "SERVICE_TOKEN": secrets.token_urlsafe(32),
        "IDENTITY_SIGNING_KEY": secrets.token_urlsafe(48),
        "JWT_SECRET": secrets.token_urlsafe(48),
        "REDIS_URL": redis_url,
        "SMTP_URL": smtp_url,
        "RATE_LIMIT_DEFAULT": "10000000 per minute",
        "RATE_LIMIT_LOGIN": "10000000 per minute",
        "RATE_LIMIT_BOOKING_LOOKUP": "10000000 per minute",
        "RATE_LIMIT_LOOKUP_MISSES": "10000000 per minute",
        "RATE_LIMIT_LOOKUP_MISSES_GLOBAL": "10000000 per minute",
        **{f"{name}_PORT": str(port) for name, port in ports.items()},
        "AVAILABILITY_URL": f"http://127.0.0.1:{ports['AVAILABILITY']}",
        "BOOKING_URL": f"http://127.0.0.1:{ports['BOOKING']}",
        "NOTIFICATION_URL": f"http://127.0.0.1:{ports['NOTIFICATION']}",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{ports['GATEWAY']}",
        **{f"{service.upper()}_DATABASE_URL": url for service, url in database_urls.items()},
    }
    env.update(overrides)
    return env


@dataclass
class Tessera:
    """A running production-style system and what it runs on."""

    system: System
    redis_server: RedisServer
    databases: PostgresDatabases
    smtp: SmtpSink
    root: Path

    @property
    def gateway_url(self) -> str:
        return self.system.gateway_url

    def engine(self, service: str):
        return create_engine(self.databases.urls[service])

    def sql(self, service: str, statement: str, **params):
        """One statement in its own transaction; the rows as tuples."""
        engine = self.engine(service)
        try:
            with engine.begin() as conn:
                result = conn.execute(text(statement), params)
                return result.all() if result.returns_rows else result.rowcount
        finally:
            engine.dispose()


@contextlib.contextmanager
def production_system(
    name: str,
    *,
    start: bool = True,
    keep_logs: bool = False,
    postgres_admin_url: str = POSTGRES_ADMIN_URL,
    **overrides: str,
):
    """Create the databases, migrate, seed the demo venue and (unless start=False) start every process.

    `postgres_admin_url` names the server the databases are created on (the chaos suite runs
    a cluster of its own, to restart it). The processes' logs stay in the printed directory
    if the block fails or keep_logs is set."""
    root = Path(tempfile.mkdtemp(prefix=f"tessera-{name}-"))
    smtp = SmtpSink().start()
    redis_server = RedisServer(root / "redis").start()
    databases = PostgresDatabases(postgres_admin_url).create()
    (root / "var").mkdir()  # beat keeps its schedule here
    env = production_env(redis_server.url, databases.urls, root / "var", smtp.url, **overrides)
    system = System(env, log_dir=root)
    system.backend = Backend("postgres", root / "var", redis_server.url, databases.urls)
    tessera = Tessera(system, redis_server, databases, smtp, root)
    failed = False
    try:
        for service in SERVICES:
            system.manage(service, "migrate")
        system.manage("availability_service", "seed-demo")
        if start:
            system.start_all()
        yield tessera
    except BaseException:
        failed = True
        raise
    finally:
        system.stop_all()
        redis_server.stop()
        databases.drop()
        smtp.stop()
        if failed or keep_logs:
            print(f"process logs kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
