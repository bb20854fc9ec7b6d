"""What a hotel's room types have free, night by night, and for a whole stay (docs/stays.md).

A night's entry (every room type of the venue with its units and what is free that night) is
cached per venue and night under the same generation rule as the slot search
(availability_service/cache.py): holds on a stay's nights and every inventory change
invalidate the nights they touch. Free on a night = units - the most units held at any instant
of that night's noon-to-noon window; free for a stay = the least over its nights. The cache only
informs search: placing a stay hold always checks the database under the type's lock.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import cast

from sqlalchemy import select

from availability_service.cache import night_generation_key, night_key, read_entries, write_entries
from availability_service.extensions import db
from availability_service.holds.ranges import peak_units
from availability_service.lookups import venue_by_slug
from availability_service.models import Hold, HoldStatus, RoomBlock, RoomType, Venue
from availability_service.rooms.service import ROOM_TYPE_FIELDS, room_type_view
from availability_service.stays.nights import check_stay_dates, nights_between, utc_window
from shared.clock import venue_today


def _venue_rules(venue: Venue) -> dict:
    return {
        "slug": venue.slug,
        "timezone": venue.timezone,
        "horizon_days": venue.horizon_days,
        "max_stay_nights": venue.max_stay_nights,
    }


def _load_nights(venue_slug: str, nights: list[date]) -> dict[date, dict]:
    """The nights' entries from the database in three queries, however many nights and types.
    Each lists the venue's room types, what each has free and how many of its rooms are out of
    order, by code."""
    with db.reading() as session:
        venue = venue_by_slug(session, venue_slug)
        rules = _venue_rules(venue)
        room_types = list(session.scalars(select(RoomType).where(RoomType.venue_id == venue.id).order_by(RoomType.id)))
        windows = {night: utc_window(night, night + timedelta(days=1), venue.timezone) for night in nights}
        first, last = min(w[0] for w in windows.values()), max(w[1] for w in windows.values())
        held: defaultdict[int, list[tuple[datetime, datetime, int]]] = defaultdict(list)
        blocked: defaultdict[int, list[tuple[datetime, datetime, int]]] = defaultdict(list)
        for resource_id, starts_at, ends_at, units, block_id in session.execute(
            select(Hold.resource_id, Hold.starts_at, Hold.ends_at, Hold.units, RoomBlock.id)
            .outerjoin(RoomBlock, RoomBlock.hold_id == Hold.id)
            .where(
                Hold.resource_id.in_([room_type.resource_id for room_type in room_types]),
                Hold.status.in_(HoldStatus.ACTIVE),
                Hold.starts_at < last,
                Hold.ends_at > first,
            )
        ):
            reservation = (cast(datetime, starts_at), cast(datetime, ends_at), units)
            held[cast(int, resource_id)].append(reservation)
            if block_id is not None:
                blocked[cast(int, resource_id)].append(reservation)
        types = [(room_type_view(room_type), room_type.resource_id) for room_type in room_types]
    return {
        night: {
            "venue": rules,
            "room_types": [fields for fields, _ in types],
            "free": {
                fields["code"]: max(fields["units"] - peak_units(held[resource_id], *windows[night]), 0)
                for fields, resource_id in types
            },
            "out_of_order": {
                fields["code"]: peak_units(blocked[resource_id], *windows[night]) for fields, resource_id in types
            },
        }
        for night in nights
    }


def _night_entries(venue_slug: str, nights: list[date], ttl_seconds: int) -> dict[date, dict]:
    keys = [(night_key(venue_slug, n.isoformat()), night_generation_key(venue_slug, n.isoformat())) for n in nights]
    read = read_entries(keys)
    found: dict[date, dict] = {}
    if read is not None:
        docs, generations = read
        found = {night: doc for night, doc in zip(nights, docs, strict=True) if doc is not None}
    missing = [night for night in nights if night not in found]
    if missing:
        loaded = _load_nights(venue_slug, missing)
        if read is not None:
            by_night = dict(zip(nights, zip(keys, generations, strict=True), strict=True))
            write_entries(
                ((*by_night[night][0], by_night[night][1], doc) for night, doc in loaded.items()), ttl_seconds
            )
        found.update(loaded)
    return found


def room_nights(venue_slug: str, first: date, end: date, *, cache_ttl_seconds: int) -> dict:
    """Each room type's free units on each night of [first, end): the front desk's grid."""
    nights = nights_between(first, end)
    entries = _night_entries(venue_slug, nights, cache_ttl_seconds)
    types = entries[nights[0]]["room_types"]
    return {
        "venue": venue_slug,
        "timezone": entries[nights[0]]["venue"]["timezone"],
        "from": first.isoformat(),
        "to": end.isoformat(),
        "room_types": [
            {
                "code": room_type["code"],
                "name": room_type["name"],
                "units": room_type["units"],
                "nights": [
                    {
                        "date": night.isoformat(),
                        "free": entries[night]["free"].get(room_type["code"], 0),
                        "out_of_order": entries[night]["out_of_order"].get(room_type["code"], 0),
                    }
                    for night in nights
                ],
            }
            for room_type in types
        ],
    }


def stay_availability(venue_slug: str, arrival: date, departure: date, guests: int, *, cache_ttl_seconds: int) -> dict:
    """The room types that sleep `guests`, each with the units free on every night of the stay."""
    nights = nights_between(arrival, departure) or [arrival]
    entries = _night_entries(venue_slug, nights, cache_ttl_seconds)
    rules = entries[nights[0]]["venue"]
    check_stay_dates(
        arrival,
        departure,
        today=venue_today(rules["timezone"]),
        horizon_days=rules["horizon_days"],
        max_nights=rules["max_stay_nights"],
    )
    room_types = []
    for room_type in entries[nights[0]]["room_types"]:
        if room_type["max_occupancy"] < guests:
            continue
        free = min(entries[night]["free"].get(room_type["code"], 0) for night in nights)
        room_types.append({**{name: room_type[name] for name in ROOM_TYPE_FIELDS}, "available": free})
    return {
        "venue": venue_slug,
        "timezone": rules["timezone"],
        "arrival": arrival.isoformat(),
        "departure": departure.isoformat(),
        "nights": len(nights),
        "guests": guests,
        "room_types": room_types,
    }
