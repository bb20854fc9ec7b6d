"""The path's restaurant is a Tessera venue (its slug, exact and case-sensitive), and its slots
are the availability service's."""

from __future__ import annotations

from datetime import date, time

from gateway.consumerapi import tessera
from gateway.consumerapi.errors import RESTAURANT_NOT_FOUND, Refused
from gateway.consumerapi.tessera import Refusal
from shared.clock import parse_iso_utc, utcnow
from shared.schemas import EARLIEST_DATE, latest_date

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


def day_slots(venue: dict, on: date, party_size: int) -> list[dict] | None:
    """The venue's slots that day as search offers them for the party (`time`, `starts_at`,
    `remaining`, `bookable`); None for a day it offers nothing on (past, beyond its horizon)."""
    if not EARLIEST_DATE <= on <= latest_date():  # Tessera refuses such dates outright
        return None
    try:
        return tessera.day_availability(venue["slug"], on, party_size)["slots"]
    except Refusal as refusal:
        if refusal.code in NOT_OFFERED:
            return None
        raise


def upcoming_slot(venue: dict, on: date, at: time) -> dict | None:
    """The venue's slot starting exactly then, if it has not started yet (full or closed or not)."""
    if at.second or at.microsecond or at.tzinfo is not None:
        return None
    slot = next((slot for slot in day_slots(venue, on, 1) or () if slot["time"] == tessera.wall_clock(at)), None)
    if slot is None or parse_iso_utc(slot["starts_at"]) <= utcnow():
        return None
    return slot
