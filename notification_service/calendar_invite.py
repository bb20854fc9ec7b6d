"""The `.ics` attachment of a booking e-mail (RFC 5545), so the visit lands in the guest's calendar.

Times are written in the venue's own zone with its VTIMEZONE, so a calendar shows the wall-clock
time the guest booked, DST included. The UID is the booking's and SEQUENCE its version: an
update replaces the entry, a cancellation (METHOD:CANCEL) removes it.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from icalendar import Calendar, Event, Timezone

from shared.clock import parse_iso_utc, utc_to_local

PRODUCT_ID = "-//Tessera//Bookings//EN"
UID_DOMAIN = "tessera.local"


@lru_cache(maxsize=64)
def venue_timezone(tzid: str, year: int) -> Timezone:
    """The zone's VTIMEZONE for a visit in `year`: its rules from that New Year to two years on,
    built once per process and year. icalendar's default, every transition from 1970 to 2038,
    cost 2 ms to write into each message and was 2.6 KB of it; a fifth of the e-mail worker's
    CPU when also built per message (docs/performance.md). A zone this process does not know
    raises ValueError, not cached."""
    return Timezone.from_tzid(tzid, first_date=date(year, 1, 1), last_date=date(year + 2, 1, 1))


def booking_invite(booking: dict, *, cancelled: bool, stamp: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    starts_at = utc_to_local(parse_iso_utc(booking["starts_at"]), booking["timezone"])
    try:
        calendar.add_component(venue_timezone(booking["timezone"], starts_at.year))
    except ValueError:
        pass  # as icalendar's add_missing_timezones: a zone it cannot describe is left out

    visit = Event()
    visit.add("uid", f"{booking['booking_id']}@{UID_DOMAIN}")
    visit.add("sequence", booking.get("version") or 1)
    visit.add("dtstamp", stamp)
    stay = booking.get("stay")
    occurrences = (booking.get("reservation") or {}).get("occurrences") or []
    if stay:  # whole days, arrival to departure, as a hotel stay shows in a calendar
        visit.add("dtstart", date.fromisoformat(stay["arrival"]))
        visit.add("dtend", date.fromisoformat(stay["departure"]))
        description = f"Reference {booking['reference']}, {stay['nights']} nights for {stay['guests']} guests."
    elif occurrences:  # a reservation: its first occurrence, and the series' others as RDATEs
        zone = booking["timezone"]
        visit.add("dtstart", utc_to_local(parse_iso_utc(occurrences[0]["starts_at"]), zone))
        visit.add("dtend", utc_to_local(parse_iso_utc(occurrences[0]["ends_at"]), zone))
        if len(occurrences) > 1:
            visit.add("rdate", [utc_to_local(parse_iso_utc(o["starts_at"]), zone) for o in occurrences[1:]])
        resource = booking["reservation"]["resource"]["name"]
        times = f", {len(occurrences)} times" if len(occurrences) > 1 else ""
        description = f"Reference {booking['reference']}, {resource}{times}."
    else:
        visit.add("dtstart", starts_at)
        visit.add("dtend", utc_to_local(parse_iso_utc(booking["ends_at"]), booking["timezone"]))
        description = f"Reference {booking['reference']}, party of {booking['party_size']}."
    visit.add("summary", f"{booking['venue_name']}: booking {booking['reference']}")
    if booking.get("venue_address"):
        visit.add("location", booking["venue_address"])
    visit.add("description", description)
    visit.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(visit)
    return calendar.to_ical()
