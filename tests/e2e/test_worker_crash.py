"""guarantee 2 of docs/architecture.md under a killed worker: events queued in Redis survive a SIGKILL of the
worker, and every booking ends with exactly one confirmation e-mail and one audit row."""

from __future__ import annotations

import signal
from email import message_from_bytes
from email.policy import default as default_policy

import requests

from tests.conftest import booking_body, count_rows, future_date
from tests.support.processes import wait_until

BOOKINGS = 30  # enough that the worker cannot finish them between two polls
TIMES = ("12:00", "12:30", "13:00", "13:30", "19:00", "19:30")


def _mail_by_reference(system, references: set[str]) -> dict[str, int]:
    counts = dict.fromkeys(references, 0)
    for path in (system.backend.var_dir / "mail").glob("*.eml"):
        subject = message_from_bytes(path.read_bytes(), policy=default_policy)["Subject"]
        for reference in references:
            if reference in subject:
                counts[reference] += 1
    return counts


def test_sigkilled_worker_delivers_every_email_exactly_once(system):
    system.stop("notification-worker")  # events pile up in Redis while no worker runs
    day = future_date(9)
    references = set()
    for i in range(BOOKINGS):
        response = requests.post(
            f"{system.gateway_url}/api/v1/bookings",
            json=booking_body(day, TIMES[i % len(TIMES)], 1, email=f"crash{i}@example.com"),
            timeout=10,
        )
        assert response.status_code == 201, response.text
        references.add(response.json()["reference"])
    wait_until(
        lambda: count_rows(system, "booking", "outbox_events", "published_at IS NULL") == 0,
        15,
        message="the relay to hand every event to the broker",
    )

    mail_dir = system.backend.var_dir / "mail"
    mails_before = len(list(mail_dir.glob("*.eml")))
    system.start("notification-worker")
    try:
        # Counting files (not parsing them) keeps the poll fast enough to kill the worker mid-batch.
        wait_until(lambda: len(list(mail_dir.glob("*.eml"))) > mails_before, 30, 0.01, message="the first e-mail")
        system.send_signal("notification-worker", signal.SIGKILL)  # mid-batch: some sent, some reserved, some queued
        system.stop("notification-worker", signal.SIGKILL)
        assert sum(_mail_by_reference(system, references).values()) < BOOKINGS, "worker finished before the kill"
    finally:
        system.start("notification-worker")  # the rest of the suite needs a worker whatever happened here
    wait_until(
        lambda: all(n == 1 for n in _mail_by_reference(system, references).values()),
        60,
        message="every e-mail after the restart",
    )
    crash_recipients = "recipient LIKE 'crash%@example.com'"
    wait_until(
        lambda: count_rows(system, "notification", "email_log", f"{crash_recipients} AND status = 'sent'") == BOOKINGS,
        30,
        message="every e-mail logged as sent",
    )
    assert count_rows(system, "notification", "email_log", crash_recipients) == BOOKINGS
    for reference in references:
        wait_until(
            lambda reference=reference: (
                count_rows(
                    system,
                    "notification",
                    "audit_log",
                    "CAST(after AS TEXT) LIKE :pattern",
                    pattern=f'%"reference": "{reference}"%',
                )
                == 1
            ),
            30,
            message=f"one audit row for {reference}",
        )
    assert _mail_by_reference(system, references) == dict.fromkeys(references, 1)
