"""The outbox relay process: `python -m booking_service.relay`.

It carries what a commit leaves for others: the events, to the broker (outbox.py), and the hold
confirms the new bookings owe, to the availability service in one call per round
(hold_commands.py). A loop of its own rather than a beat-scheduled task: it must keep running,
and keep retrying, exactly when the broker or the availability service is down. The confirms
back off on their own, so an availability service that does not answer does not hold up events.
"""

from __future__ import annotations

import logging
import signal
import time

from booking_service.config import Settings
from booking_service.extensions import bind_extensions
from booking_service.hold_commands import confirm_owed
from booking_service.outbox import backlog, publish_pending, wait_for_nudge
from shared.errors import ApiError
from shared.logging import configure_logging

log = logging.getLogger("booking_service.relay")
MAX_BACKOFF_SECONDS = 5.0
BACKLOG_REPORT_EVERY_SECONDS = 30.0


class ConfirmRounds:
    """When to send the confirms owed next: every round, or after a doubling pause (up to
    MAX_BACKOFF_SECONDS) while the availability service does not answer."""

    def __init__(self, interval: float):
        self.interval = interval
        self.pause = 0.0
        self.next_at = 0.0

    def send(self) -> int:
        if time.monotonic() < self.next_at:
            return 0
        try:
            sent = confirm_owed()
        except ApiError as exc:
            self.pause = min(max(self.pause * 2, self.interval), MAX_BACKOFF_SECONDS)
            self.next_at = time.monotonic() + self.pause
            log.warning("hold confirms not sent; retrying", extra={"error": exc.code, "retry_in": self.pause})
            return 0
        self.pause, self.next_at = 0.0, 0.0
        return sent


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
    confirms = ConfirmRounds(interval)
    while not stopping:
        try:
            published = publish_pending()
            if confirms.send() or published:
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
