"""One SQLAlchemy engine and session factory per service, and explicit transactions.

Use cases open exactly one transaction (`with db.transaction() as session:`); models never
commit. On SQLite, write transactions start with BEGIN IMMEDIATE so concurrent writers queue
on the database lock instead of failing when a reader upgrades (the embedded backend must
keep the same no-overbooking guarantee as PostgreSQL); reads use a deferred BEGIN.

Every engine counts the statements it sends while a count is running in the current context
(`start_statement_count`): shared/web.py runs one per request and logs it as `db_queries`.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from pathlib import Path
from typing import cast

from sqlalchemy import create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from shared.config import env_int

SQLITE_BUSY_TIMEOUT_MS = 30_000
# The statements sent so far in this context, while a count runs (a one-item list, so the
# engine event can add to it in place).
_statement_count: ContextVar[list[int] | None] = ContextVar("statement_count", default=None)


class Base(DeclarativeBase):
    """Declarative base; each service subclasses it so metadata stays per service."""


def rows_affected(session: Session, statement) -> int:
    """Execute an UPDATE or DELETE; returns how many rows it changed (what a guarded statement's
    caller decides on)."""
    return cast(CursorResult, session.execute(statement)).rowcount


def insert_ignoring_conflicts(
    session: Session, model, rows: dict | list[dict], *, index_elements: list[str] | None = None
) -> int:
    """INSERT ... ON CONFLICT DO NOTHING on either database; returns how many rows are new."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(model).values(rows).on_conflict_do_nothing(index_elements=index_elements)
    result = cast(CursorResult, session.execute(statement))  # an INSERT's result counts its rows
    return max(result.rowcount or 0, 0)


def is_sqlite(engine_or_url) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else str(engine_or_url)
    return str(url).startswith("sqlite")


def start_statement_count() -> None:
    """Count from now on, in this context, the SQL statements every engine sends."""
    _statement_count.set([0])


def stop_statement_count() -> int | None:
    """Stop the running count; the statements counted, or None if none was running."""
    counter = _statement_count.get()
    _statement_count.set(None)
    return None if counter is None else counter[0]


def _count_statement(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
    # Transaction control is not counted: SQLite's BEGIN goes through here (see _on_begin),
    # psycopg2's BEGIN and every COMMIT do not, so the figures compare across databases.
    counter = _statement_count.get()
    if counter is not None and not statement.startswith("BEGIN"):
        counter[0] += 1


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy (not pysqlite) decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("sqlite_write", True)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, *, pool_size: int = 5, max_overflow: int = 5) -> Engine:
    """An engine for `url`. On PostgreSQL each process keeps up to `pool_size` idle connections
    and opens up to `max_overflow` more under load, closing them when they are returned."""
    if is_sqlite(url):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})
        _configure_sqlite(engine)
    else:
        engine = create_engine(
            url, pool_size=pool_size, max_overflow=max_overflow, pool_pre_ping=True, pool_recycle=1800
        )
    event.listen(engine, "before_cursor_execute", _count_statement)
    # A forked child (a Celery worker's pool process) must not use its parent's connections: it
    # starts with an empty pool and leaves the parent's alone (SQLAlchemy's "Using Connection
    # Pools with Multiprocessing or os.fork()").
    os.register_at_fork(after_in_child=partial(_forget_parents_connections, weakref.ref(engine)))
    return engine


def _forget_parents_connections(engine_ref: weakref.ref[Engine]) -> None:
    engine = engine_ref()
    if engine is not None:
        engine.dispose(close=False)


class Database:
    """Unbound until `init(url)`, so a service can hold it as a module-level extension."""

    def __init__(self, url: str | None = None) -> None:
        if url:
            self.init(url)

    def init(self, url: str) -> Database:
        self.url = url
        self.engine = make_engine(
            url,
            pool_size=env_int("DATABASE_POOL_SIZE", 5),
            max_overflow=env_int("DATABASE_MAX_OVERFLOW", 5),
        )
        self.is_sqlite = is_sqlite(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=True)
        self._read_sessions = sessionmaker(self.engine.execution_options(sqlite_write=False), expire_on_commit=False)
        return self

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A read-write unit of work: committed on success, rolled back on any exception."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write session whose caller commits, for the rare flow that must commit at a chosen
        moment mid-way (the e-mail send); whatever is left uncommitted is rolled back."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work (deferred lock on SQLite)."""
        with self._read_sessions() as session, session.begin():
            yield session

    def ping(self) -> None:
        with self.engine.connect().execution_options(sqlite_write=False) as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()
