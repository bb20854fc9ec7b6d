"""Holds: the only way capacity is taken or given back (DESIGN guarantees 1 and 3).

Taking capacity is one guarded UPDATE (`booked + n <= capacity`) inside the transaction
that inserts the hold. The hold key is unique, so a repeated or concurrent placement with the
same key cannot take capacity twice: the loser's transaction, increment included, rolls back
and it answers with the winner's hold. Confirm, release and expire are guarded status
transitions, so each is idempotent and a hold is given back at most once.
"""
from __future__ import annotations

import logging
from datetime import date, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from availability_service.errors import (HoldKeyReused, HoldNotActive, HoldNotFound, PartyTooLarge,
                                         SlotFull, SlotNotBookable, SlotNotFound, VenueNotFound)
from availability_service.extensions import db
from availability_service.invalidation import announce_capacity_change
from availability_service.models import Hold, HoldStatus, Slot, Venue
from shared.clock import iso_utc, utcnow, venue_today

log = logging.getLogger(__name__)


def hold_view(hold: Hold) -> dict:
    slot, venue = hold.slot, hold.venue
    return {
        "id": hold.id, "hold_key": hold.hold_key, "status": hold.status, "units": hold.units,
        "expires_at": iso_utc(hold.expires_at),
        "venue": venue.slug, "venue_name": venue.name, "timezone": venue.timezone,
        "date": slot.local_date.isoformat(), "time": slot.local_time.strftime("%H:%M"),
        "starts_at": iso_utc(slot.starts_at), "ends_at": iso_utc(slot.ends_at),
    }


def _same_request(hold: Hold, venue_slug: str, on: date, at: time, units: int) -> bool:
    return (hold.venue.slug == venue_slug and hold.slot.local_date == on
            and hold.slot.local_time == at and hold.units == units)


def _existing_for_key(session: Session, hold_key: str, venue_slug: str, on: date, at: time,
                      units: int) -> Hold | None:
    """The hold already placed with this key, if it still holds its capacity.

    A key whose hold was released or expired is spent: handing that hold back would let the
    caller believe it holds capacity that is no longer taken.
    """
    hold = session.scalar(select(Hold).where(Hold.hold_key == hold_key))
    if hold is None:
        return None
    if not _same_request(hold, venue_slug, on, at, units):
        raise HoldKeyReused()
    if hold.status not in HoldStatus.ACTIVE:
        raise HoldNotActive("The hold placed with this key was released or has expired.",
                            details={"status": hold.status})
    return hold


def _check_bookable(venue: Venue, slot: Slot, units: int) -> None:
    if units > venue.max_party_size:
        raise PartyTooLarge(details={"max_party_size": venue.max_party_size})
    if not slot.is_open:
        raise SlotNotBookable("The slot is closed.")
    if slot.starts_at < utcnow() + timedelta(minutes=venue.min_notice_minutes):
        raise SlotNotBookable("The slot is in the past or too soon to book.",
                              details={"min_notice_minutes": venue.min_notice_minutes})
    if slot.local_date > venue_today(venue.timezone) + timedelta(days=venue.horizon_days):
        raise SlotNotBookable("The slot is beyond the booking horizon.",
                              details={"horizon_days": venue.horizon_days})


def place_slot_hold(hold_key: str, venue_slug: str, on: date, at: time, units: int) -> tuple[dict, bool]:
    """Take `units` of one slot. Returns (hold, created); an existing hold for the key is returned as is."""
    try:
        with db.transaction() as session:
            existing = _existing_for_key(session, hold_key, venue_slug, on, at, units)
            if existing is not None:
                return hold_view(existing), False
            venue = session.scalar(select(Venue).where(Venue.slug == venue_slug))
            if venue is None:
                raise VenueNotFound()
            slot = session.scalar(select(Slot).where(Slot.venue_id == venue.id, Slot.local_date == on,
                                                     Slot.local_time == at))
            if slot is None:
                raise SlotNotFound()
            _check_bookable(venue, slot, units)
            taken = session.execute(
                update(Slot)
                .where(Slot.id == slot.id, Slot.is_open.is_(True), Slot.booked + units <= Slot.capacity)
                .values(booked=Slot.booked + units)
                .execution_options(synchronize_session=False)
            ).rowcount
            if taken != 1:
                raise SlotFull(details={"remaining": max(slot.capacity - slot.booked, 0)})
            hold = Hold(hold_key=hold_key, venue=venue, slot=slot, units=units, status=HoldStatus.HELD,
                        expires_at=utcnow() + timedelta(seconds=venue.hold_ttl_seconds))
            session.add(hold)
            session.flush()
            view = hold_view(hold)
    except IntegrityError:
        # A concurrent request with the same key won the unique constraint; answer with its hold.
        with db.reading() as session:
            existing = _existing_for_key(session, hold_key, venue_slug, on, at, units)
            if existing is None:
                raise
            return hold_view(existing), False
    announce_capacity_change(view["venue"], view["date"])
    return view, True


def _get(session: Session, hold_id: str) -> Hold:
    hold = session.get(Hold, hold_id)
    if hold is None:
        raise HoldNotFound()
    return hold


def get_hold(hold_id: str) -> dict:
    with db.reading() as session:
        return hold_view(_get(session, hold_id))


def confirm_hold(hold_id: str) -> dict:
    """held -> confirmed; confirming a confirmed hold is a no-op; a given-back hold is a 409."""
    with db.transaction() as session:
        hold = _get(session, hold_id)
        session.execute(
            update(Hold).where(Hold.id == hold_id, Hold.status == HoldStatus.HELD)
            .values(status=HoldStatus.CONFIRMED, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        session.refresh(hold)
        if hold.status != HoldStatus.CONFIRMED:
            raise HoldNotActive(details={"status": hold.status})
        return hold_view(hold)


def _give_back(session: Session, hold: Hold, new_status: str, *, only_if_expired: bool = False) -> bool:
    """Move an active hold to released/expired and return its units, at most once."""
    condition = [Hold.id == hold.id, Hold.status.in_(HoldStatus.ACTIVE)]
    if only_if_expired:
        condition = [Hold.id == hold.id, Hold.status == HoldStatus.HELD, Hold.expires_at < utcnow()]
    moved = session.execute(
        update(Hold).where(*condition).values(status=new_status, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != 1:
        return False
    session.execute(
        update(Slot).where(Slot.id == hold.slot_id).values(booked=Slot.booked - hold.units)
        .execution_options(synchronize_session=False)
    )
    return True


def release_hold(hold_id: str) -> dict:
    """Give the capacity back. Releasing twice, or an expired hold, changes nothing."""
    with db.transaction() as session:
        hold = _get(session, hold_id)
        released = _give_back(session, hold, HoldStatus.RELEASED)
        session.refresh(hold)
        view = hold_view(hold)
    if released:
        announce_capacity_change(view["venue"], view["date"])
    return view


def expire_hold_if_due(hold_id: str) -> bool:
    """Expire one `held` hold whose TTL has passed; False when it was confirmed or given back meanwhile."""
    with db.transaction() as session:
        hold = _get(session, hold_id)
        expired = _give_back(session, hold, HoldStatus.EXPIRED, only_if_expired=True)
        view = hold_view(hold)
    if expired:
        announce_capacity_change(view["venue"], view["date"])
    return expired


def overdue_hold_ids(limit: int = 200) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(
            select(Hold.id).where(Hold.status == HoldStatus.HELD, Hold.expires_at < utcnow())
            .order_by(Hold.expires_at).limit(limit)
        ))
