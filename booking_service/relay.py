"""The outbox relay process: `python -m booking_service.relay`.

A loop of its own rather than a beat-scheduled task: its job is to get events into the
broker, so it must keep running, and keep retrying, exactly when the broker is down.
"""

from __future__ import annotations

import logging
import signal
import time

from booking_service.config import Settings
from booking_service.extensions import bind_extensions
from booking_service.outbox import backlog, publish_pending, wait_for_nudge
from shared.logging import configure_logging

log = logging.getLogger("booking_service.relay")
MAX_BACKOFF_SECONDS = 5.0
BACKLOG_REPORT_EVERY_SECONDS = 30.0


def run(settings: Settings) -> None:
    stopping = False

    def _stop(*_args):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    bind_extensions(settings)
    log.info("outbox relay started", extra={"interval": settings.relay_interval_seconds})
    interval = settings.relay_interval_seconds
    delay = interval
    last_report = time.monotonic()
    while not stopping:
        try:
            if publish_pending():
                delay = interval
                continue
            # Nothing published: either nothing waits, or the broker refuses (back off).
            waiting = backlog()
            delay = interval if waiting["unpublished"] == 0 else min(delay * 2, MAX_BACKOFF_SECONDS)
            if time.monotonic() - last_report > BACKLOG_REPORT_EVERY_SECONDS:
                log.info("outbox backlog", extra=waiting)
                last_report = time.monotonic()
        except Exception:  # the database is down: log, back off, keep going
            log.exception("outbox relay round failed")
            delay = min(delay * 2, MAX_BACKOFF_SECONDS)
        if delay == interval:  # idle: a committed event's nudge wakes it early
            wait_for_nudge(delay)
        else:  # backing off: nudges must not hurry it
            time.sleep(delay)
    log.info("outbox relay stopped")


if __name__ == "__main__":
    settings = Settings.from_env()
    configure_logging("booking-relay", settings.common.log_level)
    run(settings)
