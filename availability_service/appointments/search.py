"""Appointment search (docs/appointments.md, "Search"): the start times of a service on a date,
each with the staff free then, where a staff member who performs it (or the one asked for) and
one resource of each tag it requires are free for the appointment and its buffers. A class's
times are those of its sessions with their places left (a full one too), and those a new session
could start at ("Classes").

Answers are cached per venue and day (availability_service/cache.py: a hash per day, one field
per question) under the generation rule: every hold on the venue's staff and resources, and
every change of services or hours, invalidates the days it touches. The minimum notice is
applied when answering, so a cached day never offers a time that has become too soon.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from availability_service.appointments.catalogue import horizon_days, notice_minutes, service_by_code
from availability_service.appointments.class_rules import class_offer
from availability_service.appointments.classes import sessions_by_start
from availability_service.appointments.placement import (
    bookables,
    resource_candidates,
    staff_candidates,
    timing,
)
from availability_service.appointments.rules import appointment_times, choose_resources, free_staff, start_times
from availability_service.cache import read_field, write_field
from availability_service.errors import DateBeyondHorizon, DateInPast, ServiceNotFound
from availability_service.extensions import db
from availability_service.holds.replacing import replaced_ids
from availability_service.lookups import venue_by_slug
from shared.clock import iso_utc, local_to_utc, parse_iso_utc, utcnow, venue_today

LAST_START = time(23, 59)


def _compute(venue_slug: str, service_code: str, on: date, staff_id: int | None, replacing: str | None = None) -> dict:
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        service = service_by_code(session, venue, service_code)
        if not service.active:
            raise ServiceNotFound("The service is not offered.")
        today = venue_today(venue.timezone)
        if on < today:
            raise DateInPast()
        if on > today + timedelta(days=horizon_days(service, venue)):
            raise DateBeyondHorizon(details={"horizon_days": horizon_days(service, venue)})
        staff = staff_candidates(service, staff_id)
        resources = resource_candidates(session, venue, service)
        midnight = local_to_utc(on, time(0), venue.timezone) or datetime.combine(on, time(0))
        window = (midnight - timedelta(days=1), midnight + timedelta(days=2))  # any buffer, any DST change
        ignoring = frozenset(replaced_ids(session, replacing, venue.id))
        staff_state = bookables(session, staff, on, *window, ignoring=ignoring)
        resource_state = bookables(session, resources, on, *window, ignoring=ignoring)
        tags = [requirement.tag for requirement in service.requirements]
        running = sessions_by_start(session, service, [member.id for member in staff], on) if service.is_class else {}
        slots = []
        for at in start_times(time(0), LAST_START, service.interval_minutes):
            times = appointment_times(on, at, timing(service), venue.timezone)
            if times is None or times.local_end.date() != on:
                continue
            free = free_staff(staff_state, times)
            can_start = bool(free) and choose_resources(tags, resource_state, times) is not None
            slot = {
                "time": at.strftime("%H:%M"),
                "starts_at": iso_utc(times.starts_at),
                "ends_at": iso_utc(times.ends_at),
            }
            if service.is_class:  # a time with a session shows its places, even when full
                sessions = running.get(times.local_start, [])
                if sessions or can_start:
                    starters = [member.id for member in free] if can_start else []
                    slots.append(slot | class_offer(sessions, service.capacity, starters))
            elif can_start:
                slots.append(slot | {"staff": [member.id for member in free], "places_left": None})
        return {
            "venue": venue.slug,
            "service": service.code,
            "date": on.isoformat(),
            "timezone": venue.timezone,
            "duration_minutes": service.duration_minutes,
            "capacity": service.capacity,
            "min_notice_minutes": notice_minutes(service, venue),
            "slots": slots,
        }


def search_appointments(
    venue_slug: str,
    service_code: str,
    on: date,
    staff_id: int | None,
    *,
    cache_ttl_seconds: int,
    replacing: str | None = None,
) -> dict:
    """The day's start times; `replacing` (a booking's hold, for its move) counts that booking's
    own holds as free, as the move's placement will (holds/replacing.py), and is not cached."""
    if replacing is not None:
        return _offered(_compute(venue_slug, service_code, on, staff_id, replacing))
    question = f"appointments:{service_code}:{staff_id or 'any'}"
    cached = read_field(venue_slug, on.isoformat(), question)
    answer = cached[0] if cached is not None else None
    if answer is None:
        answer = _compute(venue_slug, service_code, on, staff_id)
        if cached is not None:
            write_field(venue_slug, on.isoformat(), question, cached[1], answer, cache_ttl_seconds)
    return _offered(answer)


def _offered(answer: dict) -> dict:
    """The times not yet too soon to book."""
    earliest = utcnow() + timedelta(minutes=answer.pop("min_notice_minutes"))
    answer["slots"] = [slot for slot in answer["slots"] if parse_iso_utc(slot["starts_at"]) >= earliest]
    return answer
