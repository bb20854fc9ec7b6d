"""Venue wall-clock times on DST change days (Europe/London)."""

from datetime import date, datetime, time

from shared.clock import iso_utc, local_to_utc, parse_iso_utc, utc_to_local


def test_summer_and_winter_noon():
    assert local_to_utc(date(2026, 7, 1), time(12, 0), "Europe/London") == datetime(2026, 7, 1, 11, 0)
    assert local_to_utc(date(2026, 12, 1), time(12, 0), "Europe/London") == datetime(2026, 12, 1, 12, 0)


def test_time_in_the_spring_gap_does_not_exist():
    assert local_to_utc(date(2026, 3, 29), time(1, 30), "Europe/London") is None
    assert local_to_utc(date(2026, 3, 29), time(19, 0), "Europe/London") == datetime(2026, 3, 29, 18, 0)


def test_ambiguous_autumn_time_means_its_first_occurrence():
    assert local_to_utc(date(2026, 10, 25), time(1, 30), "Europe/London") == datetime(2026, 10, 25, 0, 30)


def test_round_trip_to_local():
    local = utc_to_local(datetime(2026, 10, 25, 18, 0), "Europe/London")
    assert (local.hour, local.minute, local.utcoffset().total_seconds()) == (18, 0, 0)


def test_iso_instants_parse_to_naive_utc():
    assert parse_iso_utc("2026-11-21T12:00:00Z") == datetime(2026, 11, 21, 12, 0)
    assert parse_iso_utc("2026-07-01T13:00:00+01:00") == datetime(2026, 7, 1, 12, 0)
    assert parse_iso_utc(iso_utc(datetime(2026, 3, 29, 1, 30))) == datetime(2026, 3, 29, 1, 30)
