"""bench/suite_cpu.py names each process of a test run by what it runs."""

from __future__ import annotations

import pytest

from bench.suite_cpu import kind_of


@pytest.mark.parametrize(
    ("command_line", "kind"),
    [
        (
            "/work/main/.venv/bin/python /work/main/.venv/bin/gunicorn --config python:shared.gunicorn_conf "
            "--bind 127.0.0.1:40843 availability_service.wsgi:app",
            "availability (gunicorn)",
        ),
        ("celery -A booking_service.worker worker -Q booking --concurrency 1 -B", "booking (Celery worker)"),
        ("/work/main/.venv/bin/python -m gateway.manage create-staff --email a@example.com", "gateway (ops command)"),
        ("python -m booking_service.relay", "booking (relay, subscriber)"),
        ("python -m notification_service.subscriber", "notification (relay, subscriber)"),
        ("/usr/lib/chromium/chromium --type=renderer --headless", "browser (chromium)"),
        ("node /work/main/web/node_modules/.bin/playwright test", "node (Playwright, Vite, Vitest)"),
        (
            "/work/main/.venv/bin/python -u -c import sys;exec(eval(sys.stdin.readline()))",
            "pytest (test code and its clients)",
        ),
        ("/work/main/.venv/bin/python -m pytest -n 2 --dist loadfile", "pytest (test code and its clients)"),
        ("/usr/bin/redis-server 127.0.0.1:41234", "redis (embedded)"),
        ("make test-pg", "other: make test-pg"),
    ],
)
def test_each_process_is_named_by_what_it_runs(command_line, kind):
    assert kind_of(command_line) == kind
