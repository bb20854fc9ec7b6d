"""JSON logs, one object per line, carrying the request id of whatever is being served.

The request id lives in a contextvar: the Flask hook sets it per request, the Celery
signals set it per task, and the HTTP client and the Celery publisher read it to pass it on.
"""

from __future__ import annotations

import contextvars
import logging
import re
import sys
import uuid

from pythonjsonlogger.json import JsonFormatter

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
task_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("task_id", default=None)
event_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("event_id", default=None)

REQUEST_ID_HEADER = "X-Request-ID"
# A caller's id is kept only in this alphabet and length: it is echoed in headers and stored in
# the audit log, where markup or separators have no business.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,128}")


def new_request_id() -> str:
    return uuid.uuid4().hex


def clean_request_id(value: str | None) -> str | None:
    """The caller's id if it is safe to adopt, else None (the caller makes a new one)."""
    if value is None or REQUEST_ID_PATTERN.fullmatch(value) is None:
        return None
    return value


def current_request_id() -> str | None:
    return request_id_var.get()


class _ContextFilter(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self.service
        record.request_id = getattr(record, "request_id", None) or request_id_var.get()
        record.task_id = getattr(record, "task_id", None) or task_id_var.get()
        record.event_id = getattr(record, "event_id", None) or event_id_var.get()
        return True


def configure_logging(service: str, level: str = "INFO") -> None:
    """Route every logger (ours, Flask's, Celery's, gunicorn's) to one JSON stream on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(service)s %(name)s %(message)s %(request_id)s %(task_id)s %(event_id)s",
            rename_fields={"asctime": "ts", "levelname": "level", "name": "logger"},
            timestamp=False,
        )
    )
    handler.addFilter(_ContextFilter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("werkzeug", "urllib3", "kombu", "amqp"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
