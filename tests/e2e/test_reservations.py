"""Reservations through the gateway (docs/appointments.md, "Reservations"): staff reserve equipment for
themselves or others, once or as a weekly series refused whole or booked in part with its conflicts
named; the resource's history; moves and cancels; past reservations completed by the booking
service's own job; the waitlist's offer that passes to the next when it expires and that exactly one
person can take; bad requests get an envelope and write nothing."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
import requests
from sqlalchemy import text

from tests.conftest import count_rows
from tests.support.availability import HEADERS
from tests.support.lab import at, entry_link, mail_to, make_lab, monday, venue_event_types
from tests.support.processes import wait_until

LAB = "makerlab-e2e"
MEMBER = {"first_name": "Ada", "surname": "Byron", "email": "ada.member@example.com"}


@pytest.fixture(scope="module")
def lab(system):
    return make_lab(system, LAB)


def test_staff_reserve_for_themselves_and_the_calendar_shows_it_busy(lab):
    day = monday(1)
    created = lab.reserve("Laser cutter", at(day, "10:00"), at(day, "12:00"))
    assert created.status_code == 201, created.text
    booking = created.json()
    assert (booking["kind"], booking["status"], booking["date"], booking["time"]) == (
        "reservation",
        "confirmed",
        day.isoformat(),
        "10:00",
    )
    assert booking["customer"]["email"] == lab.email
    reservation = booking["reservation"]
    assert reservation["resource"] == {"id": lab.resources["Laser cutter"], "name": "Laser cutter"}
    assert [(o["start"], o["end"]) for o in reservation["occurrences"]] == [(at(day, "10:00"), at(day, "12:00"))]
    assert (reservation["recurrence"], reservation["conflicts"]) == (None, [])
    calendar = lab.calendar("Laser cutter", day.isoformat(), day.isoformat())
    assert [(b["start"], b["end"]) for b in calendar["busy"]] == [(at(day, "10:00"), at(day, "12:15"))]
    # The same range by instants (DESIGN.md's starts_at/ends_at) is the same reservation, so it is taken.
    instants = {"starts_at": f"{day.isoformat()}T15:30:00Z", "ends_at": f"{day.isoformat()}T16:30:00Z"}
    body = {"kind": "reservation", "venue": LAB, "resource": lab.resources["Laser cutter"], **instants}
    taken = lab.gateway.post("/api/v1/bookings", json=body, headers=lab.staff)
    assert (taken.status_code, taken.json()["error"]["code"]) == (409, "resource_unavailable")


def test_a_weekly_series_is_refused_naming_both_taken_dates_or_booked_in_part(lab):
    first = monday(2)
    fifth, nineteenth = first + timedelta(weeks=4), first + timedelta(weeks=18)
    for day in (fifth, nineteenth):
        taken = lab.reserve("3D printer", at(day, "09:00"), at(day, "10:30"), staff=False, customer=MEMBER)
        assert taken.status_code == 201, taken.text
    written = lab.written()
    series = {"recurrence": "FREQ=WEEKLY;COUNT=26", "customer": {"first_name": "Grace", "email": "grace@example.com"}}
    refused = lab.reserve("3D printer", at(first, "10:00"), at(first, "12:00"), **series)
    assert refused.status_code == 409, refused.text
    error = refused.json()["error"]
    assert error["code"] == "resource_unavailable"
    assert [c["start"] for c in error["details"]["conflicts"]] == [at(fifth, "10:00"), at(nineteenth, "10:00")]
    assert lab.written() == written
    partial = lab.reserve("3D printer", at(first, "10:00"), at(first, "12:00"), mode="partial", **series)
    assert partial.status_code == 201, partial.text
    booking = partial.json()
    assert len(booking["reservation"]["occurrences"]) == 24
    assert [(c["start"], c["reason"]) for c in booking["reservation"]["conflicts"]] == [
        (at(fifth, "10:00"), "taken"),
        (at(nineteenth, "10:00"), "taken"),
    ]
    assert booking["starts_at"] == booking["reservation"]["occurrences"][0]["starts_at"]
    assert booking["ends_at"] == booking["reservation"]["occurrences"][-1]["ends_at"]
    email = wait_until(lambda: mail_to(lab.system, "grace@example.com", booking["reference"]), 20, message="e-mail")[0]
    body = email.get_body(("plain",)).get_content()
    assert "3D printer" in body and "24 times in all" in body and "Not booked:" in body
    invite = next(part for part in email.iter_attachments() if part.get_content_type() == "text/calendar")
    assert invite.get_content().count("RDATE") >= 1


def test_a_resource_s_history_and_a_person_s_are_listed_page_by_page(lab):
    day = monday(3)
    references = []
    for hour in ("09:00", "11:00", "13:00"):
        end = f"{int(hour[:2]) + 1:02d}:00"
        made = lab.reserve("Soldering station", at(day, hour), at(day, end), customer={"email": "kit@example.com"})
        assert made.status_code == 201, made.text
        references.append(made.json()["reference"])
    params = {"kind": "reservation", "resource": lab.resources["Soldering station"], "limit": 2}
    seen, cursor = [], None
    while True:
        page = lab.gateway.get(
            "/api/v1/bookings", params=params | ({"cursor": cursor} if cursor else {}), headers=lab.staff
        )
        assert page.status_code == 200, page.text
        seen += [item["reference"] for item in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if not cursor:
            break
    assert seen == references
    by_person = lab.gateway.get(
        "/api/v1/bookings", params={"kind": "reservation", "email": "kit@example.com"}, headers=lab.staff
    ).json()["items"]
    assert [item["reference"] for item in by_person] == references
    other = lab.gateway.get(
        "/api/v1/bookings", params={"kind": "slot", "resource": params["resource"]}, headers=lab.staff
    )
    assert other.json()["items"] == []


def test_a_reservation_moves_and_a_cancel_gives_every_occurrence_back(lab):
    day = monday(4)
    made = lab.reserve("CNC router", at(day, "08:00"), at(day, "09:00"), recurrence="FREQ=DAILY;COUNT=3")
    assert made.status_code == 201, made.text
    reference = made.json()["reference"]
    moved = lab.gateway.patch(f"/api/v1/bookings/{reference}", json={"start": at(day, "08:30")}, headers=lab.staff)
    assert moved.status_code == 200, moved.text
    occurrences = moved.json()["reservation"]["occurrences"]
    assert [(o["start"], o["end"]) for o in occurrences] == [
        (at(day + timedelta(days=n), "08:30"), at(day + timedelta(days=n), "09:30")) for n in range(3)
    ]
    wrong = lab.gateway.patch(f"/api/v1/bookings/{reference}", json={"party_size": 2}, headers=lab.staff)
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (422, "validation_failed")
    cancelled = lab.gateway.post(f"/api/v1/bookings/{reference}/cancel", json={"reason_id": 1}, headers=lab.staff)
    assert cancelled.json()["status"] == "cancelled"
    last = day + timedelta(days=2)
    wait_until(
        lambda: lab.calendar("CNC router", day.isoformat(), last.isoformat())["busy"] == [], 10, message="released"
    )


def test_past_reservations_are_completed_by_the_booking_service_s_own_job(lab):
    day = monday(5)
    made = lab.reserve("CNC router", at(day, "10:00"), at(day, "11:00")).json()
    engine = lab.system.backend.engine("booking")
    try:
        with engine.begin() as conn:  # test set-up: as if it had ended an hour ago
            conn.execute(
                text("UPDATE bookings SET ends_at = :ended WHERE reference = :reference"),
                {"ended": (date.today() - timedelta(days=1)).isoformat() + " 10:00:00", "reference": made["reference"]},
            )
    finally:
        engine.dispose()
    assert lab.run_job("complete-reservations")["completed"] >= 1
    found = lab.gateway.get(f"/api/v1/bookings/{made['reference']}", headers=lab.staff).json()
    assert found["status"] == "completed"
    assert lab.run_job("complete-reservations")["completed"] == 0  # once


def test_a_cancelled_reservation_is_offered_to_the_first_in_line_then_the_next_and_taken_once(lab):
    day = monday(6)
    printer = lab.resources["Laser cutter"]
    waitlist = f"/api/v1/venues/{LAB}/resources/{printer}/waitlist"
    held = lab.reserve("Laser cutter", at(day, "14:00"), at(day, "16:00"), staff=False, customer=MEMBER).json()
    # A free time is refused (reserve it), a time outside the hours too; the others wait in order.
    free = lab.gateway.post(waitlist, json={"start": at(day, "17:00"), "end": at(day, "18:00"), "customer": MEMBER})
    assert (free.status_code, free.json()["error"]["code"]) == (409, "resource_available")
    closed = lab.gateway.post(waitlist, json={"start": at(day, "22:00"), "end": at(day, "23:00"), "customer": MEMBER})
    assert (closed.status_code, closed.json()["error"]["code"]) == (422, "reservation_not_bookable")
    people = {}
    for name in ("bob", "cat"):
        customer = {"first_name": name.title(), "surname": "Waits", "email": f"{name}.waits@example.com"}
        joined = lab.gateway.post(
            waitlist, json={"start": at(day, "14:30"), "end": at(day, "15:30"), "customer": customer}
        )
        assert joined.status_code == 201, joined.text
        assert joined.json()["status"] == "waiting"
        people[name] = joined.json()["id"]
    listed = lab.gateway.get(waitlist, headers=lab.staff).json()["items"]
    assert [entry["id"] for entry in listed] == [people["bob"], people["cat"]]

    def status(name: str) -> str:
        return lab.gateway.get(f"/api/v1/waitlist/{people[name]}", headers=lab.staff).json()["status"]

    cancel = lab.gateway.post(
        f"/api/v1/bookings/{held['reference']}/cancel", params={"email": MEMBER["email"]}, json={"reason_id": 1}
    )
    assert cancel.status_code == 200
    wait_until(lambda: status("bob") == "offered", 20, message="the offer to the first in line")
    assert status("cat") == "waiting"
    bob_id, bob_token = entry_link(lab.system, "bob.waits@example.com")
    assert bob_id == people["bob"]
    seen = lab.gateway.get(f"/api/v1/waitlist/{bob_id}", params={"token": bob_token}).json()
    assert seen["status"] == "offered" and seen["offer_expires_at"]
    wrong = lab.gateway.get(f"/api/v1/waitlist/{people['cat']}", params={"token": bob_token})
    assert wrong.status_code == 404
    # Nobody else can take the time while it is offered.
    assert lab.reserve("Laser cutter", at(day, "14:30"), at(day, "15:30")).status_code == 409

    engine = lab.system.backend.engine("booking")
    try:
        with engine.begin() as conn:  # test set-up: Bob's offer ran out a minute ago
            conn.execute(
                text("UPDATE waitlist_entries SET offer_expires_at = :past WHERE id = :id"),
                {"past": "2000-01-01 00:00:00", "id": bob_id},
            )
    finally:
        engine.dispose()
    lab.run_job("process-waitlist")  # beat may have been first; either way the offer has passed on
    wait_until(lambda: status("cat") == "offered", 20, message="the offer passed to the next")
    assert status("bob") == "offer_expired"
    cat_id, cat_token = entry_link(lab.system, "cat.waits@example.com")

    # Bob (too late) and Cat, five clicks each, all at once: one booking, Cat's.
    attempts = [(bob_id, bob_token)] * 5 + [(cat_id, cat_token)] * 5
    barrier = threading.Barrier(len(attempts))
    session = requests.Session()

    def accept(attempt):
        entry_id, token = attempt
        barrier.wait()
        return session.post(
            f"{lab.gateway.base_url}/api/v1/waitlist/{entry_id}/accept", json={"token": token}, timeout=60
        )

    with session, ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        answers = list(pool.map(accept, attempts))
    bob_answers, cat_answers = answers[:5], answers[5:]
    assert {(a.status_code, a.json()["error"]["code"]) for a in bob_answers} == {(409, "offer_not_open")}
    assert sorted(a.status_code for a in cat_answers) == [200, 200, 200, 200, 201], [a.text for a in cat_answers]
    assert len({a.json()["reference"] for a in cat_answers}) == 1
    booking = cat_answers[0].json()
    assert (booking["customer"]["email"], booking["channel"]) == ("cat.waits@example.com", "waitlist")
    assert status("cat") == "booked"
    rows = count_rows(
        lab.system,
        "booking",
        "bookings",
        "resource_id = :rid AND status = 'confirmed' AND local_date = :day",
        rid=printer,
        day=day.isoformat(),
    )
    assert rows == 1
    busy = lab.calendar("Laser cutter", day.isoformat(), day.isoformat())["busy"]
    assert [(b["start"], b["end"]) for b in busy] == [(at(day, "14:30"), at(day, "15:45"))]
    ledger = requests.post(
        f"{lab.system.service_urls['availability']}/internal/jobs/check-ledger", headers=HEADERS, timeout=30
    )
    assert ledger.json()["result"] == {"slots": [], "resources": [], "class_sessions": []}


BAD = {
    "end before start": ({"end": "T09:00"}, 422, "validation_failed"),
    "end at start": ({"end": "T10:00"}, 422, "validation_failed"),
    "shorter than the minimum": ({"end": "T10:15"}, 422, "reservation_not_bookable"),
    "longer than the maximum": ({"end": "T15:00"}, 422, "reservation_not_bookable"),
    "outside business hours": ({"start": "T06:00", "end": "T07:00"}, 422, "reservation_not_bookable"),
    "unknown resource": ({"resource": 2**31 - 1}, 404, "resource_not_found"),
    "a series over 366 occurrences": ({"recurrence": "FREQ=DAILY;COUNT=400"}, 422, "series_too_long"),
    "a series without an end": ({"recurrence": "FREQ=DAILY"}, 422, "reservation_not_bookable"),
    "a table's field": ({"party_size": 2}, 422, "validation_failed"),
    "no resource": ({"resource": None}, 422, "validation_failed"),
    "start and starts_at both": ({"starts_at": "2027-01-01T10:00:00Z"}, 422, "validation_failed"),
    "an anonymous caller without a customer": ({"anonymous": True}, 422, "validation_failed"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_reservations_get_an_envelope_and_write_nothing(lab, case):
    change, status, code = BAD[case]
    day = monday(7)
    body = {
        "kind": "reservation",
        "venue": LAB,
        "resource": lab.resources["Laser cutter"],
        "start": at(day, "10:00"),
        "end": at(day, "12:00"),
    }
    for name, value in change.items():
        if name in ("start", "end"):
            body[name] = f"{day.isoformat()}{value}"
        elif name == "resource" and value is None:
            del body["resource"]
        elif name != "anonymous":
            body[name] = value
    written = lab.written()
    headers = {} if change.get("anonymous") else lab.staff
    answer = lab.gateway.post("/api/v1/bookings", json=body, headers=headers)
    assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), answer.text
    assert set(answer.json()) == {"error", "request_id"}
    assert lab.written() == written


def test_every_reservation_and_waitlist_event_is_of_the_producers_schema(lab):
    seen = venue_event_types(lab.system, LAB)
    assert {"booking.created", "booking.updated", "booking.cancelled", "booking.completed"} <= seen
    assert {"waitlist.joined", "waitlist.offered", "waitlist.offer_expired", "waitlist.booked"} <= seen
