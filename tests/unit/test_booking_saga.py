"""The booking saga and its rules, run against a fake of the booking service's own port onto the
availability service (tests/support/fake_availability.py) and a SQLite store of its own: create,
move and cancel, idempotency, the hold calls and every way they fail, and who may do what. No
process runs; tests/e2e keeps one journey per guarantee through the real services."""

from __future__ import annotations

import json
from datetime import date, time, timedelta

import pytest
from flask import Flask, g
from sqlalchemy import func, select

from booking_service import availability_client, hold_commands
from booking_service.bookings import changes
from booking_service.bookings.access import BookingAccess, Creator, booking_access, booking_creator
from booking_service.bookings.service import create_booking, get_booking
from booking_service.errors import BookingNotFound, BookingNotModifiable, IdempotencyKeyReused, IdempotencyKeySpent
from booking_service.extensions import db
from booking_service.models import (
    Base,
    Booking,
    BookingStatus,
    CancellationReason,
    Customer,
    HoldCommand,
    IdempotencyKey,
    OutboxEvent,
)
from booking_service.relay import ConfirmRounds
from shared.errors import ApiError, NotFound, UpstreamUnavailable, ValidationFailed
from shared.identity import BOOKINGS_READ, BOOKINGS_WRITE, CUSTOMERS_WRITE, Caller
from shared.service_auth import NotPermitted
from tests.support.fake_availability import VENUE, FakeAvailability

DAY = date.today() + timedelta(days=10)
DINNER, LATE = time(19, 0), time(20, 0)
CUSTOMER = {"first_name": "Ada", "surname": "Lovelace", "email": "ada@example.com", "mobile": "+447700900123"}
ANONYMOUS = Creator({"type": "customer"}, updates_customer=False, key_scope="customer:ada")
MANAGER = Caller(kind="staff", subject="staff-1", grants={VENUE: frozenset({BOOKINGS_READ, BOOKINGS_WRITE})})


def body(at: time = DINNER, party: int = 2, **extra) -> dict:
    return {"venue": VENUE, "date": DAY, "time": at, "party_size": party, "customer": dict(CUSTOMER), **extra}


@pytest.fixture
def availability(tmp_path) -> FakeAvailability:
    db.init(f"sqlite:///{tmp_path / 'booking.db'}")
    Base.metadata.create_all(db.engine)
    with db.transaction() as session:
        session.add_all(
            CancellationReason(id=n, reason=f"reason {n}", description="", customer_may_choose=n in (1, 3, 4))
            for n in range(1, 6)
        )
    fake = FakeAvailability()
    fake.open_slot(DAY, DINNER, capacity=4)
    fake.open_slot(DAY, LATE, capacity=4)
    availability_client.bind(fake)
    app = Flask(__name__)
    app.config["REMINDER_LEAD_MINUTES"] = 24 * 60
    with app.test_request_context():
        yield fake
    availability_client.bind(None)
    db.dispose()


def book(**overrides) -> dict:
    key = overrides.pop("key", None)
    creator = overrides.pop("creator", ANONYMOUS)
    status, answer = create_booking(body(**overrides), creator=creator, idempotency_key=key)
    assert status == 201
    return json.loads(answer)


def count(model, *where) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def pending_commands() -> list[tuple[str, str]]:
    with db.reading() as session:
        return [
            (c.hold_id, c.command) for c in session.scalars(select(HoldCommand).where(HoldCommand.done_at.is_(None)))
        ]


def hold_of(booking: dict) -> str:
    with db.reading() as session:
        return session.scalar(select(Booking.hold_id).where(Booking.reference == booking["reference"]))


def customer_access(email: str = CUSTOMER["email"]) -> BookingAccess:
    return BookingAccess(actor={"type": "customer"}, email=email)


# --- creating ---------------------------------------------------------------------------------


def test_a_booking_takes_its_hold_writes_one_event_and_owes_the_confirm_to_the_relay(availability):
    booking = book()
    assert (booking["status"], booking["party_size"], booking["customer"]["first_name"]) == ("confirmed", 2, "Ada")
    assert availability.booked(DAY, DINNER) == 2
    assert [call for call, _ in availability.calls] == ["place"]  # the answer does not wait for the confirm
    assert count(OutboxEvent, OutboxEvent.event_type == "booking.created") == 1
    assert pending_commands() == [(hold_of(booking), HoldCommand.CONFIRM)]

    assert hold_commands.confirm_owed() == 1
    assert availability.holds[hold_of(booking)].status == "confirmed" and pending_commands() == []
    assert hold_commands.confirm_owed() == 0 and len(availability.calls) == 2  # nothing owed: no call


def test_the_relay_confirms_every_hold_owed_in_one_call(availability):
    first, second = book(), book(at=LATE, customer=dict(CUSTOMER, email="grace@example.com"))
    assert hold_commands.confirm_owed() == 2
    assert [call for call, _ in availability.calls] == ["place", "place", "confirm"]
    assert {availability.holds[hold_of(b)].status for b in (first, second)} == {"confirmed"}


def test_a_full_slot_is_refused_and_nothing_is_written(availability):
    book(party=3)
    with pytest.raises(ApiError) as refused:
        book(party=2)
    assert (refused.value.status, refused.value.code) == (409, "slot_full")
    assert (count(Booking), count(OutboxEvent), availability.booked(DAY, DINNER)) == (1, 1, 3)


def test_the_availability_service_down_is_a_503_with_nothing_written(availability):
    availability.down = True
    with pytest.raises(UpstreamUnavailable):
        book()
    assert (count(Booking), count(Customer), count(OutboxEvent)) == (0, 0, 0)


def test_a_confirm_that_does_not_get_through_stays_owed_and_goes_with_the_next_round(availability):
    availability.refuse.add("confirm")
    booking = book()
    with pytest.raises(UpstreamUnavailable):
        hold_commands.confirm_owed()
    assert pending_commands() == [(hold_of(booking), HoldCommand.CONFIRM)]
    availability.refuse.clear()
    assert hold_commands.confirm_owed() == 1 and pending_commands() == []


def test_a_hold_given_back_before_its_confirm_is_not_asked_for_again(availability):
    booking = book()
    availability.holds[hold_of(booking)].status = "expired"
    assert hold_commands.confirm_owed() == 1  # taken: reconciliation reports a booking without capacity
    assert pending_commands() == [] and availability.holds[hold_of(booking)].status == "expired"


def test_a_hold_the_availability_service_does_not_know_is_left_to_reconciliation(availability):
    booking = book()
    del availability.holds[hold_of(booking)]
    for _ in range(hold_commands.RELAY_ATTEMPTS):
        assert hold_commands.confirm_owed() == 0
    calls = len(availability.calls)
    assert hold_commands.confirm_owed() == 0 and len(availability.calls) == calls  # no longer the relay's
    assert pending_commands() == [(hold_of(booking), HoldCommand.CONFIRM)]
    assert hold_commands.carry_out_pending() == {"done": 0, "failed": 1}  # the reconciliation job keeps trying


def test_the_relay_pauses_its_confirms_while_the_availability_service_does_not_answer(availability):
    book()
    rounds = ConfirmRounds(interval=0.2)
    availability.down = True
    assert rounds.send() == 0 and rounds.pause == 0.2
    calls = len(availability.calls)
    assert rounds.send() == 0 and len(availability.calls) == calls  # paused: not called again at once
    availability.down = False
    rounds.next_at = 0.0  # the pause is over
    assert rounds.send() == 1 and rounds.pause == 0.0


def _refuse(*_args, **_kwargs):
    raise RuntimeError("the database refused the insert")


def test_a_booking_that_cannot_be_stored_gives_its_hold_back(availability, monkeypatch):
    monkeypatch.setattr("booking_service.bookings.service.add_outbox_event", _refuse)
    with pytest.raises(RuntimeError):
        book()
    assert [call for call, _ in availability.calls] == ["place", "release"]
    assert (availability.booked(DAY, DINNER), count(Booking)) == (0, 0)


# --- idempotency ------------------------------------------------------------------------------


def test_the_same_key_and_body_replays_the_first_answer_byte_for_byte(availability):
    first = create_booking(body(), creator=ANONYMOUS, idempotency_key="k1")
    again = create_booking(body(), creator=ANONYMOUS, idempotency_key="k1")
    assert first == again
    assert (count(Booking), availability.booked(DAY, DINNER)) == (1, 2)


def test_the_same_key_with_another_body_is_refused(availability):
    book(key="k1")
    with pytest.raises(IdempotencyKeyReused):
        book(key="k1", party=3)
    assert count(Booking) == 1


def test_a_refused_request_is_not_stored_so_its_key_may_be_sent_again(availability):
    with pytest.raises(ApiError):
        book(key="k9", party=5)  # more than the slot holds
    assert count(IdempotencyKey) == 0
    assert book(key="k9", party=2)["party_size"] == 2


def test_a_key_whose_first_attempt_failed_after_its_hold_is_spent(availability, monkeypatch):
    monkeypatch.setattr("booking_service.bookings.service.add_outbox_event", _refuse)
    with pytest.raises(RuntimeError):
        book(key="k8")
    monkeypatch.undo()
    with pytest.raises(IdempotencyKeySpent):  # its hold was given back: the client must send a new key
        book(key="k8")
    assert count(Booking) == 0


def test_keys_live_in_each_callers_own_namespace(availability):
    other = Creator({"type": "customer"}, updates_customer=False, key_scope="customer:someone-else")
    first = book(key="same")
    second = book(key="same", creator=other, at=LATE)
    assert first["reference"] != second["reference"]


# --- customers' details --------------------------------------------------------------------------


def test_an_anonymous_booking_never_changes_a_known_customer(availability):
    book()
    stranger = dict(CUSTOMER, first_name="Not", mobile="+447700900999", email="ADA@example.com")
    answer = json.loads(create_booking({**body(at=LATE), "customer": stranger}, creator=ANONYMOUS)[1])
    assert (answer["customer"]["first_name"], answer["customer"]["mobile"]) == ("Not", "+447700900999")
    with db.reading() as session:
        ada = session.scalar(select(Customer))
    assert (ada.first_name, ada.mobile, count(Customer)) == ("Ada", "+447700900123", 1)


def test_staff_and_keys_with_customers_write_bring_a_known_customer_up_to_date(availability):
    book()
    staff = Creator({"type": "staff", "id": "s1"}, updates_customer=True, key_scope="s1", at_the_venue=True)
    answer = book(creator=staff, at=LATE, customer={"email": "ada@example.com", "mobile": "+447700900222"})
    assert (answer["customer"]["first_name"], answer["customer"]["mobile"]) == ("Ada", "+447700900222")


# --- moving and cancelling --------------------------------------------------------------------------


def test_a_move_takes_the_new_place_before_it_lets_go_of_the_old(availability):
    booking = book()
    hold_commands.confirm_owed()
    status, answer = changes.update_booking(booking["reference"], customer_access(), {"time": LATE})
    assert status == 200 and json.loads(answer)["time"] == "20:00"
    assert (availability.booked(DAY, DINNER), availability.booked(DAY, LATE)) == (0, 2)
    assert [call for call, _ in availability.calls] == ["place", "confirm", "place", "release"]
    assert hold_commands.confirm_owed() == 1  # the relay confirms the new hold


def test_a_move_to_a_full_slot_leaves_the_booking_as_it_was(availability):
    booking = book()
    book(at=LATE, party=4, customer=dict(CUSTOMER, email="full@example.com"))
    with pytest.raises(ApiError) as refused:
        changes.update_booking(booking["reference"], customer_access(), {"time": LATE})
    assert refused.value.code == "slot_full"
    assert get_booking(booking["reference"], customer_access())["time"] == "19:00"
    assert availability.booked(DAY, DINNER) == 2


def test_a_move_that_cannot_be_stored_gives_the_new_hold_back(availability, monkeypatch):
    booking = book()
    monkeypatch.setattr(changes, "add_outbox_event", _refuse)
    with pytest.raises(RuntimeError):
        changes.update_booking(booking["reference"], customer_access(), {"time": LATE})
    assert (availability.booked(DAY, DINNER), availability.booked(DAY, LATE)) == (2, 0)


def test_a_cancel_releases_once_and_a_second_cancel_changes_nothing(availability):
    booking = book()
    changes.cancel_booking(booking["reference"], customer_access(), 1)
    _, again = changes.cancel_booking(booking["reference"], customer_access(), 1)
    assert json.loads(again)["status"] == BookingStatus.CANCELLED
    assert [call for call, _ in availability.calls].count("release") == 1
    assert availability.booked(DAY, DINNER) == 0
    assert count(OutboxEvent, OutboxEvent.event_type == "booking.cancelled") == 1
    with pytest.raises(BookingNotModifiable):
        changes.update_booking(booking["reference"], customer_access(), {"party_size": 3})


def test_a_customer_cancels_only_with_a_reason_of_theirs(availability):
    booking = book()
    with pytest.raises(ValidationFailed):
        changes.cancel_booking(booking["reference"], customer_access(), 5)
    staff = BookingAccess(actor=MANAGER.actor(), staff=MANAGER, permission=BOOKINGS_WRITE)
    _, answer = changes.cancel_booking(booking["reference"], staff, 5)
    assert json.loads(answer)["cancellation_reason_id"] == 5


def test_a_cancel_whose_release_does_not_get_through_owes_it(availability):
    booking = book()
    hold_commands.confirm_owed()
    availability.refuse.add("release")
    changes.cancel_booking(booking["reference"], customer_access(), 1)
    assert [command for _, command in pending_commands()] == [HoldCommand.RELEASE]


# --- who reaches what -------------------------------------------------------------------------------


def test_a_wrong_email_and_an_unknown_reference_are_the_same_404(availability):
    booking = book()
    for reference, email in ((booking["reference"], "someone@example.com"), ("ZZZZZZZ", CUSTOMER["email"])):
        with pytest.raises(BookingNotFound):
            get_booking(reference, customer_access(email))
    assert get_booking(booking["reference"].lower(), customer_access("ADA@EXAMPLE.COM"))["reference"]


def test_staff_reach_their_venues_bookings_and_a_role_without_the_permission_is_forbidden(availability):
    booking = book()
    elsewhere = Caller(kind="staff", subject="s2", grants={"OtherVenue": frozenset({BOOKINGS_READ})})
    with pytest.raises(BookingNotFound):
        get_booking(booking["reference"], BookingAccess(actor=elsewhere.actor(), staff=elsewhere))
    reader = Caller(kind="staff", subject="s3", grants={VENUE: frozenset({BOOKINGS_READ})})
    access = BookingAccess(actor=reader.actor(), staff=reader, permission=BOOKINGS_WRITE)
    with pytest.raises(NotPermitted):
        changes.cancel_booking(booking["reference"], access, 1)


@pytest.mark.parametrize(
    "caller, updates, at_the_venue",
    [
        (None, False, False),
        (Caller(kind="api_key", subject="k1", grants={VENUE: frozenset({BOOKINGS_WRITE})}), False, False),
        (
            Caller(kind="api_key", subject="k2", grants={VENUE: frozenset({BOOKINGS_WRITE, CUSTOMERS_WRITE})}),
            True,
            False,
        ),
        (MANAGER, True, True),
        (Caller.platform(), True, True),
    ],
)
def test_who_creates_a_booking_decides_what_it_may_change(availability, caller, updates, at_the_venue):
    g.tessera_caller = caller
    creator = booking_creator(body())
    assert (creator.updates_customer, creator.at_the_venue) == (updates, at_the_venue)


def test_an_anonymous_booking_needs_a_customers_details_and_staff_elsewhere_are_not_found(availability):
    g.tessera_caller = None
    with pytest.raises(ValidationFailed):
        booking_creator({**body(), "customer": {"email": "only@example.com"}})
    g.tessera_caller = Caller(kind="staff", subject="s9", grants={"OtherVenue": frozenset({BOOKINGS_WRITE})})
    with pytest.raises(NotFound):
        booking_creator(body())


def test_a_customer_names_the_email_or_follows_a_link(availability):
    g.tessera_caller = None
    with pytest.raises(ValidationFailed):
        booking_access(None, BOOKINGS_READ)
    g.tessera_caller = Caller(kind="customer", subject="ABC1234")
    assert booking_access(None, BOOKINGS_WRITE).reference == "ABC1234"
