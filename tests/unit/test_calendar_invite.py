"""The .ics of a booking e-mail carries the venue's VTIMEZONE for the visit's year (built once per
zone, year and process) and the visit in the venue's wall-clock time; a zone the process does not
know is left out."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar

from notification_service.calendar_invite import booking_invite, venue_timezone

BOOKING = {
    "booking_id": "b-1",
    "version": 2,
    "reference": "ABC2345",
    "venue_name": "The Hungry Unicorn",
    "venue_address": "1 High Street",
    "party_size": 4,
    "timezone": "Europe/London",
    "starts_at": "2026-07-01T18:00:00Z",
    "ends_at": "2026-07-01T19:30:00Z",
}


def _parse(booking: dict, cancelled: bool = False) -> Calendar:
    return Calendar.from_ical(booking_invite(booking, cancelled=cancelled, stamp=datetime(2026, 6, 1, 12)))


def test_the_visit_is_in_the_venues_zone_with_its_vtimezone():
    calendar = _parse(BOOKING)
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    [visit] = calendar.walk("VEVENT")
    assert visit["DTSTART"].params["TZID"] == "Europe/London"
    assert visit.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 7, 1, 19, 0)  # BST
    assert (visit["SEQUENCE"], str(visit["STATUS"]), str(calendar["METHOD"])) == (2, "CONFIRMED", "PUBLISH")


def test_the_vtimezone_is_built_once_per_zone_and_year():
    venue_timezone.cache_clear()
    first, second = _parse(BOOKING), _parse({**BOOKING, "booking_id": "b-2", "reference": "DEF2345"})
    assert venue_timezone.cache_info().misses == 1 and venue_timezone.cache_info().hits == 1
    assert first.walk("VTIMEZONE")[0].to_ical() == second.walk("VTIMEZONE")[0].to_ical()
    next_year = _parse({**BOOKING, "starts_at": "2027-12-31T23:00:00Z", "ends_at": "2028-01-01T00:30:00Z"})
    assert venue_timezone.cache_info().misses == 2
    assert b"20271031T020000" in next_year.walk("VTIMEZONE")[0].to_ical()  # that year's change back to GMT


def test_the_vtimezone_holds_the_visits_years_not_every_year_since_1970():
    zone = _parse(BOOKING).walk("VTIMEZONE")[0].to_ical()
    assert b"20260329T020000" in zone and b"20261025T020000" in zone  # 2026's changes to BST and back
    assert b"1970" not in zone and b"2038" not in zone
    assert len(zone) < 1000


def test_a_cancellation_cancels_the_entry():
    calendar = _parse(BOOKING, cancelled=True)
    assert str(calendar["METHOD"]) == "CANCEL" and str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
