"""Availability search: a venue's slots for a date or a span of dates, with what is left and
whether a party of a given size can book each one.

Reads through a Redis cache holding each day's raw ledger (capacity, booked, open) plus the
venue's rules, written back only if no invalidation came meanwhile (availability_service/cache.py).
`remaining` and `bookable` are computed per request because they depend on the party size
and the clock; `confirmed_holds` (one per confirmed booking, what the ConsumerApi's
`current_bookings` reports) is cached with the ledger, and confirming a hold invalidates its day.
However many days and bookings, a search costs at most two SQL queries (the venue, then the
slots of every day not in the cache, with their confirmed holds) and none on a full hit.
The cache only informs search: placing a hold always checks the database.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, select

from availability_service.cache import day_key, generation_key, read_entries, write_entries
from availability_service.errors import DateBeyondHorizon, DateInPast
from availability_service.extensions import db
from availability_service.lookups import venue_by_slug
from availability_service.models import Hold, HoldStatus, Slot, Venue
from shared.clock import iso_utc, utcnow, venue_today


def _venue_rules(venue: Venue) -> dict:
    return {
        "id": venue.id,
        "slug": venue.slug,
        "timezone": venue.timezone,
        "min_notice_minutes": venue.min_notice_minutes,
        "horizon_days": venue.horizon_days,
        "max_party_size": venue.max_party_size,
    }


def _slot_entry(slot: Slot, confirmed_holds: int) -> dict:
    return {
        "time": slot.local_time.strftime("%H:%M"),
        "starts_at": slot.starts_at.isoformat(),
        "capacity": slot.capacity,
        "booked": slot.booked,
        "is_open": slot.is_open,
        "confirmed_holds": confirmed_holds,
    }


def _dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def _read_cache(venue_slug: str, days: list[date]) -> tuple[dict[date, dict], dict[date, str]]:
    """Cached days, and the generation of each day as it stood before any database read."""
    read = read_entries(
        [(day_key(venue_slug, day.isoformat()), generation_key(venue_slug, day.isoformat())) for day in days]
    )
    if read is None:
        return {}, {}
    docs, generations = read
    found = {day: doc for day, doc in zip(days, docs, strict=True) if doc is not None}
    return found, dict(zip(days, generations, strict=True))


def _write_cache(venue_slug: str, loaded: dict[date, dict], generations: dict[date, str], ttl_seconds: int) -> None:
    """Cache the loaded days, each only if no invalidation came since its generation was read."""
    if not generations:
        return
    write_entries(
        (
            (day_key(venue_slug, day.isoformat()), generation_key(venue_slug, day.isoformat()), generations[day], doc)
            for day, doc in loaded.items()
        ),
        ttl_seconds,
    )


def _load_days(venue_slug: str, days: list[date], check) -> dict[date, dict]:
    """The days' ledgers from the database, in two queries; `check` vets the dates first."""
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        rules = _venue_rules(venue)
        check(rules)
        by_day: dict[date, list] = {day: [] for day in days}
        confirmed = and_(Hold.slot_id == Slot.id, Hold.status == HoldStatus.CONFIRMED)
        for slot, confirmed_holds in session.execute(
            select(Slot, func.count(Hold.id))
            .outerjoin(Hold, confirmed)
            .where(Slot.venue_id == venue.id, Slot.local_date.in_(days))
            .group_by(Slot.id)
            .order_by(Slot.local_date, Slot.local_time)
        ):
            by_day[slot.local_date].append(_slot_entry(slot, confirmed_holds))
    return {day: {"venue": rules, "slots": slots} for day, slots in by_day.items()}


def _check_dates(first: date, last: date):
    def check(rules: dict) -> None:
        today = venue_today(rules["timezone"])
        if first < today:
            raise DateInPast(details={"today": today.isoformat()})
        last_bookable = today + timedelta(days=rules["horizon_days"])
        if last > last_bookable:
            raise DateBeyondHorizon(details={"last_bookable_date": last_bookable.isoformat()})

    return check


def _ledgers(venue_slug: str, first: date, last: date, ttl_seconds: int) -> dict[date, dict]:
    days = _dates(first, last)
    check = _check_dates(first, last)
    found, generations = _read_cache(venue_slug, days)
    if found:
        check(next(iter(found.values()))["venue"])
    missing = [day for day in days if day not in found]
    if missing:
        loaded = _load_days(venue_slug, missing, check)
        _write_cache(venue_slug, loaded, generations, ttl_seconds)
        found.update(loaded)
    return found


def _offer(doc: dict, on: date, party_size: int, now: datetime) -> list[dict]:
    rules = doc["venue"]
    earliest = now + timedelta(minutes=rules["min_notice_minutes"])
    last_day = venue_today(rules["timezone"]) + timedelta(days=rules["horizon_days"])
    party_fits = party_size <= rules["max_party_size"]
    offer = []
    for slot in doc["slots"]:
        starts_at = datetime.fromisoformat(slot["starts_at"])
        remaining = slot["capacity"] - slot["booked"] if slot["is_open"] else 0
        bookable = party_fits and remaining >= party_size and starts_at >= earliest and on <= last_day
        offer.append(
            {
                "time": slot["time"],
                "starts_at": iso_utc(starts_at),
                "remaining": remaining,
                "bookable": bookable,
                "confirmed_holds": slot["confirmed_holds"],
            }
        )
    return offer


def _venue_summary(rules: dict) -> dict:
    """What a client of search needs of the venue without asking for it too."""
    return {"venue": rules["slug"], "venue_id": rules["id"], "max_party_size": rules["max_party_size"]}


def search_day(venue_slug: str, on: date, party_size: int, *, cache_ttl_seconds: int) -> dict:
    doc = _ledgers(venue_slug, on, on, cache_ttl_seconds)[on]
    return {
        **_venue_summary(doc["venue"]),
        "date": on.isoformat(),
        "party_size": party_size,
        "slots": _offer(doc, on, party_size, utcnow()),
    }


def search_days(venue_slug: str, first: date, last: date, party_size: int, *, cache_ttl_seconds: int) -> dict:
    """The calendar view: every day from `first` to `last` with its slots."""
    ledgers = _ledgers(venue_slug, first, last, cache_ttl_seconds)
    now = utcnow()
    return {
        **_venue_summary(ledgers[first]["venue"]),
        "from": first.isoformat(),
        "to": last.isoformat(),
        "party_size": party_size,
        "days": [
            {"date": day.isoformat(), "slots": _offer(ledgers[day], day, party_size, now)}
            for day in _dates(first, last)
        ],
    }
