"""The ConsumerApi compatibility surface through the gateway (shared/consumerapi-contract.md):
availability search, booking, reading a booking, as the reference answers them, with the
deliberate differences of section 0, and every booking made here a normal Tessera booking.

Changes, cancels and the owner routes are in test_consumerapi_changes.py and
test_consumerapi_owner.py. Days used on TheHungryUnicorn: 1 and 29 (18 and 19 are theirs).
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Boolean, Date, DateTime, Time, bindparam, text

from tests.conftest import VENUE, booking_body, count_rows, future_date
from tests.support.consumerapi import (
    OWNER,
    SLOT_TIMES,
    TIMESTAMP,
    ConsumerApi,
    emails_for,
    event_ids,
    field_errors,
    missing,
)
from tests.support.processes import wait_until

DAY = future_date(1)
CAPACITY_DAY = future_date(29)


@pytest.fixture
def api(system):
    return ConsumerApi(system.gateway_url)


def _change_slot(availability, day: str, at: str, venue: str = VENUE, **change) -> None:
    availability.ok("PATCH", f"/v1/venues/{venue}/slots/{day}/{at}", json=change)


def _writes(system) -> tuple[int, ...]:
    return (
        count_rows(system, "booking", "bookings"),
        count_rows(system, "booking", "customers"),
        count_rows(system, "booking", "outbox_events"),
        count_rows(system, "availability", "holds"),
    )


# --- 2.1 AvailabilitySearch -------------------------------------------------------------------


def test_search_lists_every_slot_of_the_day_with_the_real_booking_count(api):
    api.book(DAY, "12:00:00", 2, email="search-count@example.com")
    api.book(DAY, "12:00", 3, email="search-count-2@example.com")
    # A booking counts once the booking service's relay has confirmed its hold, just after its answer.
    wait_until(lambda: api.slots(DAY)["12:00:00"]["current_bookings"] == 2, 10, message="both holds confirmed")
    response = api.search(DAY, 2)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert list(body) == [
        "restaurant",
        "restaurant_id",
        "visit_date",
        "party_size",
        "channel_code",
        "available_slots",
        "total_slots",
    ]
    assert (body["restaurant"], body["visit_date"], body["party_size"], body["channel_code"]) == (
        VENUE,
        DAY,
        2,
        "ONLINE",
    )
    assert isinstance(body["restaurant_id"], int)
    assert [slot["time"] for slot in body["available_slots"]] == SLOT_TIMES
    assert body["total_slots"] == 8
    first = body["available_slots"][0]
    assert list(first) == ["time", "available", "max_party_size", "current_bookings"]
    assert first == {"time": "12:00:00", "available": True, "max_party_size": 8, "current_bookings": 2}
    assert all(slot["max_party_size"] == 8 for slot in body["available_slots"])


def test_available_means_room_for_this_party_on_the_ledger(api, availability):
    _change_slot(availability, CAPACITY_DAY, "13:00", capacity=3)
    api.book(CAPACITY_DAY, "13:00:00", 2, email="ledger@example.com")

    def at_one(party_size):
        return api.slots(CAPACITY_DAY, party_size)["13:00:00"]

    seen = {"time": "13:00:00", "available": False, "max_party_size": 8, "current_bookings": 1}
    wait_until(lambda: at_one(2) == seen, 10, message="search to see the booking and its confirmed hold")
    assert at_one(1)["available"] is True
    assert api.search(CAPACITY_DAY, 2).json()["total_slots"] == 8  # listed, available or not


def test_a_closed_slot_is_listed_as_not_available_and_cannot_be_booked(system, api, availability):
    _change_slot(availability, DAY, "12:30", is_open=False)
    wait_until(lambda: api.slots(DAY)["12:30:00"]["available"] is False, 10, message="search to see the closure")
    before = _writes(system)
    refused = api.post(
        "BookingWithStripeToken",
        data={"VisitDate": DAY, "VisitTime": "12:30:00", "PartySize": 2, "ChannelCode": "ONLINE"},
    )
    assert (refused.status_code, refused.json()) == (400, {"detail": "Selected time slot is not available"})
    assert _writes(system) == before


@pytest.mark.parametrize("day", [(date.today() - timedelta(days=1)).isoformat(), future_date(400)])
def test_search_of_a_day_without_slots_is_an_empty_list(api, day):
    body = api.search(day).json()
    assert (body["available_slots"], body["total_slots"], body["visit_date"]) == ([], 0, day)


@pytest.mark.parametrize("party_size", ["9", "1000"])
def test_search_for_a_party_above_the_largest_is_an_empty_list(api, party_size):
    body = api.search(DAY, party_size).json()
    assert (body["party_size"], body["available_slots"], body["total_slots"]) == (int(party_size), [], 0)


@pytest.mark.parametrize("party_size", ["0", "-3"])
def test_search_for_no_party_lists_every_slot_as_for_one_guest(api, party_size):
    body = api.search(DAY, party_size).json()
    assert (body["party_size"], body["total_slots"]) == (int(party_size), 8)
    assert [slot["available"] for slot in body["available_slots"]] == [
        slot["available"] for slot in api.search(DAY, "1").json()["available_slots"]
    ]


@pytest.mark.parametrize(
    "party_size, error",
    [
        ("99999999999999999999", "less_than_equal"),  # section 0: the reference crashed (500)
        ("two", "int_parsing"),
        ("2.5", "int_parsing"),
        (" 2", "int_parsing"),
    ],
)
def test_search_party_size_that_is_not_a_party_is_422(api, party_size, error):
    assert field_errors(api.search(DAY, party_size)) == [(error, ["body", "PartySize"], party_size)]


def test_search_takes_a_whole_float_and_echoes_any_channel(api):
    body = api.post("AvailabilitySearch", data={"VisitDate": DAY, "PartySize": "2.0", "ChannelCode": "🦄"}).json()
    assert (body["party_size"], body["channel_code"], body["total_slots"]) == (2, "🦄", 8)


def test_search_form_errors(api):
    no_channel = api.post("AvailabilitySearch", data={"VisitDate": DAY, "PartySize": 2})
    assert field_errors(no_channel) == missing("ChannelCode")
    entry = no_channel.json()["detail"][0]
    assert list(entry) == ["type", "loc", "msg", "input", "url"] and entry["msg"] == "Field required"
    everything = missing("VisitDate", "PartySize", "ChannelCode")
    assert field_errors(api.post("AvailabilitySearch")) == everything
    assert (
        field_errors(api.post("AvailabilitySearch", json={"VisitDate": DAY, "PartySize": 2, "ChannelCode": "ONLINE"}))
        == everything
    )
    assert (
        field_errors(api.post("AvailabilitySearch", data={"VisitDate": "", "PartySize": "", "ChannelCode": ""}))
        == everything
    )
    bad_date = api.search("15/08/2025")
    assert field_errors(bad_date) == [("date_from_datetime_parsing", ["body", "VisitDate"], "15/08/2025")]
    assert "invalid character in year" in bad_date.json()["detail"][0]["msg"]


@pytest.mark.parametrize(
    "value, error",
    [
        ("2025/01/01", "date_from_datetime_parsing"),
        ("2025-13-01", "date_from_datetime_parsing"),
        ("2025-02-30", "date_from_datetime_parsing"),
        ("tomorrow", "date_from_datetime_parsing"),
        ("2026-11-22 ", "date_from_datetime_parsing"),
        ("20261122", "date_from_datetime_inexact"),
        ("1795000000", "date_from_datetime_inexact"),
        ("2026-11-22T10:00:00", "date_from_datetime_inexact"),
    ],
)
def test_only_iso_dates_are_dates(api, value, error):
    assert field_errors(api.search(value)) == [(error, ["body", "VisitDate"], value)]


@pytest.mark.parametrize("far", ["1999-12-31", "9999-12-31"])
def test_dates_tessera_keeps_nothing_for_are_days_without_slots(api, far):
    """Tessera refuses dates outside 2000 to five years ahead; here they are simply days it offers
    nothing on, as the contract answers a day without slots."""
    search = api.search(far)
    assert search.status_code == 200 and search.json()["available_slots"] == []
    booked = api.post(
        "BookingWithStripeToken",
        data={"VisitDate": far, "VisitTime": "19:00:00", "PartySize": 2, "ChannelCode": "ONLINE"},
    )
    assert (booked.status_code, booked.json()) == (400, {"detail": "No availability slot found for that date/time"})
    listed = api.get("Bookings", headers=OWNER, params={"date_from": far, "date_to": "9999-12-31", "limit": 1})
    assert listed.status_code == 200 and isinstance(listed.json(), list)


def test_multipart_forms_parse_too(api):
    response = api.post(
        "AvailabilitySearch",
        files={"VisitDate": (None, DAY), "PartySize": (None, "2"), "ChannelCode": (None, "ONLINE")},
    )
    assert response.status_code == 200 and response.json()["total_slots"] == 8


def test_wrong_methods_and_unknown_paths(api):
    for method, path in (
        ("GET", "AvailabilitySearch"),
        ("GET", "BookingWithStripeToken"),
        ("DELETE", "Booking/ZZZZZZZ"),
        ("GET", "Booking/ZZZZZZZ/Cancel"),
        ("POST", "Bookings"),
        ("POST", "CancellationReasons"),
    ):
        response = api.call(method, path)
        assert (response.status_code, response.json()) == (405, {"detail": "Method Not Allowed"}), (method, path)
    assert (api.get("NoSuchEndpoint").status_code, api.get("NoSuchEndpoint").json()) == (404, {"detail": "Not Found"})


def test_the_restaurant_name_is_exact(api):
    for name in ("NoSuchPlace", "thehungryunicorn", "The Hungry Unicorn", "TheHungryUnicorn.."):
        for method, path, kwargs in (
            ("POST", "AvailabilitySearch", {"data": {"VisitDate": DAY, "PartySize": 2, "ChannelCode": "ONLINE"}}),
            (
                "POST",
                "BookingWithStripeToken",
                {"data": {"VisitDate": DAY, "VisitTime": "19:00", "PartySize": 2, "ChannelCode": "ONLINE"}},
            ),
            ("GET", "Booking/ZZZZZZZ", {}),
            ("PATCH", "Booking/ZZZZZZZ", {}),
            (
                "POST",
                "Booking/ZZZZZZZ/Cancel",
                {"data": {"micrositeName": name, "bookingReference": "ZZZZZZZ", "cancellationReasonId": 1}},
            ),
            ("GET", "CancellationReasons", {}),
        ):
            response = api.call(method, path, restaurant=name, **kwargs)
            assert (response.status_code, response.json()) == (404, {"detail": "Restaurant not found"}), (
                name,
                method,
                path,
            )


def _add_started_slot(system, venue: str, on: date, at: time, zone: str) -> None:
    """Test set-up only: a slot generated before it started (the generator makes only future ones)."""
    starts_at = datetime.combine(on, at, ZoneInfo(zone)).astimezone(UTC).replace(tzinfo=None)
    engine = system.backend.engine("availability")
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO slots (venue_id, local_date, local_time, starts_at, ends_at, capacity, booked, "
                    "is_open, staff_override) SELECT id, :on, :at, :starts_at, :ends_at, 10, 0, :yes, :no "
                    "FROM venues WHERE slug = :venue"
                ).bindparams(
                    bindparam("on", type_=Date()),
                    bindparam("at", type_=Time()),
                    bindparam("starts_at", type_=DateTime()),
                    bindparam("ends_at", type_=DateTime()),
                    bindparam("yes", type_=Boolean()),
                    bindparam("no", type_=Boolean()),
                ),
                {
                    "venue": venue,
                    "on": on,
                    "at": at,
                    "starts_at": starts_at,
                    "ends_at": starts_at + timedelta(minutes=30),
                    "yes": True,
                    "no": False,
                },
            )
    finally:
        engine.dispose()


def test_todays_slots_that_have_started_are_listed_as_not_available_and_not_bookable(system, availability):
    """On a venue whose clock is past 06:00 now, open every half hour of the day."""
    zone = next(zone for zone in ("UTC", "Etc/GMT+12", "Etc/GMT-12") if 6 <= datetime.now(ZoneInfo(zone)).hour < 18)
    venue = f"consumer-today-{uuid.uuid4().hex[:8]}"
    availability.create_venue(venue, timezone=zone, min_notice_minutes=0)
    availability.open_every_day(venue, "00:00", "23:30", 30, capacity=10, duration=30)
    today = datetime.now(ZoneInfo(zone)).date()
    for at in (time(0, 0), time(0, 30)):
        _add_started_slot(system, venue, today, at, zone)
    api = ConsumerApi(system.gateway_url, venue)
    before = datetime.now(ZoneInfo(zone))
    body = api.search(today.isoformat(), 2).json()
    after = datetime.now(ZoneInfo(zone)) + timedelta(minutes=1)
    slots = {slot["time"]: slot["available"] for slot in body["available_slots"]}
    assert slots["00:00:00"] is slots["00:30:00"] is False
    for at, available in slots.items():
        if at < before.strftime("%H:%M:%S"):
            assert available is False, at
        elif at > after.strftime("%H:%M:%S"):
            assert available is True, at
    refused = api.post(
        "BookingWithStripeToken",
        data={"VisitDate": today.isoformat(), "VisitTime": "00:00", "PartySize": 2, "ChannelCode": "ONLINE"},
    )
    assert (refused.status_code, refused.json()) == (400, {"detail": "No availability slot found for that date/time"})


# --- 2.2 BookingWithStripeToken -------------------------------------------------------------------


def test_the_captured_booking_example(system, api):
    form = {
        "VisitDate": DAY,
        "VisitTime": "13:00:00",
        "PartySize": "2",
        "ChannelCode": "ONLINE",
        "SpecialRequests": "Window seat",
        "Customer[Title]": "Ms",
        "Customer[FirstName]": "Alice",
        "Customer[Surname]": "Jones",
        "Customer[Email]": "alice.example@example.com",
        "Customer[Mobile]": "07700900123",
    }
    response = api.post("BookingWithStripeToken", data=form)
    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body) == [
        "booking_reference",
        "booking_id",
        "restaurant",
        "visit_date",
        "visit_time",
        "party_size",
        "channel_code",
        "special_requests",
        "is_leave_time_confirmed",
        "room_number",
        "customer",
        "status",
        "created_at",
    ]
    assert len(body["booking_reference"]) == 7 and body["booking_reference"].isupper()
    assert isinstance(body["booking_id"], int) and 0 < body["booking_id"] < 2**53
    assert {
        k: body[k]
        for k in (
            "restaurant",
            "visit_date",
            "visit_time",
            "party_size",
            "channel_code",
            "special_requests",
            "is_leave_time_confirmed",
            "room_number",
            "status",
        )
    } == {
        "restaurant": VENUE,
        "visit_date": DAY,
        "visit_time": "13:00:00",
        "party_size": 2,
        "channel_code": "ONLINE",
        "special_requests": "Window seat",
        "is_leave_time_confirmed": None,
        "room_number": None,
        "status": "confirmed",
    }
    customer = body["customer"]
    assert list(customer) == ["id", "title", "first_name", "surname", "email", "mobile"]
    assert isinstance(customer["id"], int)
    assert {k: v for k, v in customer.items() if k != "id"} == {
        "title": "Ms",
        "first_name": "Alice",
        "surname": "Jones",
        "email": "alice.example@example.com",
        "mobile": "07700900123",
    }
    assert TIMESTAMP.match(body["created_at"])
    assert abs(datetime.fromisoformat(body["created_at"]) - datetime.utcnow()) < timedelta(minutes=1)

    read = api.get(f"Booking/{body['booking_reference']}").json()
    assert read["booking_id"] == body["booking_id"] and read["customer"]["id"] == customer["id"]
    assert read["is_leave_time_confirmed"] is False  # stored as false, as the reference does


def test_a_compat_booking_is_a_normal_tessera_booking(system, api, gateway):
    created = api.post(
        "BookingWithStripeToken",
        data={
            "VisitDate": CAPACITY_DAY,
            "VisitTime": "19:00",
            "PartySize": 4,
            "ChannelCode": "ONLINE",
            "SpecialRequests": "Birthday",
            "RoomNumber": "214",
            "IsLeaveTimeConfirmed": "on",
            "Customer[FirstName]": "Grace",
            "Customer[Surname]": "Hopper",
            "Customer[Email]": "grace.compat@example.com",
            "Customer[MobileCountryCode]": "+44",
            "Customer[Mobile]": "7700900456",
            "Customer[ReceiveEmailMarketing]": "yes",
        },
        headers={"X-Request-ID": "consumerapi-normal-booking"},
    )
    assert created.status_code == 200, created.text
    body = created.json()
    assert (body["is_leave_time_confirmed"], body["room_number"]) == (True, "214")
    reference = body["booking_reference"]

    tessera = gateway.get(f"/api/v1/bookings/{reference}", params={"email": "grace.compat@example.com"})
    assert tessera.status_code == 200, tessera.text
    booking = tessera.json()
    assert (booking["status"], booking["date"], booking["time"], booking["party_size"], booking["channel"]) == (
        "confirmed",
        CAPACITY_DAY,
        "19:00",
        4,
        "ONLINE",
    )
    assert (booking["special_requests"], booking["room_number"], booking["is_leave_time_confirmed"]) == (
        "Birthday",
        "214",
        True,
    )
    assert (
        booking["customer"]["mobile_country_code"],
        booking["customer"]["mobile"],
        booking["customer"]["marketing_email"],
    ) == ("+44", "7700900456", True)

    mail = wait_until(lambda: emails_for(system, reference), 15, message="confirmation e-mail")
    assert len(mail) == 1 and mail[0]["To"] == "grace.compat@example.com"
    wait_until(
        lambda: (
            count_rows(
                system,
                "notification",
                "audit_log",
                "request_id = :rid AND action = :action",
                rid="consumerapi-normal-booking",
                action="booking.created",
            )
            == 1
        ),
        15,
        message="audit row",
    )
    wait_until(lambda: api.slots(CAPACITY_DAY, 4)["19:00:00"]["current_bookings"] == 1, 5, message="count")


def test_a_guest_without_any_details_is_booked_and_nobody_is_e_mailed(system, api):
    body = api.post(
        "BookingWithStripeToken",
        data={"VisitDate": DAY, "VisitTime": "19:00:00", "PartySize": 2, "ChannelCode": "ONLINE"},
    ).json()
    customer = body["customer"]
    assert isinstance(customer["id"], int)
    assert {k: v for k, v in customer.items() if k != "id"} == {
        "title": None,
        "first_name": None,
        "surname": None,
        "email": None,
        "mobile": None,
    }
    again = api.post(
        "BookingWithStripeToken",
        data={"VisitDate": DAY, "VisitTime": "19:00:00", "PartySize": 2, "ChannelCode": "ONLINE"},
    ).json()
    assert again["customer"]["id"] != customer["id"]  # nothing identifies them: a row each

    (event_id,) = event_ids(system, body["booking_reference"])
    wait_until(
        lambda: (
            count_rows(system, "notification", "processed_events", "event_id = :e AND handler = 'email'", e=event_id)
            == 1
        ),
        15,
        message="the e-mail handler to skip it",
    )
    wait_until(
        lambda: count_rows(system, "notification", "audit_log", "event_id = :e", e=event_id) == 1,
        15,
        message="audit row",
    )
    assert count_rows(system, "notification", "email_log", "event_id = :e", e=event_id) == 0
    assert count_rows(system, "notification", "dead_letters", "event_id = :e", e=event_id) == 0


def test_anonymous_tessera_customers_still_give_an_e_mail_a_name_and_a_phone_number(gateway):
    """Only staff and integrations (the adapter among them) may book a guest without those."""
    body = booking_body(DAY, "19:00", 2)
    for customer, field in (
        ({"first_name": "Ada", "surname": "Lovelace"}, "email"),
        ({"surname": "Lovelace", "email": "ada@example.com"}, "first_name"),
        ({**body["customer"], "mobile": "+44 (0) ☎ 123"}, "mobile"),
    ):
        response = gateway.post("/api/v1/bookings", json={**body, "customer": customer})
        assert response.status_code == 422, response.text
        assert list(response.json()["error"]["details"]["customer"]) == [field]


@pytest.mark.parametrize(
    "field, value",
    [
        ("Customer[FirstName]", "Zoë 🦄\u200b"),
        ("Customer[Surname]", "\u202eRTL"),
        ("SpecialRequests", "<script>alert(1)</script>"),
        ("Customer[Mobile]", "+44 (0) ☎ 123"),
    ],
)
def test_odd_text_is_stored_and_returned_verbatim(api, field, value):
    body = api.book(DAY, "13:30:00", 1, **{field: value})
    read = api.get(f"Booking/{body['booking_reference']}").json()
    name = {"Customer[FirstName]": "first_name", "Customer[Surname]": "surname", "Customer[Mobile]": "mobile"}
    if field in name:
        assert body["customer"][name[field]] == read["customer"][name[field]] == value
    else:
        assert body["special_requests"] == read["special_requests"] == value


@pytest.mark.parametrize(
    "field, value, error",
    [
        ("Customer[Email]", "not-an-email", "value_error"),  # section 0: e-mail validated when given
        ("SpecialRequests", "x" * 4999 + "\u0000", "string_too_long"),  # section 0: bounded text
        ("Customer[FirstName]", "A" * 101, "string_too_long"),
        ("Customer[Surname]", "Jo\u0000nes", "string_pattern_mismatch"),
        ("Customer[ReceiveEmailMarketing]", "maybe", "bool_parsing"),
        ("IsLeaveTimeConfirmed", "maybe", "bool_parsing"),
        ("VisitDate", "2026/11/25", "date_from_datetime_parsing"),
        ("VisitTime", "25:00", "time_parsing"),
        ("VisitTime", "noon", "time_parsing"),
        ("PartySize", "two", "int_parsing"),
        ("PartySize", "0", "greater_than_equal"),
        ("PartySize", "-3", "greater_than_equal"),
        ("PartySize", "99999999999999999999", "less_than_equal"),
    ],
)
def test_bad_booking_fields_are_422_and_write_nothing(system, api, field, value, error):
    before = _writes(system)
    response = api.post(
        "BookingWithStripeToken",
        data={
            "VisitDate": DAY,
            "VisitTime": "13:30",
            "PartySize": 2,
            "ChannelCode": "ONLINE",
            "Customer[FirstName]": "Eve",
            field: value,
        },
    )
    assert field_errors(response) == [(error, ["body", field], value)]
    if field == "VisitDate":
        assert "invalid date separator, expected `-`" in response.json()["detail"][0]["msg"]
    assert _writes(system) == before


def test_only_the_visit_date_is_three_missing_fields(api):
    assert field_errors(api.post("BookingWithStripeToken", data={"VisitDate": DAY})) == missing(
        "VisitTime", "PartySize", "ChannelCode"
    )


@pytest.mark.parametrize(
    "day, at",
    [
        (DAY, "12:15:00"),  # not a slot
        (DAY, "19:00:30"),  # not exactly one
        ((date.today() - timedelta(days=1)).isoformat(), "19:00"),  # section 0: past dates are not bookable
        (future_date(400), "19:00"),  # beyond the venue's horizon
    ],
)
def test_booking_where_there_is_no_slot_is_400_and_writes_nothing(system, api, day, at):
    before = _writes(system)
    response = api.post(
        "BookingWithStripeToken", data={"VisitDate": day, "VisitTime": at, "PartySize": 2, "ChannelCode": "ONLINE"}
    )
    assert (response.status_code, response.json()) == (400, {"detail": "No availability slot found for that date/time"})
    assert _writes(system) == before


@pytest.mark.parametrize("party_size", ["9", "1000"])
def test_a_party_above_the_largest_is_400_and_writes_nothing(system, api, party_size):
    """Section 0: the reference stored it."""
    before = _writes(system)
    response = api.post(
        "BookingWithStripeToken",
        data={
            "VisitDate": DAY,
            "VisitTime": "13:30",
            "ChannelCode": "ONLINE",
            "PartySize": party_size,
            "Customer[Email]": "big@example.com",
        },
    )
    assert (response.status_code, response.json()) == (400, {"detail": "Party size exceeds slot capacity"})
    assert _writes(system) == before


def test_hh_mm_books_the_slot(api):
    assert api.book(DAY, "13:00", 2)["visit_time"] == "13:00:00"


def test_a_full_slot_is_not_available(system, api, availability):
    _change_slot(availability, CAPACITY_DAY, "12:00", capacity=2)
    api.book(CAPACITY_DAY, "12:00:00", 2)
    before = _writes(system)
    refused = api.post(
        "BookingWithStripeToken",
        data={
            "VisitDate": CAPACITY_DAY,
            "VisitTime": "12:00:00",
            "PartySize": 1,
            "ChannelCode": "ONLINE",
            "Customer[Email]": "late@example.com",
        },
    )
    assert (refused.status_code, refused.json()) == (400, {"detail": "Selected time slot is not available"})
    assert _writes(system) == before


def test_concurrent_bookings_never_exceed_the_slot(system, api, availability):
    _change_slot(availability, CAPACITY_DAY, "12:30", capacity=4)

    def book(number):
        return api.post(
            "BookingWithStripeToken",
            data={
                "VisitDate": CAPACITY_DAY,
                "VisitTime": "12:30:00",
                "PartySize": 2,
                "ChannelCode": "ONLINE",
                "Customer[Email]": f"race-{number}@example.com",
            },
        )

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(book, range(6)))
    assert sorted(r.status_code for r in results) == [200, 200, 400, 400, 400, 400]
    assert {r.json()["detail"] for r in results if r.status_code == 400} == {"Selected time slot is not available"}
    wait_until(lambda: api.slots(CAPACITY_DAY)["12:30:00"]["current_bookings"] == 2, 10, message="holds confirmed")


def test_a_returning_customer_is_linked_to_their_record_and_keeps_its_details(api):
    """A booking with a known e-mail joins that customer's history (same id) without changing
    what is stored about them; its answer shows what it sent, never the stored details."""
    first = api.book(DAY, "19:30:00", 2, email="returning.compat@example.com")
    second = api.book(
        DAY,
        "19:30:00",
        2,
        email="Returning.Compat@example.com",
        **{"Customer[FirstName]": "Alicia", "Customer[Mobile]": "07700900999"},
    )
    assert second["customer"]["id"] == first["customer"]["id"]
    assert (second["customer"]["first_name"], second["customer"]["mobile"], second["customer"]["email"]) == (
        "Alicia",
        "07700900999",
        "Returning.Compat@example.com",
    )
    again = api.get(f"Booking/{first['booking_reference']}").json()["customer"]
    assert (again["first_name"], again["mobile"]) == ("Alice", "07700900123")


def test_an_idempotency_key_is_honoured(system, api):
    form = {
        "VisitDate": CAPACITY_DAY,
        "VisitTime": "13:30:00",
        "PartySize": 2,
        "ChannelCode": "ONLINE",
        "Customer[Email]": "idem.compat@example.com",
    }
    key = {"Idempotency-Key": f"compat-{uuid.uuid4()}"}
    first = api.post("BookingWithStripeToken", data=form, headers=key)
    second = api.post("BookingWithStripeToken", data=form, headers=key)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert count_rows(system, "booking", "bookings", "reference = :r", r=first.json()["booking_reference"]) == 1
    wait_until(lambda: api.slots(CAPACITY_DAY)["13:30:00"]["current_bookings"] == 1, 10, message="hold confirmed")
    reused = api.post("BookingWithStripeToken", data={**form, "PartySize": 3}, headers=key)
    assert reused.status_code == 422 and isinstance(reused.json()["detail"], str)
    malformed = api.post("BookingWithStripeToken", data=form, headers={"Idempotency-Key": "k" * 200})
    assert [(e["type"], e["loc"]) for e in malformed.json()["detail"]] == [
        ("value_error", ["header", "idempotency-key"])
    ]


# --- 2.3 Booking/{ref} --------------------------------------------------------------------------


def test_reading_a_booking(api):
    created = api.book(DAY, "20:00:00", 3, email="reader.compat@example.com", **{"Customer[Phone]": "02079460000"})
    reference = created["booking_reference"]
    body = api.get(f"Booking/{reference}").json()
    assert list(body) == [
        "booking_reference",
        "booking_id",
        "restaurant",
        "visit_date",
        "visit_time",
        "party_size",
        "channel_code",
        "special_requests",
        "is_leave_time_confirmed",
        "room_number",
        "status",
        "customer",
        "cancellation_reason",
        "created_at",
        "updated_at",
    ]
    assert list(body["customer"]) == ["id", "title", "first_name", "surname", "email", "mobile", "phone"]
    assert body["customer"]["phone"] == "02079460000"
    assert (body["status"], body["cancellation_reason"], body["created_at"]) == (
        "confirmed",
        None,
        created["created_at"],
    )
    assert TIMESTAMP.match(body["updated_at"])
    assert api.get(f"Booking/{reference.lower()}").json() == body  # section 0: case-insensitive


@pytest.mark.parametrize("reference", ["ZZZZZZZ", "' OR 1=1--", "A" * 40])
def test_an_unknown_reference_is_not_found(api, reference):
    response = api.get(f"Booking/{reference}")
    assert (response.status_code, response.json()) == (404, {"detail": "Booking not found"})


def test_another_venues_booking_is_not_found_under_this_restaurant(system, api, availability):
    other = f"consumer-other-{uuid.uuid4().hex[:8]}"
    availability.create_venue(other)
    availability.open_every_day(other, "18:00", "18:00", 60, capacity=10)
    theirs = ConsumerApi(system.gateway_url, other).book(future_date(2), "18:00:00", 2)
    for method, path in (
        ("GET", f"Booking/{theirs['booking_reference']}"),
        ("PATCH", f"Booking/{theirs['booking_reference']}"),
    ):
        response = api.call(method, path, data={"PartySize": 3})
        assert (response.status_code, response.json()) == (404, {"detail": "Booking not found"})
    cancel = api.cancel(theirs["booking_reference"])
    assert (cancel.status_code, cancel.json()) == (404, {"detail": "Booking not found"})


def test_booking_references_have_the_stricter_look_up_limit(system):
    with system.another(
        "gateway-consumerapi-strict",
        "gateway",
        TRUSTED_PROXY_HOPS="1",
        RATE_LIMIT_DEFAULT="8 per 2 seconds",
        RATE_LIMIT_BOOKING_LOOKUP="4 per 2 seconds",
    ) as url:
        api = ConsumerApi(url)
        client = {"X-Forwarded-For": "198.51.100.77"}
        lookups = [api.get("Booking/ZZZZZZZ", headers=client) for _ in range(5)]
        assert [r.status_code for r in lookups] == [404, 404, 404, 404, 429]
        assert lookups[-1].json() == {"detail": "Too Many Requests"} and int(lookups[-1].headers["Retry-After"]) >= 1
        assert api.get("CancellationReasons", headers=client).status_code == 200  # only the default limit there


# --- section 4: the frontend ----------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, OWNER["Authorization"], "Bearer not-a-key", "garbage"])
def test_the_frontends_journey_with_or_without_a_token(api, token):
    """Every public call works without a token, and a token (valid or not) changes nothing there."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", **({"Authorization": token} if token else {})}
    api.session.headers.update(headers)
    slots = api.post("AvailabilitySearch", data="VisitDate=" + CAPACITY_DAY + "&PartySize=2&ChannelCode=ONLINE")
    assert slots.status_code == 200
    at = next(
        slot["time"]
        for slot in slots.json()["available_slots"]
        if slot["available"] and slot["time"] in ("20:00:00", "20:30:00")
    )
    booked = api.post(
        "BookingWithStripeToken",
        data={
            "VisitDate": CAPACITY_DAY,
            "VisitTime": at,
            "PartySize": 2,
            "ChannelCode": "ONLINE",
            "Customer[Title]": "Mr",
            "Customer[FirstName]": "Sam",
            "Customer[Surname]": "Lee",
            "Customer[Email]": "sam.frontend@example.com",
            "Customer[Mobile]": "07700900321",
            "SpecialRequests": "",
        },
    )
    assert booked.status_code == 200, booked.text
    reference = booked.json()["booking_reference"]
    assert api.get(f"Booking/{reference}").json()["special_requests"] is None
    changed = api.patch(f"Booking/{reference}", data={"PartySize": 3, "SpecialRequests": "High chair"})
    assert changed.status_code == 200 and TIMESTAMP.match(changed.json()["updated_at"])
    assert api.get(f"Booking/{reference}").json()["special_requests"] == "High chair"
    assert [r["id"] for r in api.get("CancellationReasons").json()] == [1, 2, 3, 4, 5]
    cancelled = api.post(
        f"Booking/{reference}/Cancel",
        data={"micrositeName": VENUE, "bookingReference": reference, "cancellationReasonId": 1},
    )
    assert cancelled.status_code == 200 and TIMESTAMP.match(cancelled.json()["cancelled_at"])
