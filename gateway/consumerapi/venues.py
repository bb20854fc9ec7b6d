"""The path's restaurant is a Tessera venue (its slug, exact and case-sensitive), and its slots
are the availability service's."""

from __future__ import annotations

from datetime import date, time

from gateway.consumerapi import tessera
from gateway.consumerapi.errors import RESTAURANT_NOT_FOUND, Refused
from gateway.consumerapi.tessera import Refusal
from shared.clock import parse_iso_utc, utcnow
from shared.schemas import EARLIEST_DATE, MAX_UNITS, latest_date

NOT_OFFERED = ("date_in_past", "date_beyond_horizon")


def _could_be_slug(name: str) -> bool:
    """What the availability service accepts as a venue slug; anything else cannot name a venue."""
    return 1 <= len(name) <= 64 and all(ch.isalnum() or ch in "-_" for ch in name)


def find_restaurant(name: str) -> dict:
    """The venue, or 404 `Restaurant not found`."""
    if not _could_be_slug(name):
        raise Refused(404, RESTAURANT_NOT_FOUND)
    try:
        return tessera.get_venue(name)
    except Refusal as refusal:
        if refusal.status == 404:
            raise Refused(404, RESTAURANT_NOT_FOUND) from None
        raise


def venue_day(name: str, on: date, party_size: int) -> tuple[dict, list[dict] | None]:
    """The venue (`slug`, `id`, `max_party_size`) and its slots that day as search offers them
    for the party (`time`, `starts_at`, `remaining`, `bookable`, `confirmed_holds`), or None for
    a day it offers nothing on (past, beyond its horizon). One call to the availability service's
    search, which names the venue too; the venue alone only when there is no day to search."""
    if not _could_be_slug(name):
        raise Refused(404, RESTAURANT_NOT_FOUND)
    if EARLIEST_DATE <= on <= latest_date() and party_size <= MAX_UNITS:  # else Tessera refuses outright
        try:
            day = tessera.day_availability(name, on, party_size)
        except Refusal as refusal:
            if refusal.status == 404:
                raise Refused(404, RESTAURANT_NOT_FOUND) from None
            if refusal.code not in NOT_OFFERED:
                raise
        else:
            return {"slug": day["venue"], "id": day["venue_id"], "max_party_size": day["max_party_size"]}, day["slots"]
    return find_restaurant(name), None


def upcoming_slot(slots: list[dict] | None, at: time) -> dict | None:
    """Of a day's slots, the one starting exactly then if it has not started yet (full or closed or not)."""
    if not slots or at.second or at.microsecond or at.tzinfo is not None:
        return None
    slot = next((slot for slot in slots if slot["time"] == tessera.wall_clock(at)), None)
    if slot is None or parse_iso_utc(slot["starts_at"]) <= utcnow():
        return None
    return slot
