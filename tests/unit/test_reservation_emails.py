"""A reservation's e-mail names the resource, its first occurrence, how many there are and which of a
series could not be booked, with every occurrence in its calendar entry; a waitlist offer's e-mail
carries the signed link that takes that offer and no other, and the e-mail on joining the same link,
to leave the list (docs/appointments.md). The snapshots are of the booking service's own schema
(booking_service/events.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest
from icalendar import Calendar

from booking_service.events import (
    BookingEventSchema,
    ReservationSnapshotSchema,
    WaitlistSnapshotSchema,
    waitlist_event,
)
from notification_service.calendar_invite import booking_invite
from notification_service.emails import MailSettings, compose, offer_url
from shared.clock import iso_utc, utcnow
from shared.identity import read_offer_link

KEY = "k" * 32
MAIL = MailSettings(
    smtp_url=None, mail_dir=Path("/nonexistent"), sender="t@x", public_url="https://book.example", link_key=KEY
)
FIRST = datetime(2027, 3, 8, 15)  # 10:00 in New York, before the clocks change on 14 March


def _occurrence(start: datetime) -> dict:
    local = start - timedelta(hours=5 if start < datetime(2027, 3, 14, 7) else 4)
    return {
        "start": f"{local:%Y-%m-%dT%H:%M}",
        "end": f"{local + timedelta(hours=2):%Y-%m-%dT%H:%M}",
        "starts_at": iso_utc(start),
        "ends_at": iso_utc(start + timedelta(hours=2)),
    }


def _reservation_booking() -> dict:
    occurrences = [_occurrence(FIRST), _occurrence(FIRST + timedelta(weeks=1, hours=-1))]
    reservation = {
        "resource": {"id": 7, "name": "Laser cutter"},
        "start": occurrences[0]["start"],
        "end": occurrences[0]["end"],
        "recurrence": "FREQ=WEEKLY;COUNT=3",
        "mode": "partial",
        "occurrences": occurrences,
        "conflicts": [
            {"start": "2027-03-22T10:00", "end": "2027-03-22T12:00", "reason": "taken", "message": "already reserved"}
        ],
    }
    assert not ReservationSnapshotSchema().validate(reservation)
    return {
        "id": "b-9",
        "booking_id": "b-9",
        "version": 1,
        "reference": "LAB2345",
        "kind": "reservation",
        "status": "confirmed",
        "venue": "TheMakerLab",
        "venue_name": "The Maker Lab",
        "venue_address": "12 Workshop Lane, Brooklyn",
        "timezone": "America/New_York",
        "date": "2027-03-08",
        "time": "10:00",
        "starts_at": occurrences[0]["starts_at"],
        "ends_at": occurrences[-1]["ends_at"],
        "party_size": 1,
        "special_requests": None,
        "customer": {"first_name": "Ada", "email": "ada@example.com"},
        "reservation": reservation,
        "total": None,
    }


def test_a_reservation_e_mail_names_the_resource_the_series_and_what_was_not_booked():
    booking = _reservation_booking()
    message = compose(
        "booking_created", booking, sender="t@x", recipient="ada@example.com", message_id="<m@x>", manage_url="u"
    )
    text = message.get_body(("plain",)).get_content()
    assert "Resource:   Laser cutter" in text
    assert "Monday 08 March 2027, 10:00-12:00 EST" in text
    assert "2 times in all, the last on Monday 15 March 2027" in text
    assert "Not booked: Mon 22 Mar 2027 10:00 (already reserved)" in text
    assert "Laser cutter" in message.get_body(("html",)).get_content()


def test_a_series_lands_in_the_calendar_with_every_occurrence_at_its_wall_clock_time():
    invite = Calendar.from_ical(booking_invite(_reservation_booking(), cancelled=False, stamp=datetime(2027, 1, 1)))
    [visit] = invite.walk("VEVENT")
    assert visit.decoded("DTSTART").replace(tzinfo=None) == datetime(2027, 3, 8, 10)
    assert [d.dt.replace(tzinfo=None) for d in visit["RDATE"].dts] == [datetime(2027, 3, 15, 10)]  # EDT by then


def _entry(**changes) -> dict:
    entry = {
        "id": "e-1",
        "status": "offered",
        "venue": "TheMakerLab",
        "venue_name": "The Maker Lab",
        "timezone": "America/New_York",
        "resource": {"id": 7, "name": "Laser cutter"},
        "start": "2027-03-08T10:00",
        "end": "2027-03-08T11:00",
        "starts_at": "2027-03-08T15:00:00Z",
        "ends_at": "2027-03-08T16:00:00Z",
        "customer": {"first_name": "Bob", "surname": "Waits", "email": "bob@example.com"},
        "offer_expires_at": iso_utc(utcnow() + timedelta(minutes=30)),
        "booking_reference": None,
        "created_at": "2027-03-01T12:00:00Z",
    }
    return entry | changes


def test_a_waitlist_offer_e_mail_carries_the_link_that_takes_that_offer():
    entry = _entry()
    assert not WaitlistSnapshotSchema().validate(entry)
    event = waitlist_event("waitlist.offered", "e-1", "TheMakerLab", None, entry, actor={}, request_id=None)
    assert not BookingEventSchema().validate(event)
    link = offer_url(entry, MAIL)
    assert link.startswith("https://book.example/waitlist/e-1?token=")
    assert read_offer_link(link.split("token=")[1], KEY) == "e-1"
    message = compose(
        "waitlist_offered", entry, sender="t@x", recipient="bob@example.com", message_id="<m@x>", manage_url=link
    )
    assert message["Subject"] == "Laser cutter is free at The Maker Lab: it is held for you"
    text = message.get_body(("plain",)).get_content()
    assert "Take it: https://book.example/waitlist/e-1?token=" in text and "Monday 08 March 2027, 10:00 EST" in text
    assert not list(message.iter_attachments())


def test_joining_a_waitlist_e_mails_the_link_that_leaves_it_valid_until_the_time_waited_for_ends():
    entry = _entry(status="waiting", offer_expires_at=None, venue_name=None)
    event = waitlist_event("waitlist.joined", "e-1", "TheMakerLab", None, entry, actor={}, request_id=None)
    assert not BookingEventSchema().validate(event)
    link = offer_url(entry, MAIL)
    token = link.split("token=")[1]
    assert read_offer_link(token, KEY) == "e-1"
    lasts = jwt.decode(token, options={"verify_signature": False})["exp"]
    assert lasts == pytest.approx(datetime(2027, 3, 8, 16, tzinfo=UTC).timestamp(), abs=5)
    message = compose(
        "waitlist_joined", entry, sender="t@x", recipient="bob@example.com", message_id="<m@x>", manage_url=link
    )
    assert message["Subject"] == "You are on the waitlist for Laser cutter at TheMakerLab"
    text = message.get_body(("plain",)).get_content()
    assert "Leave the waitlist: https://book.example/waitlist/e-1?token=" in text
    assert "Monday 08 March 2027, 10:00 EST" in text
    assert not list(message.iter_attachments())
