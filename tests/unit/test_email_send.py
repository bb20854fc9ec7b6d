"""The guarded send against a real SMTP server in this process: how each kind of reply ends up
in the e-mail log, and that nothing is delivered unless the send was committed first."""

from __future__ import annotations

import signal
from datetime import datetime
from pathlib import Path

import pytest
from aiosmtpd.smtp import AuthResult
from sqlalchemy import select

from notification_service import emails, mailer
from notification_service.emails import MailSettings, send_booking_email
from notification_service.extensions import db
from notification_service.mailer import TransientMailError, build_message, send_smtp
from notification_service.models import EmailLog, ProcessedEvent
from shared.migrations import upgrade
from tests.support.events import booking_event
from tests.support.smtp import SmtpSink

MIGRATIONS = Path(emails.__file__).parent / "migrations"


@pytest.fixture
def notification_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'notification.db'}"
    upgrade(MIGRATIONS, url, "notification_alembic_version")
    db.init(url)
    yield db
    db.dispose()


@pytest.fixture
def smtp_server():
    server = SmtpSink().start()
    yield server
    server.stop()


def _mail(url: str, tmp_path) -> MailSettings:
    return MailSettings(
        smtp_url=url,
        mail_dir=tmp_path / "mail",
        sender="Tessera <bookings@tessera.local>",
        public_url="https://book.example",
        link_key="k" * 32,
    )


def _event() -> dict:
    return booking_event(reference="UNIT1", email="unit@example.com", starts_at=datetime(2027, 2, 1, 19, 0))


def _log_row() -> EmailLog:
    with db.reading() as session:
        return session.scalars(select(EmailLog)).one()


def _processed(event_id: str) -> bool:
    with db.reading() as session:
        return session.get(ProcessedEvent, (event_id, "email")) is not None


def test_an_end_of_data_deferral_is_retried_and_then_sent_once(notification_db, smtp_server, tmp_path):
    smtp_server.data_replies.append("451 4.3.0 Try again later")
    event, mail = _event(), _mail(smtp_server.url, tmp_path)
    with pytest.raises(TransientMailError, match="451"):
        send_booking_email(event, mail)
    row = _log_row()
    assert (row.status, row.attempts, row.sent_at) == ("pending", 1, None) and "451" in row.last_error
    assert not _processed(event["event_id"]) and smtp_server.messages() == []

    assert send_booking_email(event, mail) == "sent"
    assert send_booking_email(event, mail) == "already_sent"
    row = _log_row()
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, None)
    assert _processed(event["event_id"]) and len(smtp_server.messages()) == 1


class TimeLimit(Exception):
    """What Celery's soft time limit raises in a task, from a signal handler."""


@pytest.fixture
def time_limit():
    """`time_limit(seconds)`: raise TimeLimit in this thread after `seconds`, as Celery's soft
    time limit does in a task that runs too long."""

    def interrupt(signum, frame):
        raise TimeLimit()

    previous = signal.signal(signal.SIGALRM, interrupt)
    yield lambda seconds: signal.setitimer(signal.ITIMER_REAL, seconds)
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("interruption", ["the client's read timeout", "the task's time limit"])
def test_a_send_interrupted_while_waiting_for_the_final_reply_counts_as_sent_once(
    notification_db, smtp_server, tmp_path, monkeypatch, time_limit, interruption
):
    # The server has the whole message when the client stops waiting for its 250; that 250 then
    # arrives as the answer to QUIT. Neither may turn the committed "sent" into a retry, which
    # would deliver the message twice.
    smtp_server.data_reply_delay = 0.6
    if interruption == "the client's read timeout":
        monkeypatch.setattr(mailer, "SMTP_TIMEOUT_SECONDS", 0.2)
    else:
        time_limit(0.2)
    event, mail = _event(), _mail(smtp_server.url, tmp_path)
    assert send_booking_email(event, mail) == "sent"
    assert send_booking_email(event, mail) == "already_sent"
    row = _log_row()
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, None)
    assert _processed(event["event_id"]) and len(smtp_server.messages()) == 1


def test_a_refused_message_is_failed_for_good(notification_db, smtp_server, tmp_path):
    smtp_server.data_replies.append("554 5.7.1 Message refused")
    event, mail = _event(), _mail(smtp_server.url, tmp_path)
    assert send_booking_email(event, mail) == "failed"
    assert send_booking_email(event, mail) == "already_failed"
    row = _log_row()
    assert (row.status, row.attempts) == ("failed", 1) and "554" in row.last_error
    assert _processed(event["event_id"]) and smtp_server.messages() == []


def test_a_commit_that_fails_leaves_the_server_without_the_message(smtp_server):
    message = build_message(
        sender="bookings@tessera.local",
        recipient="unit@example.com",
        subject="s",
        text="t",
        html="<p>h</p>",
        message_id="<commit-fails@tessera.local>",
    )

    def failing_commit():
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        send_smtp(message, smtp_server.url, failing_commit)
    send_smtp(message, smtp_server.url, lambda: None)  # the server is still fine afterwards
    assert [m["Message-ID"] for m in smtp_server.messages()] == ["<commit-fails@tessera.local>"]


def _authenticator(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=(auth_data.login, auth_data.password) == (b"tessera", b"s3cret"), handled=False)


def test_smtp_login_and_a_refused_login_is_retried_not_failed(notification_db, tmp_path):
    # Plain-text AUTH is fine on loopback in a test; production URLs use STARTTLS or smtps.
    server = SmtpSink(authenticator=_authenticator, auth_required=True, auth_require_tls=False).start()
    try:
        wrong = _mail(f"smtp://tessera:wrong@127.0.0.1:{server.port}", tmp_path)
        event = _event()
        with pytest.raises(TransientMailError, match="SMTPAuthenticationError"):
            send_booking_email(event, wrong)
        assert _log_row().status == "pending"
        assert send_booking_email(event, _mail(f"smtp://tessera:s3cret@127.0.0.1:{server.port}", tmp_path)) == "sent"
        assert len(server.messages()) == 1
    finally:
        server.stop()
