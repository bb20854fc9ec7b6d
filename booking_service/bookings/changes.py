"""Changing a booking: moving or resizing it, cancelling it, and recording how it ended.
How each kind moves is its shape's (booking_service/shapes.py); the rest is shared.

A move takes the new hold first, then switches the booking to it and records the old hold's
release in one transaction, so the customer never ends up with neither; the release and the
new hold's confirm are carried out after the commit and retried until done
(hold_commands.py). Concurrent changes of one booking are decided by its version column: one
commits, the others see `booking_changed` (an update) or the result (a cancel).
"""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from booking_service import availability_client, hold_commands, reminders
from booking_service.bookings.access import BookingAccess
from booking_service.bookings.idempotency import KeyedRequest, Replay, replay_if_stored, store_response
from booking_service.bookings.service import (
    HOLD_SAFETY_MARGIN,
    IDEMPOTENT_BOOKING_NAMESPACE,
    find_booking,
    reminder_lead,
)
from booking_service.bookings.views import booking_view, event_snapshot, response_bytes
from booking_service.errors import BookingChanged, BookingNotModifiable, BookingNotStarted, HoldExpiredBeforeCommit
from booking_service.extensions import db
from booking_service.models import Booking, BookingKind, BookingStatus, CancellationReason, HoldCommand
from booking_service.outbox import add_outbox_event
from booking_service.reservations import waitlist
from booking_service.shapes import check_fields, shape_of
from shared.clock import parse_iso_utc, utcnow
from shared.errors import ValidationFailed

DETAIL_FIELDS = ("special_requests", "room_number", "is_leave_time_confirmed")  # change nothing held
MAX_CANCEL_ATTEMPTS = 5


def _require_open(booking: Booking) -> None:
    if booking.status not in BookingStatus.OPEN:
        raise BookingNotModifiable(details={"status": booking.status})


def _new_hold_key(booking_id: str, idempotency_key: str | None) -> str:
    """A retry of the same keyed update must find the hold its first attempt took."""
    if idempotency_key is None:
        return str(uuid.uuid4())
    return str(uuid.uuid5(IDEMPOTENT_BOOKING_NAMESPACE, f"{booking_id}:update:{idempotency_key}"))


def update_booking(
    reference: str, access: BookingAccess, changes: dict, *, idempotency_key: str | None = None
) -> tuple[int, bytes]:
    actor = access.actor
    keyed = KeyedRequest.of(
        f"bookings.update:{access.key_scope()}:{reference.upper()}",
        idempotency_key,
        {**changes, **access.fingerprint()},
    )
    try:
        replay_if_stored(keyed)
        with db.reading() as session:
            booking = find_booking(session, reference, access)
            _require_open(booking)
            check_fields(booking, changes)
            session.expunge(booking)
        hold_key = _new_hold_key(booking.id, idempotency_key)
        new_hold, columns = shape_of(booking.kind).move(booking, changes, hold_key, access)
        try:
            body, old_hold_id = _commit_update(booking.id, booking.version, columns, changes, new_hold, actor, keyed)
        except Replay:
            raise
        except Exception:
            if new_hold is not None:
                availability_client.try_release_hold(new_hold["id"])
            raise
    except Replay as replay:
        return replay.status, replay.body
    # The old hold's capacity is for other guests now; the relay confirms the new one (hold_commands.py).
    if (
        old_hold_id is not None
        and new_hold is not None
        and hold_commands.carry_out(old_hold_id, HoldCommand.RELEASE)
        and booking.kind == BookingKind.RESERVATION
    ):
        waitlist.offer_after_release(booking.venue, booking.resource_id)
    return 200, body


def _commit_update(
    booking_id: str,
    version: int,
    columns: dict,
    changes: dict,
    new_hold: dict | None,
    actor: dict,
    keyed: KeyedRequest | None,
) -> tuple[bytes, str | None]:
    """The update's transaction; returns the answer and, after a move, the hold to release.
    `columns` are what the move (or a stay's new price) sets on the booking."""
    old_hold_id = None
    try:
        with db.transaction() as session:
            booking = session.get_one(Booking, booking_id)
            if booking.version != version:
                raise BookingChanged()
            _require_open(booking)
            before = event_snapshot(booking)
            if new_hold is not None:
                waitlist.note_freed(session, booking)  # the times it leaves, before it moves
            for name, value in columns.items():
                setattr(booking, name, value)
            if new_hold is not None:
                old_hold_id = booking.hold_id
                booking.hold_id = new_hold["id"]
                booking.starts_at, booking.ends_at = (
                    parse_iso_utc(new_hold["starts_at"]),
                    parse_iso_utc(new_hold["ends_at"]),
                )
                hold_commands.record(session, new_hold["id"], HoldCommand.CONFIRM)
                hold_commands.record(session, old_hold_id, HoldCommand.RELEASE)
                reminders.schedule(session, booking, reminder_lead())
            for name in DETAIL_FIELDS:
                if name in changes:
                    setattr(booking, name, changes[name])
            if event_snapshot(booking) != before:
                booking.updated_at = utcnow()
                add_outbox_event(session, "booking.updated", booking, before=before, actor=actor)
            body = response_bytes(booking_view(booking))
            store_response(session, keyed, 200, body)
            if new_hold is not None and parse_iso_utc(new_hold["expires_at"]) - utcnow() < HOLD_SAFETY_MARGIN:
                raise HoldExpiredBeforeCommit()
    except StaleDataError:
        raise BookingChanged() from None
    except IntegrityError:
        replay_if_stored(keyed)  # a concurrent duplicate with the same key answered first
        raise
    return body, old_hold_id


def cancel_booking(
    reference: str, access: BookingAccess, reason_id: int, *, idempotency_key: str | None = None
) -> tuple[int, bytes]:
    """Cancel and give the capacity back. Cancelling a cancelled booking answers 200 with it as
    it is: no second event, no second release."""
    keyed = KeyedRequest.of(
        f"bookings.cancel:{access.key_scope()}:{reference.upper()}",
        idempotency_key,
        {"reason_id": reason_id, **access.fingerprint()},
    )
    try:
        replay_if_stored(keyed)
        for _ in range(MAX_CANCEL_ATTEMPTS):
            try:
                body, hold_id, freed = _commit_cancel(reference, access, reason_id, keyed)
                break
            except StaleDataError:
                continue  # another change won; look again (a concurrent cancel is now seen as done)
            except IntegrityError:
                replay_if_stored(keyed)  # a concurrent duplicate with the same key answered first
                raise
        else:
            raise BookingChanged()
    except Replay as replay:
        return replay.status, replay.body
    if hold_id is not None and hold_commands.carry_out(hold_id, HoldCommand.RELEASE) and freed is not None:
        waitlist.offer_after_release(*freed)
    return 200, body


def _commit_cancel(
    reference: str, access: BookingAccess, reason_id: int, keyed: KeyedRequest | None
) -> tuple[bytes, str | None, tuple[str, int | None] | None]:
    """The answer, the hold to release, and a reservation's (venue, resource) its waitlist may now get."""
    with db.transaction() as session:
        booking = find_booking(session, reference, access)
        released, freed = None, None
        if booking.status != BookingStatus.CANCELLED:
            _require_open(booking)
            reason = session.get(CancellationReason, reason_id)
            if reason is None:
                raise ValidationFailed(details={"reason_id": ["Not a known cancellation reason."]})
            if access.staff is None and not reason.customer_may_choose:
                raise ValidationFailed(details={"reason_id": ["Not a reason a customer may give."]})
            before = event_snapshot(booking)
            now = utcnow()
            booking.status, booking.cancellation_reason_id = BookingStatus.CANCELLED, reason_id
            booking.cancelled_at = booking.updated_at = now
            add_outbox_event(session, "booking.cancelled", booking, before=before, actor=access.actor)
            hold_commands.record(session, booking.hold_id, HoldCommand.RELEASE)
            reminders.drop(session, booking.id)
            released = booking.hold_id
            if booking.kind == BookingKind.RESERVATION:
                waitlist.note_freed(session, booking)
                freed = (booking.venue, booking.resource_id)
        body = response_bytes(booking_view(booking))
        store_response(session, keyed, 200, body)
    return body, released, freed


OUTCOMES = {
    "complete": (BookingStatus.COMPLETED, "booking.completed"),
    "no-show": (BookingStatus.NO_SHOW, "booking.no_show"),
}


def record_outcome(reference: str, outcome: str, access: BookingAccess) -> dict:
    """Staff mark a confirmed booking that has started as completed or a no-show."""
    status, event_type = OUTCOMES[outcome]
    try:
        with db.transaction() as session:
            booking = find_booking(session, reference, access)
            if booking.status == status:
                return booking_view(booking)
            if booking.status != BookingStatus.CONFIRMED:
                raise BookingNotModifiable(details={"status": booking.status})
            if booking.starts_at > utcnow():
                raise BookingNotStarted()
            before = event_snapshot(booking)
            booking.status, booking.updated_at = status, utcnow()
            reminders.drop(session, booking.id)
            add_outbox_event(session, event_type, booking, before=before, actor=access.actor)
            return booking_view(booking)
    except StaleDataError:
        raise BookingChanged() from None
