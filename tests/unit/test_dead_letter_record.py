"""A task dead-lettered twice (delivered again after its first dead letter: an acknowledgement
lost with a worker, or a late one on a starved machine) keeps one open letter; once that letter
is re-driven, a new failure is a new letter (notification_service/dead_letters.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from notification_service import dead_letters
from notification_service.extensions import db
from notification_service.models import Base, DeadLetter

EVENT = {"event_id": "7f1c0c9e-0000-4000-8000-000000000001", "event_type": "booking.created"}


@pytest.fixture
def store(tmp_path):
    db.init(f"sqlite:///{tmp_path / 'notification.db'}")
    Base.metadata.create_all(db.engine)
    yield
    db.dispose()


def fail(task_name: str = "notification.booking_event", event: dict = EVENT) -> None:
    dead_letters.record(task_name=task_name, queue="notification", task_id="t-1", event=event, reason="X", attempts=1)


def letters() -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(DeadLetter))


@pytest.mark.usefixtures("store")
def test_the_same_task_and_event_dead_lettered_twice_is_one_open_letter():
    fail()
    fail()
    assert letters() == 1
    fail(task_name="notification.other_task")
    fail(event={**EVENT, "event_id": "7f1c0c9e-0000-4000-8000-000000000002"})
    assert letters() == 3


@pytest.mark.usefixtures("store")
def test_after_a_redrive_a_new_failure_is_a_new_letter():
    fail()
    assert dead_letters.redrive(None, lambda *_: None)
    fail()
    assert letters() == 2
    assert len(dead_letters.open_letters()) == 1
