"""A poison event cannot loop forever: after bounded attempts its task lands in the dead-letter
table, and an operator re-drives it once the cause is fixed, with exactly one effect."""

from __future__ import annotations

import shutil
from datetime import datetime

from notification_service.emails import message_id_for
from tests.conftest import count_rows
from tests.support.events import append_events, booking_event, notification_idle
from tests.support.processes import wait_until

SOON = datetime(2027, 1, 20, 19, 0)
UNKNOWN_ZONE = "Tessera/Atlantis"


def _dead_letter(system, event_id: str) -> int:
    return count_rows(
        system, "notification", "dead_letters", "event_id = :event_id AND redriven_at IS NULL", event_id=event_id
    )


def test_a_poison_event_is_dead_lettered_after_three_attempts_and_redriven_once_fixed(mail_system, smtp_server):
    # The venue's zone is newer than the worker's time zone database: every attempt fails.
    event = booking_event(reference="POISON1", email="poison@example.com", starts_at=SOON, tz=UNKNOWN_ZONE)
    message_id = message_id_for(event["event_id"], "booking_created")
    append_events(mail_system, [event])
    wait_until(lambda: _dead_letter(mail_system, event["event_id"]), 30, message="the dead letter")
    wait_until(lambda: notification_idle(mail_system), 30, message="no attempt left in flight")
    assert (
        count_rows(
            mail_system,
            "notification",
            "dead_letters",
            "event_id = :event_id AND attempts = 3",
            event_id=event["event_id"],
        )
        == 1
    )
    listing = mail_system.manage("notification_service", "dead-letters")
    assert event["event_id"] in listing and "ZoneInfoNotFoundError" in listing
    assert smtp_server.count_by_message_id([message_id])[message_id] == 0
    # The audit row does not wait for the e-mail: it was written on the first attempt, once.
    assert count_rows(mail_system, "notification", "audit_log", "event_id = :e", e=event["event_id"]) == 1

    # The fix: the worker's time zone database learns the zone. Then one re-drive sends it once.
    (mail_system.extra_zones / "Tessera").mkdir(exist_ok=True)
    shutil.copy("/usr/share/zoneinfo/Europe/London", mail_system.extra_zones / "Tessera" / "Atlantis")
    assert "re-driven: " in mail_system.manage("notification_service", "redrive", "--all")
    wait_until(lambda: smtp_server.count_by_message_id([message_id])[message_id], 30, message="the re-driven e-mail")
    assert mail_system.manage("notification_service", "redrive", "--all").strip() == "re-driven: none"
    wait_until(lambda: notification_idle(mail_system), 30, message="the re-drive finished")
    assert smtp_server.count_by_message_id([message_id])[message_id] == 1
    assert count_rows(mail_system, "notification", "audit_log", "event_id = :e", e=event["event_id"]) == 1
    assert _dead_letter(mail_system, event["event_id"]) == 0


def test_an_event_that_kills_its_worker_is_dead_lettered_not_redelivered_forever(mail_system):
    event = booking_event(reference="KILLER1", email="killer@example.com", starts_at=SOON)
    audit_rows = "event_id = :event_id"
    mail_system.stop("notification-worker")
    mail_system.start("notification-worker", TESSERA_FAULTS=f"consume:{event['event_id']}")
    try:
        append_events(mail_system, [event])
        wait_until(lambda: _dead_letter(mail_system, event["event_id"]), 60, message="the dead letter")
        # CONSUMER_MAX_RETRIES=4 in this system: the first delivery and four retries, each killing a process.
        assert (
            count_rows(
                mail_system,
                "notification",
                "dead_letters",
                "event_id = :event_id AND attempts = 5 AND reason LIKE 'WorkerLostError%'",
                event_id=event["event_id"],
            )
            == 1
        )
        assert "crash point reached" in mail_system.log("notification-worker")
    finally:
        mail_system.stop("notification-worker")
        mail_system.start("notification-worker")
    assert count_rows(mail_system, "notification", "audit_log", audit_rows, event_id=event["event_id"]) == 0
    mail_system.manage("notification_service", "redrive", "--all")
    wait_until(
        lambda: count_rows(mail_system, "notification", "audit_log", audit_rows, event_id=event["event_id"]),
        30,
        message="the re-driven audit row",
    )
    wait_until(lambda: notification_idle(mail_system), 30, message="the re-drive finished")
    assert count_rows(mail_system, "notification", "audit_log", audit_rows, event_id=event["event_id"]) == 1


def test_an_event_of_an_unknown_major_version_is_dead_lettered_with_the_reason(mail_system):
    event = {**booking_event(reference="FUTURE1", email="future@example.com", starts_at=SOON), "version": "2.0"}
    append_events(mail_system, [event])
    wait_until(lambda: _dead_letter(mail_system, event["event_id"]), 30, message="the dead letter")
    assert (
        count_rows(
            mail_system,
            "notification",
            "dead_letters",
            "event_id = :event_id AND attempts = 1 AND reason LIKE 'UnknownEventVersion%2.0%'",
            event_id=event["event_id"],
        )
        == 1
    )
    assert count_rows(mail_system, "notification", "audit_log", "event_id = :e", e=event["event_id"]) == 0
