"""Creating and reading bookings. The create flow is the saga of docs/architecture.md ("Creating a booking"):

1. take a hold on the availability service (its key is the booking id, so a retry or a
   concurrent duplicate gets the same hold, never a second one);
2. in one transaction: upsert the customer, insert the booking, its outbox event, its
   reminder, the hold's confirm command and the idempotency record;
3. confirm the hold. If step 2 fails the hold is released; if step 3 fails the
   reconciliation job retries it, and hold expiry would ask us and confirm it anyway.

Each kind of booking (booking_service/shapes.py) says how it takes its hold and what it keeps of
it: a stay is priced before step 1 and holds its room type for its nights; an appointment holds
its staff member and resources as one group. The rest of the saga is the same.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booking_service import availability_client, hold_commands, reminders
from booking_service.bookings.access import BookingAccess, Creator
from booking_service.bookings.idempotency import KeyedRequest, Replay, replay_if_stored, store_response
from booking_service.bookings.views import CONSENTS, booking_view, response_bytes
from booking_service.errors import BookingNotFound, HoldExpiredBeforeCommit, IdempotencyKeyReused, IdempotencyKeySpent
from booking_service.extensions import db
from booking_service.models import Booking, BookingStatus, Customer, HoldCommand
from booking_service.outbox import add_outbox_event
from booking_service.references import new_reference, normalise_reference
from booking_service.shapes import shape_of
from shared.clock import parse_iso_utc, utcnow
from shared.errors import ApiError
from shared.faults import crash_point

log = logging.getLogger(__name__)

IDEMPOTENT_BOOKING_NAMESPACE = uuid.UUID("5b0f4d52-0c1e-4b43-9d8e-6f1f7f0c2a11")
# A hold must outlive the booking transaction by this much, so expiry can never race a commit.
HOLD_SAFETY_MARGIN = timedelta(seconds=30)
MAX_COMMIT_ATTEMPTS = 3


def reminder_lead() -> timedelta:
    return timedelta(minutes=current_app.config["REMINDER_LEAD_MINUTES"])


CONTACT_DETAILS = (
    "title",
    "first_name",
    "surname",
    "email",
    "mobile",
    "mobile_country_code",
    "phone",
    "phone_country_code",
)
# What a customer row holds besides its e-mail, which identifies it.
CUSTOMER_DETAILS = (*(name for name in CONTACT_DETAILS if name != "email"), *CONSENTS)


def match_customer(session: Session, venue: str, details: dict, *, may_update: bool) -> Customer:
    """The venue's customer with this e-mail (whose history the booking joins), or a new one made
    from these details; a guest without an e-mail is a new customer every time (nothing
    identifies them). A known customer's stored details change only when `may_update`."""
    email = details["email"].strip().lower() if details.get("email") else None
    customer = None
    if email is not None:
        customer = session.scalar(select(Customer).where(Customer.venue == venue, Customer.email == email))
    if customer is None:
        customer = Customer(venue=venue, email=email, **{name: details.get(name) for name in CUSTOMER_DETAILS})
        session.add(customer)
    elif may_update:
        for name in CUSTOMER_DETAILS:
            if details.get(name) is not None:
                setattr(customer, name, details[name])
        customer.updated_at = utcnow()
    return customer


def contact_of(customer: Customer, details: dict, *, from_customer: bool) -> dict:
    """The booking's own copy of who booked: what the request gave (an anonymous caller's
    booking shows nothing it did not send), or for callers who keep customers up to date, the
    customer as they now are."""
    source = {name: getattr(customer, name) for name in CONTACT_DETAILS} if from_customer else details
    contact = {f"contact_{name}": source.get(name) for name in CONTACT_DETAILS}
    if contact["contact_email"] is not None:
        contact["contact_email"] = contact["contact_email"].strip()
    return {**contact, **{f"contact_{name}": bool(source.get(name)) for name in CONSENTS}}


def _booking_id_for(idempotency_key: str | None, scope: str) -> str:
    if idempotency_key is None:
        return str(uuid.uuid4())
    return str(uuid.uuid5(IDEMPOTENT_BOOKING_NAMESPACE, f"{scope}:{idempotency_key}"))


def commit_booking(
    booking_id: str,
    data: dict,
    hold: dict,
    creator: Creator,
    keyed: KeyedRequest | None,
    prepared,
    *,
    first: Callable[[Session], None] | None = None,
    then: Callable[[Session, Booking], None] | None = None,
) -> bytes:
    """Step 2 of the saga: one transaction for everything the new booking needs. `first` runs at
    its start and may refuse, `then` once the booking is in (a waitlist offer, taken only once:
    reservations/waitlist.py)."""
    for attempt in range(1, MAX_COMMIT_ATTEMPTS + 1):
        try:
            with db.transaction() as session:
                if first is not None:
                    first(session)
                now = utcnow()
                customer = match_customer(session, hold["venue"], data["customer"], may_update=creator.updates_customer)
                booking = Booking(
                    id=booking_id,
                    reference=new_reference(),
                    venue=hold["venue"],
                    venue_name=hold["venue_name"],
                    venue_address=hold.get("venue_address"),
                    timezone=hold["timezone"],
                    hold_id=hold["id"],
                    customer=customer,
                    **contact_of(customer, data["customer"], from_customer=creator.updates_customer),
                    starts_at=parse_iso_utc(hold["starts_at"]),
                    ends_at=parse_iso_utc(hold["ends_at"]),
                    **shape_of(data.get("kind")).columns(data, hold, prepared),
                    channel=data.get("channel") or "api",
                    special_requests=data.get("special_requests"),
                    status=BookingStatus.CONFIRMED,
                    created_at=now,
                    updated_at=now,
                )
                session.add(booking)
                add_outbox_event(session, "booking.created", booking, before=None, actor=creator.actor)
                if then is not None:
                    then(session, booking)
                hold_commands.record(session, hold["id"], HoldCommand.CONFIRM)
                reminders.schedule(session, booking, reminder_lead())
                body = response_bytes(booking_view(booking))
                store_response(session, keyed, 201, body)
                if parse_iso_utc(hold["expires_at"]) - utcnow() < HOLD_SAFETY_MARGIN:
                    raise HoldExpiredBeforeCommit()
            return body
        except IntegrityError:
            # Either a duplicate request with the same key committed first (replay its answer),
            # or a reference/customer collided (draw again).
            replay_if_stored(keyed)
            if _booking_exists(booking_id) or attempt == MAX_COMMIT_ATTEMPTS:
                raise
            log.info("booking insert collided, retrying", extra={"attempt": attempt})
    raise AssertionError("unreachable")


def _booking_exists(booking_id: str) -> bool:
    with db.reading() as session:
        return session.get(Booking, booking_id) is not None


def create_booking(data: dict, *, creator: Creator, idempotency_key: str | None = None) -> tuple[int, bytes]:
    """Create a booking; returns (status, body). A replayed idempotent request returns the first answer."""
    scope = creator.key_scope
    keyed = KeyedRequest.of(f"bookings.create:{scope}", idempotency_key, data)
    try:
        replay_if_stored(keyed)
        booking_id = _booking_id_for(idempotency_key, scope)
        shape = shape_of(data.get("kind"))
        prepared = shape.prepare(data)
        try:
            hold = shape.place_hold(booking_id, data, creator.at_the_venue)
        except ApiError as exc:
            if exc.code == "hold_key_reused":  # same key, same booking id, different slot or size
                raise IdempotencyKeyReused() from None
            if exc.code == "hold_not_active":  # an earlier attempt with this key failed and gave it back
                raise IdempotencyKeySpent() from None
            raise
        crash_point("booking.after_hold")
        try:
            body = commit_booking(booking_id, data, hold, creator, keyed, prepared)
        except Replay:
            raise
        except Exception:
            if not _booking_exists(booking_id):
                availability_client.try_release_hold(hold["id"])
            raise
    except Replay as replay:
        return replay.status, replay.body
    crash_point("booking.after_commit")  # the relay confirms the hold (hold_commands.py)
    return 201, body


def find_booking(session: Session, reference: str, access: BookingAccess) -> Booking:
    """The booking with this reference, if `access` reaches it (else 404, whether it exists or not)."""
    booking = session.scalar(
        access.restrict(select(Booking).where(Booking.reference == normalise_reference(reference)))
    )
    if booking is None:
        raise BookingNotFound()
    access.authorize(booking)
    return booking


def get_booking(reference: str, access: BookingAccess) -> dict:
    with db.reading() as session:
        return booking_view(find_booking(session, reference, access))


def booking_for_hold(hold_id: str) -> dict:
    """Answer the availability service's question: does a booking reference this hold?"""
    with db.reading() as session:
        booking = session.scalar(select(Booking).where(Booking.hold_id == hold_id))
        if booking is None:
            raise BookingNotFound("No booking references that hold.")
        return {"booking_id": booking.id, "reference": booking.reference, "status": booking.status}
