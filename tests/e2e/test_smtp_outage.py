"""An SMTP outage never reaches the booking page: bookings succeed while the server is down
(the booking service never talks to it), and their e-mails are retried until it returns. An
address the server refuses for good is recorded as failed and not retried."""

from __future__ import annotations

import requests

from tests.conftest import booking_body, count_rows, future_date
from tests.support.events import notification_idle
from tests.support.processes import wait_until
from tests.support.smtp import REJECTED_DOMAIN

TIMES = ("12:00", "12:30", "13:00", "19:00", "19:30")


def _book(system, day: str, at: str, email: str) -> str:
    response = requests.post(
        f"{system.gateway_url}/api/v1/bookings", json=booking_body(day, at, 1, email=email), timeout=10
    )
    assert response.status_code == 201, response.text
    return response.json()["reference"]


def _messages_for(smtp_server, reference: str) -> int:
    return len(smtp_server.messages(lambda m: reference in m["Subject"]))


def test_bookings_succeed_while_smtp_is_down_and_their_emails_arrive_after(mail_system, smtp_server):
    day = future_date(5)
    smtp_server.stop()
    try:
        references = [_book(mail_system, day, at, f"outage{i}@example.com") for i, at in enumerate(TIMES)]
        wait_until(
            lambda: (
                count_rows(
                    mail_system,
                    "notification",
                    "email_log",
                    "recipient LIKE 'outage%' AND status = 'pending' AND attempts >= 2",
                )
                == len(references)
            ),
            30,
            message="every e-mail to have been tried and failed at least twice",
        )
    finally:
        smtp_server.start()
    wait_until(
        lambda: all(_messages_for(smtp_server, r) for r in references),
        30,
        message="every e-mail once the server is back",
    )
    wait_until(lambda: notification_idle(mail_system), 30, message="no retry left in flight")
    assert [_messages_for(smtp_server, r) for r in references] == [1] * len(references)
    assert count_rows(
        mail_system, "notification", "email_log", "recipient LIKE 'outage%' AND status = 'sent' AND last_error IS NULL"
    ) == len(references)


def test_an_address_the_server_refuses_is_recorded_failed_and_not_retried(mail_system, smtp_server):
    reference = _book(mail_system, future_date(6), "12:00", f"nobody@{REJECTED_DOMAIN}")
    failed = f"recipient = 'nobody@{REJECTED_DOMAIN}' AND status = 'failed' AND attempts = 1"
    wait_until(
        lambda: count_rows(mail_system, "notification", "email_log", failed) == 1,
        30,
        message="the refused e-mail recorded as failed",
    )
    wait_until(lambda: notification_idle(mail_system), 30, message="no retry left in flight")
    assert count_rows(mail_system, "notification", "email_log", failed + " AND last_error LIKE '%550%'") == 1
    assert _messages_for(smtp_server, reference) == 0
    assert (
        count_rows(
            mail_system,
            "notification",
            "dead_letters",
            f"event_id IN (SELECT event_id FROM email_log WHERE recipient = 'nobody@{REJECTED_DOMAIN}')",
        )
        == 0
    )
