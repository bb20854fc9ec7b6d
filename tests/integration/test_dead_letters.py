"""A poison event cannot loop forever: after bounded attempts its task lands in the dead-letter
table, and an operator re-drives it once the cause is fixed, with exactly one effect."""
from __future__ import annotations

import shutil
import time
from datetime import datetime

from celery import Celery

from notification_service.emails import message_id_for
from shared.celery_app import AUDIT_QUEUE, EMAIL_QUEUE, publish
from tests.conftest import count_rows
from tests.support.events import booking_event
from tests.support.processes import wait_until

SOON = datetime(2027, 1, 20, 19, 0)
UNKNOWN_ZONE = "Tessera/Atlantis"


def _publish(system, task: str, queue: str, event: dict) -> None:
    publisher = Celery("test-publisher", broker=system.backend.redis_url)
    try:
        publish(publisher, task, queue, event)
    finally:
        publisher.close()


def _dead_letter(system, event_id: str) -> int:
    return count_rows(system, "notification", "dead_letters", "event_id = :event_id AND redriven_at IS NULL",
                      event_id=event_id)


def test_a_poison_event_is_dead_lettered_after_three_attempts_and_redriven_once_fixed(mail_system, smtp_server):
    # The venue's zone is newer than the worker's time zone database: every attempt fails.
    event = booking_event(reference="POISON1", email="poison@example.com", starts_at=SOON, tz=UNKNOWN_ZONE)
    message_id = message_id_for(event["event_id"], "booking_created")
    _publish(mail_system, "notification.send_booking_email", EMAIL_QUEUE, event)
    wait_until(lambda: _dead_letter(mail_system, event["event_id"]), 30, message="the dead letter")
    assert count_rows(mail_system, "notification", "dead_letters", "event_id = :event_id AND attempts = 3",
                      event_id=event["event_id"]) == 1
    listing = mail_system.manage("notification_service", "dead-letters")
    assert event["event_id"] in listing and "ZoneInfoNotFoundError" in listing
    time.sleep(2)
    assert smtp_server.count_by_message_id([message_id])[message_id] == 0

    # The fix: the worker's time zone database learns the zone. Then one re-drive sends it once.
    (mail_system.extra_zones / "Tessera").mkdir(exist_ok=True)
    shutil.copy("/usr/share/zoneinfo/Europe/London", mail_system.extra_zones / "Tessera" / "Atlantis")
    assert "re-driven: " in mail_system.manage("notification_service", "redrive", "--all")
    wait_until(lambda: smtp_server.count_by_message_id([message_id])[message_id], 30, message="the re-driven e-mail")
    assert mail_system.manage("notification_service", "redrive", "--all").strip() == "re-driven: none"
    time.sleep(2)
    assert smtp_server.count_by_message_id([message_id])[message_id] == 1
    assert _dead_letter(mail_system, event["event_id"]) == 0


def test_an_event_that_kills_its_worker_is_dead_lettered_not_redelivered_forever(mail_system):
    event = booking_event(reference="KILLER1", email="killer@example.com", starts_at=SOON)
    audit_rows = "event_id = :event_id"
    mail_system.stop("worker")
    mail_system.start("worker", TESSERA_FAULTS=f"consume:{event['event_id']}")
    try:
        _publish(mail_system, "notification.record_audit_entry", AUDIT_QUEUE, event)
        wait_until(lambda: _dead_letter(mail_system, event["event_id"]), 60, message="the dead letter")
        # CONSUMER_MAX_RETRIES=4 in this system: the first delivery and four retries, each killing a process.
        assert count_rows(mail_system, "notification", "dead_letters", "event_id = :event_id AND attempts = 5 "
                          "AND reason LIKE 'WorkerLostError%'", event_id=event["event_id"]) == 1
        assert "crash point reached" in mail_system.log("worker")
    finally:
        mail_system.stop("worker")
        mail_system.start("worker")
    assert count_rows(mail_system, "notification", "audit_log", audit_rows, event_id=event["event_id"]) == 0
    mail_system.manage("notification_service", "redrive", "--all")
    wait_until(lambda: count_rows(mail_system, "notification", "audit_log", audit_rows, event_id=event["event_id"]),
               30, message="the re-driven audit row")
    assert count_rows(mail_system, "notification", "audit_log", audit_rows, event_id=event["event_id"]) == 1
