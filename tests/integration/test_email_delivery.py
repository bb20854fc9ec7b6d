"""E-mails over real SMTP: each event's message reaches the server once, counted by Message-ID at
the server, with one audit row, through duplicate events and a SIGKILLed worker (guarantee 2 of
docs/architecture.md; a kill inside the send's point of no return may lose that one message);
the local time in the message and its .ics is the booked instant, on a DST-change date too."""

from __future__ import annotations

import os
import signal
from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from sqlalchemy import text

from notification_service.emails import message_id_for
from shared.clock import utcnow
from tests.conftest import count_rows
from tests.support.events import append_events, booking_event, notification_idle, stream_drained
from tests.support.processes import wait_until

SOON = datetime(2027, 1, 15, 12, 0)
# From a `sent` commit to the kill that landed before its final dot: the scheduler's delay on a
# loaded machine, with room to spare (sent_at is stamped just before the commit).
POINT_OF_NO_RETURN = timedelta(seconds=2)
WORKER_CONCURRENCY = 4  # mail_system's (tests/conftest.py)
REDELIVERED = int(os.environ.get("TESSERA_REDELIVERED_EVENTS", "300"))  # `make race` sends a thousand


def _confirmation_ids(events) -> list[str]:
    return [message_id_for(event["event_id"], "booking_created") for event in events]


def _wait_delivered(system, smtp_server, message_ids, timeout: float) -> None:
    """Every message at the server, and nothing left that could still send one (no sleep can
    tell a late duplicate from none)."""
    try:
        wait_until(
            lambda: all(smtp_server.count_by_message_id(message_ids).values()),
            timeout,
            0.2,
            message=f"{len(message_ids)} messages at the SMTP server",
        )
    except AssertionError as exc:  # once seen under a loaded CI run and not since: keep what tells why
        missing = [mid for mid, count in smtp_server.count_by_message_id(message_ids).items() if not count]
        worker_log = "\n".join(system.log("notification-worker").splitlines()[-60:])
        raise AssertionError(f"{exc}; missing {missing}; the worker's last lines:\n{worker_log}") from exc
    wait_until(lambda: notification_idle(system), timeout, 0.2, message="every task finished")


def test_every_event_published_twice_gives_one_message_and_one_audit_row(mail_system, smtp_server):
    events = [
        booking_event(reference=f"K{i:05d}", email=f"twice{i}@example.com", starts_at=SOON) for i in range(REDELIVERED)
    ]
    append_events(mail_system, events * 2)
    message_ids = _confirmation_ids(events)
    _wait_delivered(mail_system, smtp_server, message_ids, 240)
    counts = smtp_server.count_by_message_id(message_ids)
    assert set(counts.values()) == {1}, {mid: n for mid, n in counts.items() if n != 1}
    wait_until(
        lambda: (
            count_rows(
                mail_system,
                "notification",
                "audit_log",
                "request_id = 'test' AND CAST(after AS TEXT) LIKE '%twice%@example.com%'",
            )
            == REDELIVERED
        ),
        120,
        message=f"{REDELIVERED} audit rows",
    )
    assert (
        count_rows(
            mail_system,
            "notification",
            "email_log",
            "recipient LIKE 'twice%@example.com' AND status = 'sent' AND attempts = 1",
        )
        == REDELIVERED
    )


def _email_row(system, message_id: str):
    engine = system.backend.engine("notification")
    try:
        with engine.connect() as conn:
            query = text("SELECT status, sent_at FROM email_log WHERE message_id = :id")
            return conn.execute(query, {"id": message_id}).one_or_none()
    finally:
        engine.dispose()


def test_sigkilled_email_worker_never_sends_twice_and_loses_only_inside_the_point_of_no_return(
    mail_system, smtp_server
):
    """No message twice, every message once but for the window docs/notifications.md
    ("Delivery, exactly once in effect") names: a worker killed between its `sent` commit and the
    final dot loses that message. On a loaded machine that window lasts as long as the scheduler
    keeps the process waiting after its commit, so a kill can land in it (two CI runs of
    2026-12-08). A message lost any other way (a task dropped, a row not `sent`, or `sent` long
    before a kill) still fails here."""
    kills = int(os.environ.get("TESSERA_EMAIL_KILLS", "1"))  # `make race` kills it ten times
    events = [
        booking_event(reference=f"X{i:05d}", email=f"killed{i}@example.com", starts_at=SOON)
        for i in range(100 + 30 * kills)
    ]
    message_ids = _confirmation_ids(events)
    mail_system.stop("notification-worker")  # queue the whole batch first, so the kill lands mid-batch
    append_events(mail_system, events)
    wait_until(lambda: stream_drained(mail_system), 30, message="the subscriber to queue every event")
    killed_at = []
    try:
        for kill_after in range(40, 40 + 30 * kills, 30):
            mail_system.start("notification-worker")
            wait_until(
                lambda kill_after=kill_after: sum(smtp_server.count_by_message_id(message_ids).values()) >= kill_after,
                60,
                0.005,
                message=f"{kill_after} messages before the kill",
            )
            mail_system.stop("notification-worker", signal.SIGKILL)  # the worker and its pool processes, mid-send
            killed_at.append(utcnow())
        assert sum(smtp_server.count_by_message_id(message_ids).values()) < len(events), "finished before the kill"
    finally:
        mail_system.start("notification-worker")
    wait_until(lambda: notification_idle(mail_system), 180, 0.2, message="every task finished")
    counts = smtp_server.count_by_message_id(message_ids)
    assert max(counts.values()) == 1, {mid: n for mid, n in counts.items() if n > 1}
    lost = {mid: _email_row(mail_system, mid) for mid, n in counts.items() if n == 0}
    for message_id, row in lost.items():
        assert row is not None and row.status == "sent", (message_id, row)
        assert any(timedelta(0) <= kill - row.sent_at <= POINT_OF_NO_RETURN for kill in killed_at), (
            message_id,
            row,
            killed_at,
        )
    assert len(lost) <= WORKER_CONCURRENCY * kills, lost  # at most one in flight per pool process
    killed = "recipient LIKE 'killed%@example.com'"
    assert count_rows(mail_system, "notification", "email_log", f"{killed} AND status = 'sent'") == len(events)
    assert count_rows(mail_system, "notification", "email_log", killed) == len(events)
    audited = "request_id = 'test' AND CAST(after AS TEXT) LIKE '%killed%@example.com%'"
    assert count_rows(mail_system, "notification", "audit_log", audited) == len(events)


def test_local_time_in_the_message_and_its_invite_is_the_booked_instant_across_dst(mail_system, smtp_server):
    # 28 March 2027, London: clocks go forward at 01:00 GMT. 00:30 UTC is 00:30 GMT; 01:30 UTC is 02:30 BST.
    before = booking_event(
        reference="DST0030",
        email="dst@example.com",
        starts_at=datetime(2027, 3, 28, 0, 30),
        local_date="2027-03-28",
        local_time="00:30",
    )
    after = booking_event(
        reference="DST0230",
        email="dst@example.com",
        starts_at=datetime(2027, 3, 28, 1, 30),
        local_date="2027-03-28",
        local_time="02:30",
    )
    append_events(mail_system, [before, after])
    _wait_delivered(mail_system, smtp_server, _confirmation_ids([before, after]), 30)

    for event, wall_clock in ((before, "Sunday 28 March 2027, 00:30 GMT"), (after, "Sunday 28 March 2027, 02:30 BST")):
        message_id = _confirmation_ids([event])[0]
        [message] = smtp_server.messages(lambda m, message_id=message_id: m["Message-ID"] == message_id)
        assert wall_clock in message.get_body(("plain",)).get_content()
        assert wall_clock in message.get_body(("html",)).get_content()
        assert "1 Rainbow Row, London" in message.get_body(("plain",)).get_content()
        [invite] = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
        [visit] = Calendar.from_ical(invite.get_content()).walk("VEVENT")
        start = visit.decoded("dtstart")
        assert str(start.tzinfo) == "Europe/London"
        assert start.strftime("%H:%M") == event["payload"]["after"]["time"]
        booked = datetime.fromisoformat(event["payload"]["after"]["starts_at"].replace("Z", "+00:00"))
        assert start.astimezone(UTC) == booked
        assert str(visit["uid"]) == f"{event['aggregate_id']}@tessera.local"
