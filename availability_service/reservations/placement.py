"""Holding a reservation: a resource for a time range, or for every occurrence of a series, in one
transaction (docs/appointments.md, "Reservations"; guarantee 1 of docs/architecture.md).

The transaction locks the resource, looks the key up (a concurrent duplicate finds the first's
hold), then checks every occurrence with the rules of reservations/rules.py against what the
database holds now: all or nothing refuses the request if any occurrence can't be held, naming
each; partial holds the ones that can as one hold group and keeps the others, with the reason, on
the group's first hold. Each occurrence is its own hold of one unit for the reservation and the
resource's buffer after it; the first is the group's, the others name it (holds/service.py). On
PostgreSQL the exclusion constraint on capacity-1 resources backs the decision up.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar, cast
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from availability_service.appointments.catalogue import STAFF
from availability_service.appointments.placement import held_by
from availability_service.errors import ReservationNotBookable, ResourceUnavailable
from availability_service.holds.ranges import lock_resource
from availability_service.holds.replacing import replaced_ids, stand_aside
from availability_service.lookups import resource_of_venue, venue_by_slug
from availability_service.models import Hold, HoldStatus, Resource, Venue
from availability_service.reservations.rules import (
    Limits,
    Occurrence,
    Reason,
    check_duration,
    conflict_view,
    decide,
    held_range,
    local_minute,
    occurrences,
    refusal_message,
    series_starts,
)
from availability_service.schedules.service import weeks_of
from shared.clock import iso_utc, utcnow, venue_today
from shared.errors import ApiError

ALL_OR_NOTHING = "all_or_nothing"
PARTIAL = "partial"
MODES = (ALL_OR_NOTHING, PARTIAL)


def _venue_local(moment: datetime, timezone: str) -> datetime:
    """A naive datetime is venue wall clock already; an aware one is an instant to read there."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


@dataclass(frozen=True)
class ReservationHoldRequest:
    refusal: ClassVar[type[ApiError]] = ResourceUnavailable  # when PostgreSQL's exclusion constraint refuses it
    hold_key: str
    venue: str
    resource_id: int
    start: datetime  # venue wall clock (naive), or an instant (aware)
    end: datetime
    recurrence: str | None = None
    mode: str = ALL_OR_NOTHING
    replaces: str | None = None  # a move: the booking's current hold (holds/replacing.py)
    ttl_seconds: int | None = None  # the venue's hold TTL when None (a waitlist offer names its own)
    units: int = 1

    def asked(self, timezone: str) -> dict:
        """What was asked, in the venue's wall clock: kept on the group's first hold."""
        return {
            "start": local_minute(_venue_local(self.start, timezone)),
            "end": local_minute(_venue_local(self.end, timezone)),
            "recurrence": self.recurrence,
            "mode": self.mode,
        }

    def matches(self, hold: Hold) -> bool:
        spec = hold.reservation
        if spec is None or hold.resource_id != self.resource_id or hold.venue.slug != self.venue:
            return False
        asked = self.asked(hold.venue.timezone)
        return all(spec.get(name) == asked[name] for name in ("start", "end", "recurrence", "mode"))


@dataclass(frozen=True)
class Plan:
    """The occurrences a request can hold and those it can't."""

    venue: Venue
    resource: Resource
    limits: Limits
    free: list[Occurrence]
    failed: list[tuple[Occurrence, str]]
    replaced: frozenset[str]


def reservable(resource: Resource) -> None:
    if resource.room_type is not None:
        raise ReservationNotBookable("A room type is booked by the night: book a stay.")
    if resource.kind == STAFF:
        raise ReservationNotBookable("A staff member is booked for a service: book an appointment.")
    if not resource.active:
        raise ReservationNotBookable("The resource is not taking reservations.")


def plan(session: Session, request: ReservationHoldRequest, venue: Venue, resource: Resource) -> Plan:
    """Check every occurrence against the rules and what is held now (call under the resource's lock
    to decide; without it, to tell)."""
    reservable(resource)
    start, end = (_venue_local(moment, venue.timezone) for moment in (request.start, request.end))
    check_duration(start, end, resource.min_minutes, resource.max_minutes)
    series = occurrences(series_starts(start, request.recurrence), end - start, venue.timezone)
    first_day, last_day = series[0].local_start.date(), series[-1].local_end.date()
    limits = Limits(
        now=utcnow(),
        min_notice=timedelta(minutes=venue.min_notice_minutes),
        last_date=venue_today(venue.timezone) + timedelta(days=venue.horizon_days),
        week=weeks_of(session, [resource.id], first_day, last_day)[resource.id],
        capacity=resource.capacity,
        buffer=timedelta(minutes=resource.buffer_minutes or 0),
    )
    timed = [occurrence for occurrence in series if occurrence.starts_at is not None]
    replaced = frozenset(replaced_ids(session, request.replaces, venue.id))
    held = []
    if timed:
        lo = min(cast(datetime, o.starts_at) for o in timed)
        hi = max(cast(datetime, o.ends_at) for o in timed) + limits.buffer
        held = held_by(session, [resource.id], lo, hi, replaced)[resource.id]
    free, failed = decide(series, limits, held)
    return Plan(venue, resource, limits, free, failed, replaced)


def refuse_if_needed(request: ReservationHoldRequest, found: Plan) -> None:
    """All or nothing refuses any failed occurrence; partial refuses only when none is free. A
    refusal names every occurrence that failed: 409 when rivals hold them all, 422 when some break
    the rules (fix the request first)."""
    if not found.failed or (request.mode == PARTIAL and found.free):
        return
    total = len(found.free) + len(found.failed)
    details = {"conflicts": [conflict_view(o, reason) for o, reason in found.failed], "occurrences": total}
    message = refusal_message(found.failed, total)
    if all(reason == Reason.TAKEN for _, reason in found.failed):
        raise ResourceUnavailable(message, details=details)
    raise ReservationNotBookable(message, details=details)


def new_reservation_holds(session: Session, request: ReservationHoldRequest, found: Plan) -> list[Hold]:
    venue, resource, limits = found.venue, found.resource, found.limits
    first_id = str(uuid.uuid4())
    expires_at = utcnow() + timedelta(seconds=request.ttl_seconds or venue.hold_ttl_seconds)
    stand_aside(session, set(found.replaced))
    holds = []
    for number, occurrence in enumerate(found.free):
        starts_at, held_until = held_range(occurrence, limits)
        extra: dict = {"group_id": first_id}
        if number == 0:
            extra = {
                "id": first_id,
                "replaces_id": request.replaces if found.replaced else None,
                "reservation": {
                    **request.asked(venue.timezone),
                    "conflicts": [conflict_view(o, reason) for o, reason in found.failed],
                },
            }
        holds.append(
            Hold(
                hold_key=request.hold_key if number == 0 else f"{first_id}:{number}",
                venue=venue,
                resource=resource,
                units=1,
                starts_at=starts_at,
                ends_at=held_until,
                local_start=occurrence.local_start,
                local_end=occurrence.local_end,
                exclusive=resource.capacity == 1,
                status=HoldStatus.HELD,
                expires_at=expires_at,
                buffer_after_minutes=resource.buffer_minutes or 0,
                **extra,
            )
        )
    return holds


def place_reservation(session: Session, request: ReservationHoldRequest, existing) -> tuple[Hold, bool]:
    """The reservation's first hold, and whether it is new; a key already used answers its hold.
    The key is looked up under the lock, so a concurrent duplicate waits and then finds it."""
    venue = venue_by_slug(session, request.venue)
    resource = resource_of_venue(session, venue, request.resource_id)
    lock_resource(session, resource)
    found = existing(session, request)
    if found is not None:
        return found, False
    decided = plan(session, request, venue, resource)
    refuse_if_needed(request, decided)
    holds = new_reservation_holds(session, request, decided)
    session.add_all(holds)
    return holds[0], True


def preview(session: Session, request: ReservationHoldRequest) -> dict:
    """What the request would hold now, without holding anything (a waitlist asks before joining);
    the same refusals as placing it."""
    venue = venue_by_slug(session, request.venue)
    resource = resource_of_venue(session, venue, request.resource_id)
    decided = plan(session, request, venue, resource)
    refuse_if_needed(request, decided)
    return {
        "kind": "reservation",
        "venue": venue.slug,
        "timezone": venue.timezone,
        "resource": {"id": resource.id, "name": resource.name, "kind": resource.kind},
        "occurrences": [occurrence_view(o) for o in decided.free],
        "conflicts": [conflict_view(o, reason) for o, reason in decided.failed],
    }


def occurrence_view(occurrence: Occurrence) -> dict:
    return {
        "start": local_minute(occurrence.local_start),
        "end": local_minute(occurrence.local_end),
        "starts_at": iso_utc(cast(datetime, occurrence.starts_at)),
        "ends_at": iso_utc(cast(datetime, occurrence.ends_at)),
    }
