"""The ConsumerApi's changes through the gateway: PATCH (public), the owner's POST .../Update and
POST .../Cancel, with the contract's messages and section 0's differences; each change is a
Tessera change (its ledger, its events). Days used on TheHungryUnicorn: 18 (and 29 at 20:00 as
the target of a move to another day)."""

from __future__ import annotations

import json

import pytest

from gateway.manage import DEMO_VENUE
from shared.identity import BOOKINGS_READ
from tests.conftest import VENUE, count_rows, future_date
from tests.support.consumerapi import OWNER, TIMESTAMP, ConsumerApi, event_ids, field_errors, missing
from tests.support.processes import wait_until

DAY = future_date(18)
OTHER_DAY = future_date(29)


@pytest.fixture
def api(system):
    return ConsumerApi(system.gateway_url)


def _events(system, reference: str, event_type: str) -> int:
    return count_rows(
        system,
        "booking",
        "outbox_events o JOIN bookings b ON b.id = o.aggregate_id",
        "b.reference = :r AND o.event_type = :t",
        r=reference,
        t=event_type,
    )


def _ledger(availability, day: str, at: str) -> int:
    """Units the availability service holds at the slot."""
    return next(slot["booked"] for slot in availability.slots(VENUE, day) if slot["time"] == at)


# --- 2.4 PATCH Booking/{ref} ---------------------------------------------------------------------


def test_patch_without_fields_changes_nothing(system, api):
    booking = api.book(DAY, "12:00:00", 2, SpecialRequests="Quiet table")
    reference = booking["booking_reference"]
    before = api.get(f"Booking/{reference}").json()
    for form in ({}, {"SpecialRequests": "Quiet table", "PartySize": "2", "VisitTime": "12:00"}):
        response = api.patch(f"Booking/{reference}", data=form)
        assert response.status_code == 200, response.text
        body = response.json()
        assert list(body) == [
            "booking_reference",
            "booking_id",
            "restaurant",
            "updates",
            "status",
            "updated_at",
            "message",
        ]
        assert body == {
            "booking_reference": reference,
            "booking_id": booking["booking_id"],
            "restaurant": VENUE,
            "updates": {},
            "status": "no_changes",
            "updated_at": before["updated_at"],
            "message": f"Booking {reference} has been checked - no changes made",
        }
    assert _events(system, reference, "booking.updated") == 0


def test_patch_party_size(system, api, availability):
    booking = api.book(DAY, "12:00:00", 2)
    reference = booking["booking_reference"]
    held = _ledger(availability, DAY, "12:00")
    response = api.patch(f"Booking/{reference}", data={"PartySize": "6"})
    body = response.json()
    assert (body["updates"], body["status"]) == ({"party_size": 6}, "updated")
    assert body["message"] == f"Booking {reference} has been successfully updated"
    assert TIMESTAMP.match(body["updated_at"])
    assert api.get(f"Booking/{reference}").json()["party_size"] == 6
    wait_until(lambda: _ledger(availability, DAY, "12:00") == held + 4, 10, message="the ledger to follow")
    assert _events(system, reference, "booking.updated") == 1


@pytest.mark.parametrize(
    "party_size, status, detail",
    [
        ("-7", 422, "greater_than_equal"),
        ("0", 422, "greater_than_equal"),  # section 0: the reference stored them
        ("two", 422, "int_parsing"),
        ("99999999999999999999", 422, "less_than_equal"),
        ("500", 400, "Party size exceeds slot capacity"),
        ("9", 400, "Party size exceeds slot capacity"),
    ],
)
def test_patch_party_sizes_that_cannot_be(system, api, party_size, status, detail):
    reference = api.book(DAY, "19:00:00", 1)["booking_reference"]
    response = api.patch(f"Booking/{reference}", data={"PartySize": party_size})
    if status == 422:
        assert field_errors(response) == [(detail, ["body", "PartySize"], party_size)]
    else:
        assert (response.status_code, response.json()) == (status, {"detail": detail})
    assert api.get(f"Booking/{reference}").json()["party_size"] == 1


def test_patch_special_requests_and_leave_time(api):
    reference = api.book(DAY, "12:30:00", 2)["booking_reference"]
    body = api.patch(
        f"Booking/{reference}", data={"SpecialRequests": "Step-free access\nplease", "IsLeaveTimeConfirmed": "true"}
    ).json()
    assert body["updates"] == {"special_requests": "Step-free access\nplease", "is_leave_time_confirmed": True}
    read = api.get(f"Booking/{reference}").json()
    assert (read["special_requests"], read["is_leave_time_confirmed"]) == ("Step-free access\nplease", True)


def test_patch_moves_to_an_open_slot_and_gives_the_old_one_back(system, api, availability):
    reference = api.book(DAY, "13:00:00", 4)["booking_reference"]
    old, new = _ledger(availability, DAY, "13:00"), _ledger(availability, DAY, "13:30")
    body = api.patch(f"Booking/{reference}", data={"VisitTime": "13:30:00", "PartySize": 2}).json()
    assert body["updates"] == {"visit_time": "13:30:00", "party_size": 2}
    wait_until(lambda: _ledger(availability, DAY, "13:00") == old - 4, 10, message="the old place released")
    assert _ledger(availability, DAY, "13:30") == new + 2
    read = api.get(f"Booking/{reference}").json()
    assert (read["visit_date"], read["visit_time"], read["party_size"]) == (DAY, "13:30:00", 2)


def test_patch_moves_to_another_day(api):
    reference = api.book(DAY, "19:00:00", 3)["booking_reference"]
    body = api.patch(f"Booking/{reference}", data={"VisitDate": OTHER_DAY, "VisitTime": "20:00", "PartySize": 2}).json()
    assert body["updates"] == {"visit_date": OTHER_DAY, "visit_time": "20:00:00", "party_size": 2}
    assert api.get(f"Booking/{reference}").json()["visit_date"] == OTHER_DAY


@pytest.mark.parametrize(
    "form, status, detail",
    [
        ({"VisitTime": "19:45"}, 404, "New time slot not found"),
        ({"VisitTime": "19:00:30"}, 404, "New time slot not found"),
        ({"VisitDate": future_date(400)}, 404, "New time slot not found"),
        ({"VisitDate": "2020-01-01"}, 404, "New time slot not found"),  # section 0: the past is not bookable
        ({"VisitTime": "20:00", "PartySize": "9"}, 400, "Party size exceeds slot capacity"),
        ({"VisitTime": "20:30"}, 400, "That slot is no longer available"),  # closed
        ({"VisitTime": "20:00"}, 400, "That slot is no longer available"),  # full
    ],
)
def test_patch_moves_that_cannot_be(system, api, availability, form, status, detail):
    availability.ok("PATCH", f"/v1/venues/{VENUE}/slots/{DAY}/20:30", json={"is_open": False})
    if _ledger(availability, DAY, "20:00") == 0:
        availability.ok("PATCH", f"/v1/venues/{VENUE}/slots/{DAY}/20:00", json={"capacity": 2})
        api.book(DAY, "20:00:00", 2)
    reference = api.book(DAY, "19:30:00", 2)["booking_reference"]
    response = api.patch(f"Booking/{reference}", data=form)
    assert (response.status_code, response.json()) == (status, {"detail": detail})
    read = api.get(f"Booking/{reference}").json()
    assert (read["visit_date"], read["visit_time"], read["party_size"]) == (DAY, "19:30:00", 2)
    assert _events(system, reference, "booking.updated") == 0


def test_patch_of_unknown_bookings_and_restaurants(api):
    assert api.patch("Booking/ZZZZZZZ", data={"PartySize": 3}).json() == {"detail": "Booking not found"}
    response = api.call("PATCH", "Booking/ZZZZZZZ", restaurant="NoSuchPlace")
    assert (response.status_code, response.json()) == (404, {"detail": "Restaurant not found"})


def test_a_cancelled_booking_cannot_be_patched(api):
    reference = api.book(DAY, "12:30:00", 2)["booking_reference"]
    assert api.cancel(reference).status_code == 200
    for form in ({}, {"PartySize": 3}, {"SpecialRequests": "Too late"}):
        response = api.patch(f"Booking/{reference}", data=form)
        assert (response.status_code, response.json()) == (400, {"detail": "Cannot update cancelled booking"})


# --- 2.5 POST Booking/{ref}/Update (owner) -----------------------------------------------------------


def test_the_owner_updates_a_booking(system, api):
    reference = api.book(DAY, "12:30:00", 2, SpecialRequests="By the window")["booking_reference"]
    response = api.post(
        f"Booking/{reference.lower()}/Update",
        headers=OWNER,
        data={"VisitDate": DAY, "VisitTime": "13:30:00", "PartySize": 3},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body) == ["message", "booking_reference", "visit_date", "visit_time", "party_size", "special_requests"]
    assert body == {
        "message": "Booking updated successfully",
        "booking_reference": reference,
        "visit_date": DAY,
        "visit_time": "13:30:00",
        "party_size": 3,
        "special_requests": None,
    }  # left out: cleared
    (_created, updated) = event_ids(system, reference)
    by_the_key = (
        "event_id = :e AND CAST(actor AS TEXT) LIKE '%api_key%' "
        "AND CAST(actor AS TEXT) NOT LIKE '%consumerapi:%'"
    )  # the owner's key, not the adapter
    wait_until(
        lambda: count_rows(system, "notification", "audit_log", by_the_key, e=updated) == 1,
        15,
        message="audit row naming the owner's key",
    )


def test_update_errors(system, api):
    reference = api.book(DAY, "12:30:00", 2)["booking_reference"]
    form = {"VisitDate": DAY, "VisitTime": "12:30", "PartySize": 2}
    no_header = api.post(f"Booking/{reference}/Update", data=form)
    assert (no_header.status_code, no_header.json()) == (401, {"detail": "Invalid authorization header format"})
    assert field_errors(api.post(f"Booking/{reference}/Update", headers=OWNER, data={"VisitDate": DAY})) == missing(
        "VisitTime", "PartySize"
    )
    moved = api.post(f"Booking/{reference}/Update", headers=OWNER, data={**form, "VisitTime": "12:45"})
    assert (moved.status_code, moved.json()) == (404, {"detail": "New time slot not found"})
    too_many = api.post(f"Booking/{reference}/Update", headers=OWNER, data={**form, "PartySize": 12})
    assert (too_many.status_code, too_many.json()) == (400, {"detail": "Party size exceeds slot capacity"})
    unknown = api.post("Booking/ZZZZZZZ/Update", headers=OWNER, data=form)
    assert (unknown.status_code, unknown.json()) == (404, {"detail": "Booking not found"})
    assert api.cancel(reference).status_code == 200
    cancelled = api.post(f"Booking/{reference}/Update", headers=OWNER, data=form)
    assert (cancelled.status_code, cancelled.json()) == (400, {"detail": "Cannot update a cancelled booking"})


def test_update_needs_a_key_with_bookings_write(system, api):
    reference = api.book(DAY, "12:30:00", 2)["booking_reference"]
    reader = json.loads(
        system.manage(
            "gateway", "create-api-key", "--venue", DEMO_VENUE, "--name", "read-only", "--scope", BOOKINGS_READ
        )
    )["key"]
    response = api.post(
        f"Booking/{reference}/Update",
        headers={"Authorization": f"Bearer {reader}"},
        data={"VisitDate": DAY, "VisitTime": "13:00", "PartySize": 2},
    )
    assert response.status_code == 403 and isinstance(response.json()["detail"], str)
    assert api.get(f"Booking/{reference}").json()["visit_time"] == "12:30:00"


# --- 2.6 POST Booking/{ref}/Cancel ------------------------------------------------------------------


def test_cancel_without_a_token(system, api, availability):
    booking = api.book(DAY, "12:00:00", 3)
    reference = booking["booking_reference"]
    held = _ledger(availability, DAY, "12:00")
    response = api.cancel(reference, 2)
    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body) == [
        "booking_reference",
        "booking_id",
        "restaurant",
        "microsite_name",
        "cancellation_reason_id",
        "cancellation_reason",
        "status",
        "cancelled_at",
        "message",
    ]
    assert body == {
        "booking_reference": reference,
        "booking_id": booking["booking_id"],
        "restaurant": VENUE,
        "microsite_name": VENUE,
        "cancellation_reason_id": 2,
        "cancellation_reason": "Restaurant Closure",
        "status": "cancelled",
        "cancelled_at": body["cancelled_at"],
        "message": f"Booking {reference} has been successfully cancelled",
    }
    assert TIMESTAMP.match(body["cancelled_at"])
    read = api.get(f"Booking/{reference}").json()
    assert (read["status"], read["updated_at"]) == ("cancelled", body["cancelled_at"])
    assert read["cancellation_reason"] == {
        "id": 2,
        "reason": "Restaurant Closure",
        "description": "Restaurant temporarily closed",
    }
    wait_until(lambda: _ledger(availability, DAY, "12:00") == held - 3, 10, message="the place given back")
    assert _events(system, reference, "booking.cancelled") == 1

    twice = api.cancel(reference, 2)
    assert (twice.status_code, twice.json()) == (400, {"detail": "Booking is already cancelled"})
    assert _events(system, reference, "booking.cancelled") == 1


@pytest.mark.parametrize(
    "overrides, status, detail",
    [
        ({"micrositeName": "SomeOtherPlace 🦄"}, 400, "Restaurant mismatch"),  # section 0: the reference echoed it
        ({"bookingReference": "ZZZZZZZ"}, 400, "Booking reference mismatch"),
        ({"cancellationReasonId": "0"}, 400, "Invalid cancellation reason"),
        ({"cancellationReasonId": "6"}, 400, "Invalid cancellation reason"),
        ({"cancellationReasonId": "-1"}, 400, "Invalid cancellation reason"),
        ({"cancellationReasonId": "abc"}, 422, "int_parsing"),
        ({"cancellationReasonId": "99999999999999999999"}, 422, "less_than_equal"),  # section 0: the reference crashed
        ({"cancellationReasonId": ""}, 422, "missing"),
    ],
)
def test_cancels_that_cannot_be(system, api, overrides, status, detail):
    reference = api.book(DAY, "12:00:00", 1)["booking_reference"]
    response = api.cancel(reference, **overrides)
    if status == 422:
        value = overrides["cancellationReasonId"] or None
        assert field_errors(response) == [(detail, ["body", "cancellationReasonId"], value)]
    else:
        assert (response.status_code, response.json()) == (status, {"detail": detail})
    assert api.get(f"Booking/{reference}").json()["status"] == "confirmed"


def test_cancel_of_unknown_bookings_and_restaurants(api):
    unknown = api.cancel("ZZZZZZZ")
    assert (unknown.status_code, unknown.json()) == (404, {"detail": "Booking not found"})
    elsewhere = api.post(
        "Booking/ZZZZZZZ/Cancel",
        restaurant="NoSuchPlace",
        data={"micrositeName": "NoSuchPlace", "bookingReference": "ZZZZZZZ", "cancellationReasonId": 1},
    )
    assert (elsewhere.status_code, elsewhere.json()) == (404, {"detail": "Restaurant not found"})
    assert field_errors(api.post("Booking/ZZZZZZZ/Cancel")) == missing(
        "micrositeName", "bookingReference", "cancellationReasonId"
    )


def test_cancel_with_a_lower_case_reference(api):
    reference = api.book(DAY, "12:00:00", 1)["booking_reference"]
    response = api.cancel(reference.lower(), 4)
    assert response.status_code == 200 and response.json()["booking_reference"] == reference
