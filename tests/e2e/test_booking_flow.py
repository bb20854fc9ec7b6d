"""The walking skeleton through the gateway: search, book, e-mail and audit row, replay."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default as default_policy

from tests.conftest import VENUE, booking_body, count_rows, future_date
from tests.support.processes import wait_until


def _emails_for(system, reference: str):
    mail_dir = system.backend.var_dir / "mail"
    found = []
    for path in mail_dir.glob("*.eml") if mail_dir.exists() else []:
        message = message_from_bytes(path.read_bytes(), policy=default_policy)
        if reference in message["Subject"]:
            found.append(message)
    return found


def test_search_then_book_sends_confirmation_and_writes_audit_row(system, gateway):
    day = future_date(4)
    search = gateway.get(f"/api/v1/venues/{VENUE}/availability", params={"date": day, "party_size": 2})
    assert search.status_code == 200
    slots = {slot["time"]: slot for slot in search.json()["slots"]}
    assert slots["19:00"]["bookable"] is True
    before = slots["19:00"]["remaining"]

    response = gateway.post(
        "/api/v1/bookings",
        json=booking_body(day, "19:00", 2, email="flow@example.com"),
        headers={"X-Request-ID": "e2e-flow-request"},
    )
    assert response.status_code == 201, response.text
    booking = response.json()
    assert booking["status"] == "confirmed"
    assert (booking["venue"], booking["date"], booking["time"], booking["party_size"]) == (VENUE, day, "19:00", 2)
    assert len(booking["reference"]) == 7
    assert response.headers["X-Request-ID"] == "e2e-flow-request"

    emails = wait_until(lambda: _emails_for(system, booking["reference"]), 15, message="confirmation .eml")
    assert len(emails) == 1
    assert emails[0]["To"] == "flow@example.com"
    assert booking["reference"] in emails[0].get_body(("plain",)).get_content()

    wait_until(
        lambda: (
            count_rows(
                system,
                "notification",
                "audit_log",
                "request_id = :rid AND action = :action",
                rid="e2e-flow-request",
                action="booking.created",
            )
            == 1
        ),
        15,
        message="audit row",
    )

    def remaining_at_seven():
        slots = gateway.get(f"/api/v1/venues/{VENUE}/availability", params={"date": day, "party_size": 2})
        return {s["time"]: s["remaining"] for s in slots.json()["slots"]}["19:00"]

    wait_until(lambda: remaining_at_seven() == before - 2, 10, message="search to reflect the booking")


def test_customer_reads_own_booking_and_nobody_else_can(gateway):
    day = future_date(5)
    created = gateway.post("/api/v1/bookings", json=booking_body(day, "12:30", 3, email="reader@example.com")).json()
    reference = created["reference"]

    mine = gateway.get(f"/api/v1/bookings/{reference.lower()}", params={"email": "Reader@Example.com"})
    assert mine.status_code == 200
    assert mine.json()["reference"] == reference

    wrong_email = gateway.get(f"/api/v1/bookings/{reference}", params={"email": "someone@example.com"})
    unknown = gateway.get("/api/v1/bookings/ZZZZZZZ", params={"email": "reader@example.com"})
    assert wrong_email.status_code == unknown.status_code == 404
    assert wrong_email.json()["error"] == unknown.json()["error"]


def test_idempotent_create_replays_first_response_byte_for_byte(system, gateway):
    day = future_date(6)
    body = booking_body(day, "13:00", 2, email="idem@example.com")
    headers = {"Idempotency-Key": "e2e-idem-1"}
    first = gateway.post("/api/v1/bookings", json=body, headers=headers)
    second = gateway.post("/api/v1/bookings", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.content == second.content
    assert count_rows(system, "booking", "bookings", "reference = :ref", ref=first.json()["reference"]) == 1

    reused = gateway.post("/api/v1/bookings", json={**body, "party_size": 3}, headers=headers)
    assert reused.status_code == 422
    assert reused.json()["error"]["code"] == "idempotency_key_reused"
