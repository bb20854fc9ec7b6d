"""The request log line counts the SQL statements the request sent (`db_queries`), per request,
whichever engine sent them; transaction control (SQLite's BEGIN) is not counted."""

from __future__ import annotations

import logging

from flask import Flask
from sqlalchemy import text

from shared.db import Database
from shared.web import install_request_context


def _app(tmp_path) -> tuple[Flask, Database, Database]:
    app = Flask("counting")
    install_request_context(app)
    first, second = Database(f"sqlite:///{tmp_path / 'first.db'}"), Database(f"sqlite:///{tmp_path / 'second.db'}")

    @app.get("/three")
    def three():
        with first.transaction() as session:  # BEGIN IMMEDIATE, not counted
            session.execute(text("CREATE TABLE IF NOT EXISTS t (x INTEGER)"))
            session.execute(text("INSERT INTO t VALUES (1)"))
        with second.reading() as session:
            session.execute(text("SELECT 1"))
        return "ok"

    @app.get("/none")
    def none():
        return "ok"

    return app, first, second


def _logged(caplog, path: str) -> dict:
    [record] = [r for r in caplog.records if r.name == "tessera.access" and getattr(r, "path", None) == path]
    return record.__dict__


def test_each_request_logs_the_statements_it_sent(tmp_path, caplog):
    app, first, second = _app(tmp_path)
    client = app.test_client()
    with caplog.at_level(logging.INFO, logger="tessera.access"):
        assert client.get("/three").status_code == 200
        assert client.get("/none").status_code == 200
    assert _logged(caplog, "/three")["db_queries"] == 3
    assert _logged(caplog, "/none")["db_queries"] == 0
    with first.reading() as session:  # outside a request nothing is counted, and nothing fails
        assert session.execute(text("SELECT COUNT(*) FROM t")).scalar() == 1
    first.dispose()
    second.dispose()
