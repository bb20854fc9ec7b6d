"""Booking use cases. The create flow is the saga of DESIGN.md:

1. take a hold on the availability service (its key is the booking id, so a retry or a
   concurrent duplicate gets the same hold, never a second one);
2. in one transaction: upsert the customer, insert the booking, its outbox event and the
   idempotency record;
3. confirm the hold. If step 2 fails the hold is released; if step 3 fails the hold
   expiry job asks us, finds the booking, and confirms it instead.
"""
from __future__ import annotations

import hashlib
import json
import logging
import uuid
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booking_service import availability_client
from booking_service.bookings.views import booking_view, event_snapshot, response_bytes
from booking_service.errors import (BookingNotFound, HoldExpiredBeforeCommit, IdempotencyKeyReused,
                                    IdempotencyKeySpent)
from booking_service.extensions import db
from booking_service.models import Booking, BookingStatus, Customer, IdempotencyKey, OutboxEvent
from booking_service.references import new_reference, normalise_reference
from shared.clock import parse_iso_utc, utcnow
from shared.errors import ApiError
from shared.events import make_event
from shared.logging import current_request_id

log = logging.getLogger(__name__)

CREATE_SCOPE = "bookings.create"
IDEMPOTENT_BOOKING_NAMESPACE = uuid.UUID("5b0f4d52-0c1e-4b43-9d8e-6f1f7f0c2a11")
# A hold must outlive the booking transaction by this much, so expiry can never race a commit.
HOLD_SAFETY_MARGIN = timedelta(seconds=30)
MAX_COMMIT_ATTEMPTS = 3


class Replay(Exception):
    """A stored first response exists for this idempotency key."""

    def __init__(self, status: int, body: bytes) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


def request_fingerprint(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def _stored_response(session: Session, scope: str, key: str, fingerprint: str) -> IdempotencyKey | None:
    record = session.get(IdempotencyKey, (scope, key))
    if record is not None and record.request_hash != fingerprint:
        raise IdempotencyKeyReused()
    return record


def _replay_if_stored(scope: str, key: str | None, fingerprint: str) -> None:
    if key is None:
        return
    with db.reading() as session:
        record = _stored_response(session, scope, key, fingerprint)
        if record is not None and record.response_status is not None:
            raise Replay(record.response_status, record.response_body)


def _upsert_customer(session: Session, venue: str, details: dict) -> Customer:
    email = details["email"].strip().lower()
    customer = session.scalar(select(Customer).where(Customer.venue == venue, Customer.email == email))
    if customer is None:
        customer = Customer(venue=venue, email=email)
        session.add(customer)
    for field in ("title", "first_name", "surname", "mobile"):
        if details.get(field) is not None:
            setattr(customer, field, details[field])
    customer.updated_at = utcnow()
    return customer


def add_outbox_event(session: Session, event_type: str, booking: Booking, *, before: dict | None,
                     after: dict | None, actor: dict) -> None:
    envelope = make_event(event_type, booking.id, {"venue": booking.venue, "before": before, "after": after},
                          actor=actor, request_id=current_request_id())
    session.add(OutboxEvent(event_id=envelope["event_id"], event_type=event_type, aggregate_id=booking.id,
                            envelope=envelope, created_at=utcnow()))


def _booking_id_for(idempotency_key: str | None, actor_scope: str) -> str:
    if idempotency_key is None:
        return str(uuid.uuid4())
    return str(uuid.uuid5(IDEMPOTENT_BOOKING_NAMESPACE, f"{actor_scope}:{idempotency_key}"))


def _commit_booking(booking_id: str, data: dict, hold: dict, actor: dict, idem: tuple | None) -> bytes:
    """Step 2 of the saga: one transaction for customer, booking, outbox and idempotency record."""
    for attempt in range(1, MAX_COMMIT_ATTEMPTS + 1):
        try:
            with db.transaction() as session:
                now = utcnow()
                booking = Booking(
                    id=booking_id, reference=new_reference(), venue=hold["venue"], hold_id=hold["id"],
                    customer=_upsert_customer(session, hold["venue"], data["customer"]),
                    starts_at=parse_iso_utc(hold["starts_at"]), ends_at=parse_iso_utc(hold["ends_at"]),
                    local_date=data["date"], local_time=data["time"], party_size=data["party_size"],
                    channel=data.get("channel") or "api", special_requests=data.get("special_requests"),
                    status=BookingStatus.CONFIRMED, created_at=now, updated_at=now,
                )
                session.add(booking)
                session.flush()
                add_outbox_event(session, "booking.created", booking, before=None,
                                 after=event_snapshot(booking, venue_name=hold["venue_name"],
                                                      timezone=hold["timezone"]), actor=actor)
                body = response_bytes(booking_view(booking))
                if idem is not None:
                    scope, key, fingerprint = idem
                    session.add(IdempotencyKey(scope=scope, key=key, request_hash=fingerprint,
                                               response_status=201, response_body=body))
                if parse_iso_utc(hold["expires_at"]) - utcnow() < HOLD_SAFETY_MARGIN:
                    raise HoldExpiredBeforeCommit()
            return body
        except IntegrityError:
            # Either a duplicate request with the same key committed first (replay its answer),
            # or a reference/customer collided (draw again).
            if idem is not None:
                _replay_if_stored(*idem)
            if _booking_exists(booking_id) or attempt == MAX_COMMIT_ATTEMPTS:
                raise
            log.info("booking insert collided, retrying", extra={"attempt": attempt})
    raise AssertionError("unreachable")


def _booking_exists(booking_id: str) -> bool:
    with db.reading() as session:
        return session.get(Booking, booking_id) is not None


def create_booking(data: dict, *, actor: dict, idempotency_key: str | None = None) -> tuple[int, bytes]:
    """Create a booking; returns (status, body). A replayed idempotent request returns the first answer."""
    actor_scope = actor.get("id") or actor.get("type", "anonymous")
    scope = f"{CREATE_SCOPE}:{actor_scope}"
    fingerprint = request_fingerprint(data)
    idem = (scope, idempotency_key, fingerprint) if idempotency_key else None
    try:
        _replay_if_stored(scope, idempotency_key, fingerprint)
        booking_id = _booking_id_for(idempotency_key, actor_scope)
        try:
            hold = availability_client.place_hold(booking_id, data["venue"], data["date"], data["time"],
                                                  data["party_size"])
        except ApiError as exc:
            if exc.code == "hold_key_reused":  # same key, same booking id, different slot or size
                raise IdempotencyKeyReused() from None
            if exc.code == "hold_not_active":  # an earlier attempt with this key failed and gave it back
                raise IdempotencyKeySpent() from None
            raise
        try:
            body = _commit_booking(booking_id, data, hold, actor, idem)
        except Replay:
            raise
        except Exception:
            if not _booking_exists(booking_id):
                availability_client.try_release_hold(hold["id"])
            raise
    except Replay as replay:
        return replay.status, replay.body
    availability_client.try_confirm_hold(hold["id"])
    return 201, body


def get_booking_for_customer(reference: str, email: str) -> dict:
    with db.reading() as session:
        booking = session.scalar(
            select(Booking).join(Booking.customer)
            .where(Booking.reference == normalise_reference(reference),
                   func.lower(Customer.email) == email.strip().lower())
        )
        if booking is None:
            raise BookingNotFound()
        return booking_view(booking)


def booking_for_hold(hold_id: str) -> dict:
    """Answer the availability service's question: does a booking reference this hold?"""
    with db.reading() as session:
        booking = session.scalar(select(Booking).where(Booking.hold_id == hold_id))
        if booking is None:
            raise BookingNotFound("No booking references that hold.")
        return {"booking_id": booking.id, "reference": booking.reference, "status": booking.status}
