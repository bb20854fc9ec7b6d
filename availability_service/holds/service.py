"""Holds: the only way capacity is taken or given back (guarantees 1 and 3 of docs/architecture.md).

A slot hold takes capacity with one guarded UPDATE (`booked + n <= capacity`) inside the
transaction that inserts the hold; a range hold takes it under a lock on its resource (see
ranges.py). A stay hold is a range hold of one unit on its room type's resource for its nights
(stays/nights.py), so all of a stay's nights are taken in one row or none. The hold key is
unique, so a repeated or concurrent placement with the same key cannot take capacity twice:
the loser's transaction rolls back and it answers with the winner's hold. Confirm, release
and expire are guarded status transitions, so each is idempotent and a hold is given back at
most once. A booking that takes several holds (an appointment's staff member and rooms, a
series' occurrences) gets them as a group: its first hold's id names them all, and every status
change moves the whole group in one statement.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import ClassVar, cast

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session

from availability_service.cache import every_day, invalidate_booking_days, invalidate_days, invalidate_nights
from availability_service.errors import (
    HoldKeyReused,
    HoldNotActive,
    HoldNotFound,
    PartyTooLarge,
    RangeNotBookable,
    ResourceUnavailable,
    RoomTypeSoldOut,
    SlotFull,
    SlotNotBookable,
    SlotNotFound,
    StayNotBookable,
)
from availability_service.extensions import db
from availability_service.holds.ranges import lock_resource, overlapping, peak_units
from availability_service.holds.replacing import stand_back
from availability_service.holds.seats import give_places_back
from availability_service.lookups import resource_of_venue, room_type_of_venue, venue_by_slug
from availability_service.models import ClassSession, Hold, HoldStatus, Resource, RoomNight, Service, Slot, Venue
from availability_service.stays.nights import check_stay_dates, night_window, nights_between, utc_window
from shared.clock import iso_utc, local_to_utc, utcnow, venue_today
from shared.db import rows_affected
from shared.errors import ApiError

log = logging.getLogger(__name__)
MAX_RANGE = timedelta(days=92)
EXCLUSION_VIOLATION = "23P01"  # PostgreSQL's SQLSTATE for an exclusion constraint


@dataclass(frozen=True)
class SlotHoldRequest:
    hold_key: str
    venue: str
    date: date
    time: time
    units: int
    # Staff booking a guest who is at the venue or on the phone: no minimum notice, and a slot
    # that has started may still be held until it ends.
    on_the_day: bool = False

    def matches(self, hold: Hold) -> bool:
        return (
            hold.slot is not None
            and hold.venue.slug == self.venue
            and hold.slot.local_date == self.date
            and hold.slot.local_time == self.time
            and hold.units == self.units
        )


@dataclass(frozen=True)
class RangeHoldRequest:
    hold_key: str
    venue: str
    resource_id: int
    start: datetime  # venue wall clock
    end: datetime
    units: int

    def matches(self, hold: Hold) -> bool:
        return (
            hold.resource_id == self.resource_id
            and hold.venue.slug == self.venue
            and hold.local_start == self.start
            and hold.local_end == self.end
            and hold.units == self.units
        )


@dataclass(frozen=True)
class StayHoldRequest:
    """One unit of a room type for the nights [arrival, departure), for `guests` people."""

    refusal: ClassVar[type[ApiError]] = RoomTypeSoldOut  # when PostgreSQL's exclusion constraint refuses it
    hold_key: str
    venue: str
    room_type: str
    arrival: date
    departure: date
    guests: int
    units: int = 1

    @property
    def start(self) -> datetime:
        return night_window(self.arrival, self.departure)[0]

    @property
    def end(self) -> datetime:
        return night_window(self.arrival, self.departure)[1]

    def matches(self, hold: Hold) -> bool:
        room_type = hold.resource.room_type if hold.resource is not None else None
        return (
            room_type is not None
            and room_type.code == self.room_type
            and hold.venue.slug == self.venue
            and hold.local_start == self.start
            and hold.local_end == self.end
        )


def _local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def hold_view(hold: Hold) -> dict:
    venue = hold.venue
    view = {
        "id": hold.id,
        "hold_key": hold.hold_key,
        "status": hold.status,
        "units": hold.units,
        "expires_at": iso_utc(hold.expires_at),
        "venue": venue.slug,
        "venue_name": venue.name,
        "venue_address": venue.address,
        "timezone": venue.timezone,
    }
    if hold.class_session is not None:
        return view | _seat_view(hold, hold.class_session)
    if hold.slot is not None:
        slot = hold.slot
        return {
            **view,
            "kind": "slot",
            "date": slot.local_date.isoformat(),
            "time": slot.local_time.strftime("%H:%M"),
            "starts_at": iso_utc(slot.starts_at),
            "ends_at": iso_utc(slot.ends_at),
        }
    # A hold without a slot is a range hold, which always has its resource and its times.
    resource = cast(Resource, hold.resource)
    local_start, local_end = cast(datetime, hold.local_start), cast(datetime, hold.local_end)
    view |= {
        "kind": "range",
        "resource": {"id": resource.id, "name": resource.name, "kind": resource.kind},
        "start": _local(local_start),
        "end": _local(local_end),
        "starts_at": iso_utc(cast(datetime, hold.starts_at)),
        "ends_at": iso_utc(cast(datetime, hold.ends_at)),
    }
    if hold.service is not None:
        service = hold.service
        appointment_start = cast(datetime, hold.starts_at) + timedelta(minutes=hold.buffer_before_minutes)
        appointment_end = cast(datetime, hold.ends_at) - timedelta(minutes=hold.buffer_after_minutes)
        view |= _appointment_view(service, resource, hold.members, local_start) | {
            "starts_at": iso_utc(appointment_start),
            "ends_at": iso_utc(appointment_end),
        }
    if hold.reservation is not None:
        view |= _reservation_view(hold)
    if resource.room_type is not None:  # a stay's nights (or a room out of order)
        view |= {
            "kind": "stay",
            "room_type": resource.room_type.code,
            "room_type_name": resource.room_type.name,
            "arrival": local_start.date().isoformat(),
            "departure": local_end.date().isoformat(),
        }
    return view


def _appointment_view(service: Service, staff: Resource, members: list[Hold], local_start: datetime) -> dict:
    """An appointment's (or a class's) service, staff member and the resources held with them."""
    return {
        "kind": "appointment",
        "service": {"code": service.code, "name": service.name},
        "staff": {"id": staff.id, "name": staff.name},
        "resources": [
            {"id": member.resource.id, "name": member.resource.name, "kind": member.resource.kind}
            for member in members
            if member.resource is not None
        ],
        "date": local_start.date().isoformat(),
        "time": local_start.strftime("%H:%M"),
        "price": None
        if service.price is None or service.currency is None
        else {"amount": format(service.price, "f"), "currency": service.currency},
    }


def _seat_view(seat: Hold, class_session: ClassSession) -> dict:
    """Places in a class: the appointment it is (its session's staff member and resources), the
    class itself (no buffers) and the session's places. `price` is one place's."""
    session = object_session(seat)
    members = (
        [] if session is None else list(session.scalars(select(Hold).where(Hold.group_id == class_session.hold_id)))
    )
    return _appointment_view(class_session.service, class_session.staff, members, class_session.local_start) | {
        "start": _local(class_session.local_start),
        "end": _local(class_session.local_end),
        "starts_at": iso_utc(class_session.starts_at),
        "ends_at": iso_utc(class_session.ends_at),
        "class_session": {
            "id": class_session.id,
            "capacity": class_session.capacity,
            "taken": class_session.taken,
            "places_left": class_session.places_left,
        },
    }


def _reservation_view(hold: Hold) -> dict:
    """A reservation group: each occurrence as reserved (its buffer is held, not shown), what
    was asked, and the occurrences that could not be held."""
    spec = cast(dict, hold.reservation)
    group = sorted([hold, *hold.members], key=lambda member: cast(datetime, member.starts_at))
    occurrences = [
        {
            "start": _local(cast(datetime, member.local_start)),
            "end": _local(cast(datetime, member.local_end)),
            "starts_at": iso_utc(cast(datetime, member.starts_at)),
            "ends_at": iso_utc(cast(datetime, member.ends_at) - timedelta(minutes=member.buffer_after_minutes)),
        }
        for member in group
    ]
    return {
        "kind": "reservation",
        "start": occurrences[0]["start"],
        "end": occurrences[-1]["end"],
        "starts_at": occurrences[0]["starts_at"],
        "ends_at": occurrences[-1]["ends_at"],
        "requested": {"start": spec["start"], "end": spec["end"]},
        "recurrence": spec.get("recurrence"),
        "mode": spec.get("mode"),
        "buffer_minutes": hold.buffer_after_minutes,
        "occurrences": occurrences,
        "conflicts": spec.get("conflicts", []),
    }


def _existing_for_key(session: Session, request) -> Hold | None:
    """The hold already placed with this key, if it still holds its capacity.

    A key whose hold was released or expired is spent: handing that hold back would let the
    caller believe it holds capacity that is no longer taken.
    """
    hold = session.scalar(select(Hold).where(Hold.hold_key == request.hold_key))
    if hold is None:
        return None
    if not request.matches(hold):
        raise HoldKeyReused()
    if hold.status not in HoldStatus.ACTIVE:
        raise HoldNotActive(
            "The hold placed with this key was released or has expired.", details={"status": hold.status}
        )
    return hold


def _check_slot_bookable(venue: Venue, slot: Slot, request: SlotHoldRequest) -> None:
    if request.units > venue.max_party_size:
        raise PartyTooLarge(details={"max_party_size": venue.max_party_size})
    if not slot.is_open:
        raise SlotNotBookable("The slot is closed.")
    if request.on_the_day:
        if slot.ends_at <= utcnow():
            raise SlotNotBookable("The slot is over.")
    elif slot.starts_at < utcnow() + timedelta(minutes=venue.min_notice_minutes):
        raise SlotNotBookable(
            "The slot is in the past or too soon to book.", details={"min_notice_minutes": venue.min_notice_minutes}
        )
    if slot.local_date > venue_today(venue.timezone) + timedelta(days=venue.horizon_days):
        raise SlotNotBookable("The slot is beyond the booking horizon.", details={"horizon_days": venue.horizon_days})


def _place_slot(session: Session, request: SlotHoldRequest) -> tuple[Hold, bool]:
    existing = _existing_for_key(session, request)
    if existing is not None:
        return existing, False
    venue = venue_by_slug(session, request.venue)
    slot = session.scalar(
        select(Slot).where(Slot.venue_id == venue.id, Slot.local_date == request.date, Slot.local_time == request.time)
    )
    if slot is None:
        raise SlotNotFound()
    _check_slot_bookable(venue, slot, request)
    taken = rows_affected(
        session,
        update(Slot)
        .where(Slot.id == slot.id, Slot.is_open.is_(True), Slot.booked + request.units <= Slot.capacity)
        .values(booked=Slot.booked + request.units)
        .execution_options(synchronize_session=False),
    )
    if taken != 1:
        # A concurrent placement with this same key may be what filled the slot.
        existing = _existing_for_key(session, request)
        if existing is not None:
            return existing, False
        raise SlotFull(details={"remaining": max(slot.capacity - slot.booked, 0)})
    return Hold(
        hold_key=request.hold_key,
        venue=venue,
        slot=slot,
        units=request.units,
        status=HoldStatus.HELD,
        expires_at=utcnow() + timedelta(seconds=venue.hold_ttl_seconds),
    ), True


def _range_instants(venue: Venue, request: RangeHoldRequest) -> tuple[datetime, datetime]:
    starts_at = local_to_utc(request.start.date(), request.start.time(), venue.timezone)
    ends_at = local_to_utc(request.end.date(), request.end.time(), venue.timezone)
    if starts_at is None or ends_at is None:
        raise RangeNotBookable("That wall-clock time does not exist in the venue's time zone (a DST change).")
    if ends_at <= starts_at:
        raise RangeNotBookable("The range must end after it starts.")
    if ends_at - starts_at > MAX_RANGE:
        raise RangeNotBookable("The range is too long.", details={"max_days": MAX_RANGE.days})
    if starts_at < utcnow() + timedelta(minutes=venue.min_notice_minutes):
        raise RangeNotBookable(
            "The range starts in the past or too soon to book.",
            details={"min_notice_minutes": venue.min_notice_minutes},
        )
    if request.start.date() > venue_today(venue.timezone) + timedelta(days=venue.horizon_days):
        raise RangeNotBookable(
            "The range starts beyond the booking horizon.", details={"horizon_days": venue.horizon_days}
        )
    return starts_at, ends_at


def _place_range(session: Session, request: RangeHoldRequest) -> tuple[Hold, bool]:
    venue = venue_by_slug(session, request.venue)
    resource = resource_of_venue(session, venue, request.resource_id)
    lock_resource(session, resource)
    # Under the lock, so a concurrent placement with this same key is seen, not counted as a rival.
    existing = _existing_for_key(session, request)
    if existing is not None:
        return existing, False
    if not resource.active:
        raise RangeNotBookable("The resource is not taking bookings.")
    if request.units > resource.capacity:
        raise RangeNotBookable("More units than the resource has.", details={"capacity": resource.capacity})
    starts_at, ends_at = _range_instants(venue, request)
    return _new_range_hold(session, venue, resource, request, starts_at, ends_at, ResourceUnavailable), True


def _place_stay(session: Session, request: StayHoldRequest) -> tuple[Hold, bool]:
    venue = venue_by_slug(session, request.venue)
    room_type = room_type_of_venue(session, venue, request.room_type)
    lock_resource(session, room_type.resource)
    existing = _existing_for_key(session, request)
    if existing is not None:
        return existing, False
    check_stay_dates(
        request.arrival,
        request.departure,
        today=venue_today(venue.timezone),
        horizon_days=venue.horizon_days,
        max_nights=venue.max_stay_nights,
    )
    if request.guests > room_type.max_occupancy:
        raise StayNotBookable(
            "More guests than the room type sleeps.", details={"max_occupancy": room_type.max_occupancy}
        )
    starts_at, ends_at = utc_window(request.arrival, request.departure, venue.timezone)
    return _new_range_hold(session, venue, room_type.resource, request, starts_at, ends_at, RoomTypeSoldOut), True


def _new_range_hold(
    session: Session,
    venue: Venue,
    resource: Resource,
    request: RangeHoldRequest | StayHoldRequest,
    starts_at: datetime,
    ends_at: datetime,
    unavailable: type[ResourceUnavailable],
) -> Hold:
    """The hold, if the units still fit at the busiest instant of the range (under the resource's lock)."""
    held = peak_units(overlapping(session, resource.id, starts_at, ends_at), starts_at, ends_at)
    if held + request.units > resource.capacity:
        raise unavailable(details={"remaining": max(resource.capacity - held, 0)})
    return Hold(
        hold_key=request.hold_key,
        venue=venue,
        resource=resource,
        units=request.units,
        starts_at=starts_at,
        ends_at=ends_at,
        local_start=request.start,
        local_end=request.end,
        exclusive=resource.capacity == 1,
        status=HoldStatus.HELD,
        expires_at=utcnow() + timedelta(seconds=venue.hold_ttl_seconds),
    )


def place_hold(request, placer: Callable | None = None) -> tuple[dict, bool]:
    """Take capacity for the request (a slot, range or stay hold, or any request with its own
    `placer(session, request, existing)`, such as an appointment's). Returns (hold, created); an
    active hold for the key is returned as is."""
    try:
        with db.transaction() as session:
            if placer is not None:
                hold, created = placer(session, request, _existing_for_key)
            elif isinstance(request, SlotHoldRequest):
                hold, created = _place_slot(session, request)
            elif isinstance(request, StayHoldRequest):
                hold, created = _place_stay(session, request)
            else:
                hold, created = _place_range(session, request)
            if not created:
                return hold_view(hold), False
            session.add(hold)
            session.flush()
            view = hold_view(hold)
    except IntegrityError as exc:
        if getattr(exc.orig, "pgcode", None) == EXCLUSION_VIOLATION:
            raise getattr(request, "refusal", ResourceUnavailable)() from None
        # A concurrent request with the same key won the unique constraint; answer with its hold.
        with db.reading() as session:
            existing = _existing_for_key(session, request)
            if existing is None:
                raise
            return hold_view(existing), False
    _invalidate_search(view)
    return view, True


def _invalidate_search(view: dict) -> None:
    """Slot capacity feeds the slot search's cache, a stay's nights the stay search's, other
    range holds the appointment and resource searches'."""
    if view["kind"] == "slot":
        invalidate_days(view["venue"], [view["date"]])
    elif view["kind"] == "stay":
        nights = nights_between(date.fromisoformat(view["arrival"]), date.fromisoformat(view["departure"]))
        invalidate_nights(view["venue"], [night.isoformat() for night in nights])
    elif view["kind"] == "reservation":  # each occurrence's days, its buffer included
        buffer = timedelta(minutes=view["buffer_minutes"])
        days = set()
        for occurrence in view["occurrences"]:
            first = datetime.fromisoformat(occurrence["start"]).date()
            last = (datetime.fromisoformat(occurrence["end"]) + buffer).date()
            days.update(every_day(first, last))
        invalidate_booking_days(view["venue"], days)
    else:  # an appointment or another range hold: the days its range touches
        first, last = (datetime.fromisoformat(view[name]).date() for name in ("start", "end"))
        invalidate_booking_days(view["venue"], every_day(first, last))


def _get(session: Session, hold_id: str) -> Hold:
    hold = session.get(Hold, hold_id)
    if hold is None:
        raise HoldNotFound()
    return hold


def get_hold(hold_id: str) -> dict:
    with db.reading() as session:
        return hold_view(_get(session, hold_id))


def in_group(hold_id: str):
    """The hold named and the rest of its group."""
    return or_(Hold.id == hold_id, Hold.group_id == hold_id)


def confirm_hold(hold_id: str) -> dict:
    """held -> confirmed; confirming a confirmed hold is a no-op; a given-back hold is a 409.
    Search counts a slot's confirmed holds (its bookings), so a confirmation invalidates the day."""
    with db.transaction() as session:
        hold = _get(session, hold_id)
        confirmed = rows_affected(
            session,
            update(Hold)
            .where(in_group(hold_id), Hold.status == HoldStatus.HELD)
            .values(status=HoldStatus.CONFIRMED, updated_at=utcnow())
            .execution_options(synchronize_session=False),
        )
        session.refresh(hold)
        if hold.status != HoldStatus.CONFIRMED:
            raise HoldNotActive(details={"status": hold.status})
        view = hold_view(hold)
    if confirmed:
        _invalidate_search(view)
    return view


def confirm_holds(hold_ids: list[str]) -> dict[str, str]:
    """`confirm_hold` for many holds in one transaction, for the confirmations the booking
    service's relay sends in batches (docs/architecture.md, "Creating a booking"). Answers each
    hold's status afterwards: `confirmed`, `released` or `expired` (given back before its booking
    confirmed it), or `not_found`. Each changed day's search is invalidated once."""
    ids = list(dict.fromkeys(hold_ids))
    with db.transaction() as session:
        moved = session.execute(
            update(Hold)
            .where(or_(Hold.id.in_(ids), Hold.group_id.in_(ids)), Hold.status == HoldStatus.HELD)
            .values(status=HoldStatus.CONFIRMED, updated_at=utcnow())
            .returning(Hold.id, Hold.group_id)
            .execution_options(synchronize_session=False)
        ).all()
        holds = {hold.id: hold for hold in session.scalars(select(Hold).where(Hold.id.in_(ids)))}
        changed = {group_id or hold_id for hold_id, group_id in moved}
        views = [hold_view(holds[hold_id]) for hold_id in changed if hold_id in holds]
        statuses = {hold_id: holds[hold_id].status if hold_id in holds else "not_found" for hold_id in ids}
    _invalidate_searches(views)
    return statuses


def _invalidate_searches(views: list[dict]) -> None:
    """`_invalidate_search` for many holds, a venue's slot days in one call."""
    slot_days: dict[str, set[str]] = {}
    for view in views:
        if view["kind"] == "slot":
            slot_days.setdefault(view["venue"], set()).add(view["date"])
        else:
            _invalidate_search(view)
    for venue, days in slot_days.items():
        invalidate_days(venue, sorted(days))


def give_back(session: Session, hold: Hold, new_status: str, *, only_if_expired: bool = False) -> bool:
    """Move an active hold to released/expired and return its units, at most once."""
    condition = [in_group(hold.id), Hold.status.in_(HoldStatus.ACTIVE)]
    if only_if_expired:
        condition = [in_group(hold.id), Hold.status == HoldStatus.HELD, Hold.expires_at < utcnow()]
    moved = rows_affected(
        session,
        update(Hold)
        .where(*condition)
        .values(status=new_status, updated_at=utcnow())
        .execution_options(synchronize_session=False),
    )
    if moved == 0:
        return False
    if hold.replaces_id is not None:
        stand_back(session, hold.replaces_id)
    if hold.class_session_id is not None:
        give_places_back(session, hold)
    # A stay's room, or a block's, is free again on those nights.
    session.execute(delete(RoomNight).where(RoomNight.hold_id == hold.id).execution_options(synchronize_session=False))
    if hold.slot_id is not None:  # a range hold's capacity is its row, which is now inactive
        session.execute(
            update(Slot)
            .where(Slot.id == hold.slot_id)
            .values(booked=Slot.booked - hold.units)
            .execution_options(synchronize_session=False)
        )
    return True


def release_hold(hold_id: str) -> dict:
    """Give the capacity back. Releasing twice, or an expired hold, changes nothing."""
    with db.transaction() as session:
        hold = _get(session, hold_id)
        released = give_back(session, hold, HoldStatus.RELEASED)
        session.refresh(hold)
        view = hold_view(hold)
    if released:
        _invalidate_search(view)
    return view


def expire_hold_if_due(hold_id: str) -> bool:
    """Expire one `held` hold whose TTL has passed; False when it was confirmed or given back meanwhile."""
    with db.transaction() as session:
        hold = _get(session, hold_id)
        expired = give_back(session, hold, HoldStatus.EXPIRED, only_if_expired=True)
        view = hold_view(hold)
    if expired:
        _invalidate_search(view)
    return expired


def overdue_hold_ids(limit: int = 200) -> list[str]:
    with db.reading() as session:
        return list(
            session.scalars(
                select(Hold.id)
                .where(Hold.status == HoldStatus.HELD, Hold.expires_at < utcnow(), Hold.group_id.is_(None))
                .order_by(Hold.expires_at)
                .limit(limit)
            )
        )
