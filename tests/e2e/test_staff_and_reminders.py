"""Staff views of bookings (listing, lookup without e-mail, outcomes) and reminder e-mails."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import requests
from sqlalchemy import text

from tests.conftest import booking_body, count_rows, future_date
from tests.support.availability import HEADERS as STAFF
from tests.support.processes import wait_until


@pytest.fixture
def booking_api(system):
    base = system.service_urls["booking"]

    def call(method, path, staff=True, **kwargs):
        return requests.request(method, base + path, headers=STAFF if staff else {}, timeout=10, **kwargs)

    return call


def _book(gateway, day, at, email, party=2):
    response = gateway.post("/api/v1/bookings", json=booking_body(day, at, party, email=email))
    assert response.status_code == 201, response.text
    return response.json()


def _sql(system, statement: str, **params) -> list:
    engine = system.backend.engine("booking")
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return result.all() if result.returns_rows else []
    finally:
        engine.dispose()


def test_staff_list_bookings_by_filter_page_by_page(gateway, booking_api):
    made = [_book(gateway, future_date(14 + n), "12:00", "regular@example.com")["reference"] for n in range(5)]
    booking_api("POST", f"/v1/bookings/{made[0]}/cancel", json={"reason_id": 3})
    seen, cursor = [], None
    while True:
        page = booking_api("GET", "/v1/bookings", params={"email": "regular@example.com", "limit": 2,
                                                          **({"cursor": cursor} if cursor else {})}).json()
        seen += [item["reference"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == made
    cancelled = booking_api("GET", "/v1/bookings", params={"email": "regular@example.com", "status": "cancelled"})
    assert [item["reference"] for item in cancelled.json()["items"]] == [made[0]]
    assert booking_api("GET", "/v1/bookings", staff=False).status_code == 401
    assert booking_api("GET", f"/v1/bookings/{made[1]}").json()["reference"] == made[1]
    assert booking_api("GET", f"/v1/bookings/{made[1]}", staff=False).status_code == 422


def test_staff_record_outcomes_only_once_a_booking_has_started(system, gateway, booking_api):
    early = _book(gateway, future_date(15), "13:30", "outcome@example.com")
    refused = booking_api("POST", f"/v1/bookings/{early['reference']}/no-show")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "booking_not_started"
    _sql(system, "UPDATE bookings SET starts_at = :past WHERE reference = :ref",
         past=datetime.utcnow() - timedelta(hours=1), ref=early["reference"])
    done = booking_api("POST", f"/v1/bookings/{early['reference']}/complete")
    assert done.status_code == 200 and done.json()["status"] == "completed"
    late = booking_api("POST", f"/v1/bookings/{early['reference']}/cancel", json={"reason_id": 1})
    assert late.status_code == 409 and late.json()["error"]["code"] == "booking_not_modifiable"


def _instant(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _reminder_mails(system, reference: str) -> list:
    return [path for path in (system.backend.var_dir / "mail").glob("*.eml")
            if f"See you soon at The Hungry Unicorn ({reference})".encode() in path.read_bytes()]


def test_one_reminder_is_sent_when_due_none_after_cancel_and_a_move_re_times_it(system, gateway, booking_api):
    kept = _book(gateway, future_date(16), "19:00", "remind-me@example.com")
    dropped = _book(gateway, future_date(16), "19:30", "no-reminder@example.com")
    moved = _book(gateway, future_date(16), "20:00", "moving@example.com")
    booking_api("POST", f"/v1/bookings/{dropped['reference']}/cancel", json={"reason_id": 2})
    booking_api("PATCH", f"/v1/bookings/{moved['reference']}", json={"date": future_date(17)})

    due = {row.reference: (_instant(row.due_at), _instant(row.starts_at)) for row in _sql(
        system, "SELECT b.reference, r.due_at, b.starts_at FROM reminders r JOIN bookings b ON b.id = r.booking_id "
                "WHERE b.reference IN (:a, :b, :c)", a=kept["reference"], b=dropped["reference"],
        c=moved["reference"])}
    assert set(due) == {kept["reference"], moved["reference"]}
    assert all(due_at == starts_at - timedelta(days=1) for due_at, starts_at in due.values())
    assert due[moved["reference"]][1].date().isoformat() == future_date(17)

    _sql(system, "UPDATE reminders SET due_at = :past WHERE booking_id IN "
                 "(SELECT id FROM bookings WHERE reference IN (:a, :b))",
         past=datetime.utcnow() - timedelta(minutes=1), a=kept["reference"], b=dropped["reference"])
    first = booking_api("POST", "/internal/jobs/send-reminders").json()["result"]
    second = booking_api("POST", "/internal/jobs/send-reminders").json()["result"]
    assert first["sent"] >= 1 and second["sent"] == 0  # beat may have sent it first; never twice
    wait_until(lambda: _reminder_mails(system, kept["reference"]), 15, message="the reminder e-mail")
    assert len(_reminder_mails(system, kept["reference"])) == 1
    assert _reminder_mails(system, dropped["reference"]) == []
    assert count_rows(system, "booking", "outbox_events e JOIN bookings b ON b.id = e.aggregate_id",
                      "b.reference = :ref AND e.event_type = 'booking.reminder_due'", ref=kept["reference"]) == 1
