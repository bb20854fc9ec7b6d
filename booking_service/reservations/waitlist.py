"""The waitlist for a resource at a time (docs/appointments.md, "Waitlist").

Anyone who could reserve the resource may wait for a venue-local range it is taken at (a free range
is refused: reserve it). When a reservation overlapping waiting entries is cancelled or moved away,
the cancel's transaction marks them due (`offer_due_at`); right after the release, and on every run
of the `process-waitlist` job, the due entries are tried in the order they joined: the availability
service is asked to hold the entry's range, for WAITLIST_OFFER_MINUTES and a little more. The first
whose range it can hold gets the offer: the entry becomes `offered`, with the hold, and its
`waitlist.offered` event (through the outbox) sends the e-mail with the link that takes it. An offer
not taken by `offer_expires_at` becomes `offer_expired`, its hold is released, and the entries it
covers are due again: the next in line gets it. Declining an offer, or leaving the list while holding
one, releases its hold at once and the next in line is offered the time in the same request. A person
waits once for a time: joining again for an overlapping range of the same resource is refused.

Every change of an entry's status is a guarded update (`... WHERE status = 'offered'`), so an offer
is taken once: two people, or two clicks, racing for one offer get one booking; an offer taken as
it expires is either booked or passed on, never both. Taking it books the reservation on the
offer's own hold in the transaction that marks the entry booked.
"""

from __future__ import annotations

import base64
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from flask import current_app
from sqlalchemy import Select, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booking_service import availability_client, hold_commands
from booking_service.availability_client import ReservationRequest
from booking_service.bookings.access import CUSTOMER_ACTOR, Creator, booking_creator
from booking_service.bookings.service import IDEMPOTENT_BOOKING_NAMESPACE, commit_booking, match_customer
from booking_service.bookings.views import booking_view, response_bytes
from booking_service.errors import (
    AlreadyWaiting,
    OfferLinkExpired,
    OfferNotOpen,
    ResourceAvailable,
    WaitlistEntryNotFound,
)
from booking_service.events import (
    WAITLIST_BOOKED,
    WAITLIST_DECLINED,
    WAITLIST_JOINED,
    WAITLIST_LAPSED,
    WAITLIST_LEFT,
    WAITLIST_OFFER_EXPIRED,
    WAITLIST_OFFERED,
)
from booking_service.extensions import db, waitlist_offers
from booking_service.models import Booking, BookingKind, Customer, HoldCommand, WaitlistEntry, WaitlistStatus
from booking_service.outbox import add_waitlist_event
from booking_service.reservations.waitlist_rules import clashing, departure, offer_not_open
from shared.clock import iso_utc, parse_iso_utc, utcnow
from shared.db import rows_affected
from shared.errors import ApiError, ValidationFailed
from shared.identity import BOOKINGS_READ, Caller, ExpiredLink, InvalidIdentity, read_offer_link
from shared.service_auth import NotPermitted, authorize, current_caller

log = logging.getLogger(__name__)

SYSTEM = {"type": "system", "id": "waitlist"}
# The offer's hold outlives the offer by this much, so taking it in its last second still commits
# well inside the hold's life (bookings/service.py: HOLD_SAFETY_MARGIN is 30 s).
HOLD_GRACE = timedelta(minutes=2)
# A due entry whose range can't be held yet (the cancelled reservation's release may still be on its
# way) is tried again for this long, then waits for the next cancellation.
DUE_WINDOW = timedelta(minutes=2)
BATCH = 100
JOIN_ATTEMPTS = 3  # a new customer created by a concurrent join collides once, then is found


def _local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def entry_view(entry: WaitlistEntry) -> dict:
    return {
        "id": entry.id,
        "status": entry.status,
        "venue": entry.venue,
        "venue_name": entry.venue_name,
        "timezone": entry.timezone,
        "resource": {"id": entry.resource_id, "name": entry.resource_name},
        "start": _local(entry.local_start),
        "end": _local(entry.local_end),
        "starts_at": iso_utc(entry.starts_at),
        "ends_at": iso_utc(entry.ends_at),
        "customer": {
            "first_name": entry.contact_first_name,
            "surname": entry.contact_surname,
            "email": entry.contact_email,
        },
        "offer_expires_at": iso_utc(entry.offer_expires_at) if entry.offer_expires_at else None,
        "booking_reference": entry.booking.reference if entry.booking is not None else None,
        "created_at": iso_utc(entry.created_at),
    }


# Joining


def join_waitlist(venue: str, resource_id: int, body: dict) -> dict:
    """Wait for the resource from `start` to `end` (venue-local); 409 `resource_available` when it
    could be reserved now, `already_waiting` when the person is on its list for an overlapping range,
    the availability service's own 404/422 when it could never be."""
    request = {**body, "venue": venue, "kind": BookingKind.RESERVATION}
    creator = booking_creator(request)  # fills the customer in for a staff member waiting themselves
    details = request["customer"]
    start, end = body["start"], body["end"]
    calendar = availability_client.resource_calendar(venue, resource_id, start, end)
    try:
        availability_client.place_reservation_hold(
            f"waitlist-check:{uuid.uuid4()}", ReservationRequest(venue, resource_id, start, end, dry_run=True)
        )
    except ApiError as exc:
        if exc.code != "resource_unavailable":
            raise
    else:
        raise ResourceAvailable()
    wanted = (parse_iso_utc(calendar["starts_at"]), parse_iso_utc(calendar["ends_at"]))
    for attempt in range(1, JOIN_ATTEMPTS + 1):
        try:
            with db.transaction() as session:
                customer = match_customer(session, venue, details, may_update=creator.updates_customer)
                session.flush()
                _refuse_a_second_wait(session, customer, venue, resource_id, wanted)
                now = utcnow()
                entry = WaitlistEntry(
                    id=str(uuid.uuid4()),
                    venue=venue,
                    timezone=calendar["timezone"],
                    resource_id=resource_id,
                    resource_name=calendar["resource"]["name"],
                    local_start=start,
                    local_end=end,
                    starts_at=wanted[0],
                    ends_at=wanted[1],
                    customer=customer,
                    contact_first_name=details.get("first_name"),
                    contact_surname=details.get("surname"),
                    contact_email=(details.get("email") or "").strip() or None,
                    status=WaitlistStatus.WAITING,
                    created_at=now,
                    updated_at=now,
                )
                session.add(entry)
                session.flush()
                view = entry_view(entry)
                add_waitlist_event(
                    session, WAITLIST_JOINED, entry.id, venue, before=None, after=view, actor=creator.actor
                )
            return view
        except IntegrityError:
            if attempt == JOIN_ATTEMPTS:
                raise
            log.info("waitlist join collided with a new customer, retrying", extra={"attempt": attempt})
    raise AssertionError("unreachable")


def _refuse_a_second_wait(
    session: Session, customer: Customer, venue: str, resource_id: int, wanted: tuple[datetime, datetime]
) -> None:
    """409 `already_waiting` when the person is on the resource's list for an overlapping range. The
    customer's row is locked first (SQLite's write transaction is already alone), so of two joins at
    once the second sees the first's entry."""
    session.execute(select(Customer.id).where(Customer.id == customer.id).with_for_update())
    columns = (WaitlistEntry.local_start, WaitlistEntry.local_end, WaitlistEntry.starts_at, WaitlistEntry.ends_at)
    waiting = session.execute(
        select(*columns).where(
            WaitlistEntry.venue == venue,
            WaitlistEntry.resource_id == resource_id,
            WaitlistEntry.customer_id == customer.id,
            WaitlistEntry.status.in_(WaitlistStatus.ON_THE_LIST),
        )
    ).all()
    clash = clashing([(row.starts_at, row.ends_at) for row in waiting], wanted)
    if clash is not None:
        local = next(row for row in waiting if (row.starts_at, row.ends_at) == clash)
        raise AlreadyWaiting(details={"start": _local(local.local_start), "end": _local(local.local_end)})


# What frees a range


def note_freed(session: Session, booking: Booking) -> None:
    """In the transaction that cancels or moves a reservation: the waiting entries its occurrences
    (and their buffers) overlap are due an offer."""
    if booking.kind != BookingKind.RESERVATION or booking.resource_id is None or booking.reservation is None:
        return
    buffer = timedelta(minutes=booking.reservation.get("buffer_minutes") or 0)
    ranges = [
        (parse_iso_utc(o["starts_at"]), parse_iso_utc(o["ends_at"]) + buffer)
        for o in booking.reservation.get("occurrences") or []
    ]
    _mark_due(session, booking.venue, booking.resource_id, ranges)


def _mark_due(session: Session, venue: str, resource_id: int, ranges: list[tuple[datetime, datetime]]) -> int:
    waiting = session.execute(
        select(WaitlistEntry.id, WaitlistEntry.starts_at, WaitlistEntry.ends_at).where(
            WaitlistEntry.venue == venue,
            WaitlistEntry.resource_id == resource_id,
            WaitlistEntry.status == WaitlistStatus.WAITING,
        )
    ).all()
    due = [entry_id for entry_id, start, end in waiting if any(s < end and start < e for s, e in ranges)]
    if not due:
        return 0
    return rows_affected(
        session,
        update(WaitlistEntry)
        .where(WaitlistEntry.id.in_(due), WaitlistEntry.status == WaitlistStatus.WAITING)
        .values(offer_due_at=utcnow())
        .execution_options(synchronize_session=False),
    )


# Offers


@dataclass(frozen=True)
class _Due:
    id: str
    venue: str
    resource_id: int
    local_start: datetime
    local_end: datetime
    offer_due_at: datetime


def make_offers(venue: str | None = None, resource_id: int | None = None) -> int:
    """Offer each due entry its range if it can be held now, first joined first; how many got one."""
    now = utcnow()
    query = select(WaitlistEntry).where(
        WaitlistEntry.status == WaitlistStatus.WAITING,
        WaitlistEntry.offer_due_at.is_not(None),
        WaitlistEntry.starts_at > now,
    )
    if venue is not None and resource_id is not None:
        query = query.where(WaitlistEntry.venue == venue, WaitlistEntry.resource_id == resource_id)
    with db.reading() as session:
        due = [
            _Due(e.id, e.venue, e.resource_id, e.local_start, e.local_end, cast(datetime, e.offer_due_at))
            for e in session.scalars(query.order_by(WaitlistEntry.created_at, WaitlistEntry.id).limit(BATCH))
        ]
    made = 0
    ttl = int(timedelta(minutes=waitlist_offers.minutes).total_seconds() + HOLD_GRACE.total_seconds())
    for entry in due:
        request = ReservationRequest(
            entry.venue, entry.resource_id, entry.local_start, entry.local_end, ttl_seconds=ttl
        )
        try:
            hold = availability_client.place_reservation_hold(str(uuid.uuid4()), request)
        except ApiError as exc:
            if exc.status >= 500:
                log.warning("waitlist offers paused: availability did not answer", extra={"error": exc.code})
                break  # the next run tries again
            if entry.offer_due_at < utcnow() - DUE_WINDOW or exc.code != "resource_unavailable":
                _no_longer_due(entry)
            continue
        if _record_offer(entry.id, hold):
            made += 1
        else:  # someone else's run made the offer (or the entry changed): this hold is not needed
            availability_client.try_release_hold(hold["id"])
    return made


def _no_longer_due(entry: _Due) -> None:
    with db.transaction() as session:
        session.execute(
            update(WaitlistEntry)
            .where(
                WaitlistEntry.id == entry.id,
                WaitlistEntry.status == WaitlistStatus.WAITING,
                WaitlistEntry.offer_due_at == entry.offer_due_at,
            )
            .values(offer_due_at=None)
            .execution_options(synchronize_session=False)
        )


def _record_offer(entry_id: str, hold: dict) -> bool:
    now = utcnow()
    with db.transaction() as session:
        entry = session.get_one(WaitlistEntry, entry_id)
        before = entry_view(entry)
        offered = rows_affected(
            session,
            update(WaitlistEntry)
            .where(WaitlistEntry.id == entry_id, WaitlistEntry.status == WaitlistStatus.WAITING)
            .values(
                status=WaitlistStatus.OFFERED,
                offer_hold_id=hold["id"],
                offered_at=now,
                offer_expires_at=parse_iso_utc(hold["expires_at"]) - HOLD_GRACE,
                offer_due_at=None,
                venue_name=hold.get("venue_name"),
                updated_at=now,
            )
            .execution_options(synchronize_session=False),
        )
        if offered != 1:
            return False
        session.refresh(entry)
        add_waitlist_event(
            session, WAITLIST_OFFERED, entry.id, entry.venue, before=before, after=entry_view(entry), actor=SYSTEM
        )
    return True


def expire_offers() -> int:
    """Offers past their time become `offer_expired`; their holds are released and the entries
    they cover are due again."""
    now = utcnow()
    with db.reading() as session:
        lapsed = list(
            session.scalars(
                select(WaitlistEntry.id)
                .where(WaitlistEntry.status == WaitlistStatus.OFFERED, WaitlistEntry.offer_expires_at <= now)
                .limit(BATCH)
            )
        )
    expired = 0
    for entry_id in lapsed:
        released = None
        with db.transaction() as session:
            entry = session.get_one(WaitlistEntry, entry_id)
            before = entry_view(entry)
            moved = rows_affected(
                session,
                update(WaitlistEntry)
                .where(
                    WaitlistEntry.id == entry_id,
                    WaitlistEntry.status == WaitlistStatus.OFFERED,
                    WaitlistEntry.offer_expires_at <= utcnow(),
                )
                .values(status=WaitlistStatus.OFFER_EXPIRED, updated_at=utcnow())
                .execution_options(synchronize_session=False),
            )
            if moved == 1:
                released = entry.offer_hold_id
                hold_commands.record(session, cast(str, released), HoldCommand.RELEASE)
                _mark_due(session, entry.venue, entry.resource_id, [(entry.starts_at, entry.ends_at)])
                session.refresh(entry)
                add_waitlist_event(
                    session,
                    WAITLIST_OFFER_EXPIRED,
                    entry.id,
                    entry.venue,
                    before=before,
                    after=entry_view(entry),
                    actor=SYSTEM,
                )
        if released is not None:
            hold_commands.carry_out(released, HoldCommand.RELEASE)
            expired += 1
    return expired


def lapse_waiting() -> int:
    """Entries whose time began while they waited leave the list."""
    now = utcnow()
    with db.reading() as session:
        passed = list(
            session.scalars(
                select(WaitlistEntry.id)
                .where(WaitlistEntry.status == WaitlistStatus.WAITING, WaitlistEntry.starts_at <= now)
                .limit(BATCH)
            )
        )
    lapsed = 0
    for entry_id in passed:
        with db.transaction() as session:
            entry = session.get_one(WaitlistEntry, entry_id)
            before = entry_view(entry)
            moved = rows_affected(
                session,
                update(WaitlistEntry)
                .where(WaitlistEntry.id == entry_id, WaitlistEntry.status == WaitlistStatus.WAITING)
                .values(status=WaitlistStatus.LAPSED, offer_due_at=None, updated_at=utcnow())
                .execution_options(synchronize_session=False),
            )
            if moved == 1:
                session.refresh(entry)
                after = entry_view(entry)
                add_waitlist_event(
                    session, WAITLIST_LAPSED, entry.id, entry.venue, before=before, after=after, actor=SYSTEM
                )
                lapsed += 1
    return lapsed


def process_waitlist() -> dict[str, int]:
    """The job (`process-waitlist`): pass expired offers on, drop entries whose time came, offer."""
    expired = expire_offers()
    lapsed = lapse_waiting()
    offered = make_offers()
    return {"offers_expired": expired, "entries_lapsed": lapsed, "offers_made": offered}


def offer_after_release(venue: str, resource_id: int | None) -> None:
    """Right after a cancelled reservation's hold was released: offer what it freed now rather than
    at the job's next run. Best effort: the job does whatever this could not."""
    if resource_id is None:
        return
    try:
        make_offers(venue, resource_id)
    except Exception:  # the job will make the offer; the cancel itself succeeded
        log.warning("waitlist offers after a cancel failed; the job will retry", exc_info=True)


# Seeing and taking an offer


@dataclass(frozen=True)
class WaitlistAccess:
    """The entry a token opens, or staff of the venue."""

    actor: dict
    entry_id: str | None = None
    staff: Caller | None = None
    permission: str = BOOKINGS_READ

    def restrict(self, query: Select) -> Select:
        if self.entry_id is not None:
            query = query.where(WaitlistEntry.id == self.entry_id)
        if self.staff is not None and not self.staff.admin:
            query = query.where(WaitlistEntry.venue.in_(sorted(self.staff.grants)))
        return query

    def authorize(self, entry: WaitlistEntry) -> None:
        if self.staff is not None and not self.staff.may(entry.venue, self.permission):
            raise NotPermitted()


def waitlist_access(entry_id: str, token: str | None, permission: str) -> WaitlistAccess:
    caller = current_caller()
    if caller is not None and caller.kind in ("staff", "api_key", "platform"):
        return WaitlistAccess(actor=caller.actor(), staff=caller, permission=permission)
    if token is None:
        raise ValidationFailed(details={"token": ["Give the token of the offer's link."]})
    try:
        opened = read_offer_link(token, current_app.config["IDENTITY_SIGNING_KEY"])
    except ExpiredLink:
        raise OfferLinkExpired() from None
    except InvalidIdentity:
        raise WaitlistEntryNotFound() from None
    if opened != entry_id:
        raise WaitlistEntryNotFound()
    return WaitlistAccess(actor=CUSTOMER_ACTOR, entry_id=entry_id, permission=permission)


def _find(session: Session, entry_id: str, access: WaitlistAccess) -> WaitlistEntry:
    entry = session.scalar(access.restrict(select(WaitlistEntry).where(WaitlistEntry.id == entry_id)))
    if entry is None:
        raise WaitlistEntryNotFound()
    access.authorize(entry)
    return entry


def get_entry(entry_id: str, access: WaitlistAccess) -> dict:
    with db.reading() as session:
        return entry_view(_find(session, entry_id, access))


def _taken(entry_id: str, access: WaitlistAccess) -> tuple[int, bytes] | None:
    """The booking an entry's offer became, if it did."""
    with db.reading() as session:
        entry = _find(session, entry_id, access)
        if entry.status == WaitlistStatus.BOOKED and entry.booking is not None:
            return 200, response_bytes(booking_view(entry.booking))
    return None


def _taken_meanwhile_or_refused(entry_id: str, access: WaitlistAccess) -> tuple[int, bytes]:
    """A concurrent click took the offer first: the same booking. Otherwise it was declined, left
    or passed on meanwhile: say which."""
    taken = _taken(entry_id, access)
    if taken is not None:
        return taken
    with db.reading() as session:
        raise offer_not_open(_find(session, entry_id, access).status, offer_open=False)


def accept_offer(entry_id: str, access: WaitlistAccess) -> tuple[int, bytes]:
    """Book the reservation on the offer's hold: 201 once, then 200 with the same booking; 409
    `offer_not_open` when the offer passed, went to the next, or was never made."""
    taken = _taken(entry_id, access)
    if taken is not None:
        return taken
    with db.reading() as session:
        entry = _find(session, entry_id, access)
        if not _offer_open(entry):  # a concurrent click may have taken it since _taken looked
            return _taken_meanwhile_or_refused(entry_id, access)
        hold_id, venue, resource_id = cast(str, entry.offer_hold_id), entry.venue, entry.resource_id
        customer = {
            "first_name": entry.contact_first_name,
            "surname": entry.contact_surname,
            "email": entry.contact_email,
        }
    hold = availability_client.get_hold(hold_id)
    booking_id = str(uuid.uuid5(IDEMPOTENT_BOOKING_NAMESPACE, f"waitlist:{entry_id}"))
    data = {
        "kind": BookingKind.RESERVATION,
        "venue": venue,
        "resource": resource_id,
        "customer": customer,
        "channel": "waitlist",
    }
    creator = Creator(access.actor, updates_customer=False, key_scope=f"waitlist:{entry_id}")

    def take_the_offer(session: Session) -> None:
        taken = rows_affected(
            session,
            update(WaitlistEntry)
            .where(
                WaitlistEntry.id == entry_id,
                WaitlistEntry.status == WaitlistStatus.OFFERED,
                WaitlistEntry.offer_expires_at > utcnow(),
            )
            .values(status=WaitlistStatus.BOOKED, updated_at=utcnow())
            .execution_options(synchronize_session=False),
        )
        if taken != 1:
            raise OfferNotOpen()

    def name_the_booking(session: Session, booking: Booking) -> None:
        entry = session.get_one(WaitlistEntry, entry_id)
        before = {**entry_view(entry), "status": WaitlistStatus.OFFERED}
        entry.booking_id = booking.id
        session.flush()
        add_waitlist_event(
            session, WAITLIST_BOOKED, entry_id, venue, before=before, after=entry_view(entry), actor=access.actor
        )

    try:
        body = commit_booking(booking_id, data, hold, creator, None, None, first=take_the_offer, then=name_the_booking)
    except OfferNotOpen:
        return _taken_meanwhile_or_refused(entry_id, access)
    return 201, body  # the relay confirms the hold (hold_commands.py)


def _offer_open(entry: WaitlistEntry) -> bool:
    return entry.status == WaitlistStatus.OFFERED and cast(datetime, entry.offer_expires_at) > utcnow()


# Leaving and declining

LEAVE_ATTEMPTS = 3  # the entry's status read, then changed only if it is still that status


def leave_waitlist(entry_id: str, access: WaitlistAccess, *, declining: bool) -> dict:
    """Take the entry off the list (the person, or staff removing them) or decline its offer. An open
    offer's hold is released and the next in line is offered the time at once, not at the job's next
    run. Leaving or declining again answers the entry as it is; see waitlist_rules.departure."""
    for _ in range(LEAVE_ATTEMPTS):
        released: str | None = None
        with db.transaction() as session:
            entry = _find(session, entry_id, access)
            outcome = departure(entry.status, declining=declining, offer_open=_offer_open(entry))
            if outcome.status is None:
                return entry_view(entry)
            before = entry_view(entry)
            moved = rows_affected(
                session,
                update(WaitlistEntry)
                .where(WaitlistEntry.id == entry_id, WaitlistEntry.status == entry.status)
                .values(status=outcome.status, offer_due_at=None, updated_at=utcnow())
                .execution_options(synchronize_session=False),
            )
            if moved != 1:
                continue  # it changed meanwhile (an offer made, taken or passed): decide again
            if outcome.passes_offer_on and entry.offer_hold_id is not None:
                released = entry.offer_hold_id
                hold_commands.record(session, released, HoldCommand.RELEASE)
                _mark_due(session, entry.venue, entry.resource_id, [(entry.starts_at, entry.ends_at)])
            session.refresh(entry)
            view = entry_view(entry)
            event = WAITLIST_DECLINED if outcome.status == WaitlistStatus.DECLINED else WAITLIST_LEFT
            add_waitlist_event(session, event, entry_id, entry.venue, before=before, after=view, actor=access.actor)
            venue, resource_id = entry.venue, entry.resource_id
        if released is not None:
            hold_commands.carry_out(released, HoldCommand.RELEASE)
            offer_after_release(venue, resource_id)
        return view
    raise OfferNotOpen()  # changed under us every time: rare enough to ask the caller to look again


def list_entries(
    caller: Caller,
    venue: str,
    resource_id: int,
    *,
    status: str | None,
    on_the_list: bool = False,
    cursor: str | None,
    limit: int,
) -> dict:
    """A resource's waitlist in the order people joined (staff); `on_the_list`: only those still
    waiting or holding an offer."""
    authorize(caller, venue, BOOKINGS_READ)
    query = select(WaitlistEntry).where(WaitlistEntry.venue == venue, WaitlistEntry.resource_id == resource_id)
    if status is not None:
        query = query.where(WaitlistEntry.status == status)
    if on_the_list:
        query = query.where(WaitlistEntry.status.in_(WaitlistStatus.ON_THE_LIST))
    position = tuple_(WaitlistEntry.created_at, WaitlistEntry.id)
    if cursor is not None:
        query = query.where(position > tuple_(*_decode(cursor)))
    with db.reading() as session:
        rows = session.scalars(query.order_by(WaitlistEntry.created_at, WaitlistEntry.id).limit(limit + 1)).all()
        items = [entry_view(entry) for entry in rows[:limit]]
    next_cursor = _encode(rows[limit - 1]) if len(rows) > limit else None
    return {"items": items, "next_cursor": next_cursor}


def _encode(entry: WaitlistEntry) -> str:
    return base64.urlsafe_b64encode(f"{entry.created_at.isoformat()}|{entry.id}".encode()).decode()


def _decode(cursor: str) -> tuple[datetime, str]:
    try:
        created_at, entry_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|", 1)
        return datetime.fromisoformat(created_at), entry_id
    except (ValueError, UnicodeError):
        raise ValidationFailed(details={"cursor": ["Not a cursor this API gave out."]}) from None
