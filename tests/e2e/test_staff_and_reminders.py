"""Staff views of bookings (listing, lookup without e-mail, outcomes) and reminder e-mails."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
import requests
from sqlalchemy import text

from tests.conftest import booking_body, count_rows, future_date, start_slot_now
from tests.support.availability import HEADERS as STAFF
from tests.support.availability import AvailabilityApi
from tests.support.processes import wait_until
from tests.support.tenants import STAFF_PASSWORD


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
        page = booking_api(
            "GET",
            "/v1/bookings",
            params={"email": "regular@example.com", "limit": 2, **({"cursor": cursor} if cursor else {})},
        ).json()
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
    _sql(
        system,
        "UPDATE bookings SET starts_at = :past WHERE reference = :ref",
        past=datetime.utcnow() - timedelta(hours=1),
        ref=early["reference"],
    )
    done = booking_api("POST", f"/v1/bookings/{early['reference']}/complete")
    assert done.status_code == 200 and done.json()["status"] == "completed"
    late = booking_api("POST", f"/v1/bookings/{early['reference']}/cancel", json={"reason_id": 1})
    assert late.status_code == 409 and late.json()["error"]["code"] == "booking_not_modifiable"


def _instant(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _reminder_mails(system, reference: str) -> list:
    return [
        path
        for path in (system.backend.var_dir / "mail").glob("*.eml")
        if f"See you soon at The Hungry Unicorn ({reference})".encode() in path.read_bytes()
    ]


def test_one_reminder_is_sent_when_due_none_after_cancel_and_a_move_re_times_it(system, gateway, booking_api):
    kept = _book(gateway, future_date(16), "19:00", "remind-me@example.com")
    dropped = _book(gateway, future_date(16), "19:30", "no-reminder@example.com")
    moved = _book(gateway, future_date(16), "20:00", "moving@example.com")
    booking_api("POST", f"/v1/bookings/{dropped['reference']}/cancel", json={"reason_id": 2})
    moved_to = future_date(17)  # once: a run across midnight must not compare two different days
    booking_api("PATCH", f"/v1/bookings/{moved['reference']}", json={"date": moved_to})

    due = {
        row.reference: (_instant(row.due_at), _instant(row.starts_at))
        for row in _sql(
            system,
            "SELECT b.reference, r.due_at, b.starts_at FROM reminders r JOIN bookings b ON b.id = r.booking_id "
            "WHERE b.reference IN (:a, :b, :c)",
            a=kept["reference"],
            b=dropped["reference"],
            c=moved["reference"],
        )
    }
    assert set(due) == {kept["reference"], moved["reference"]}
    assert all(due_at == starts_at - timedelta(days=1) for due_at, starts_at in due.values())
    assert due[moved["reference"]][1].date().isoformat() == moved_to

    _sql(
        system,
        "UPDATE reminders SET due_at = :past WHERE booking_id IN (SELECT id FROM bookings WHERE reference IN (:a, :b))",
        past=datetime.utcnow() - timedelta(minutes=1),
        a=kept["reference"],
        b=dropped["reference"],
    )
    first = booking_api("POST", "/internal/jobs/send-reminders").json()["result"]
    second = booking_api("POST", "/internal/jobs/send-reminders").json()["result"]
    assert first["sent"] >= 1 and second["sent"] == 0  # beat may have sent it first; never twice
    wait_until(lambda: _reminder_mails(system, kept["reference"]), 15, message="the reminder e-mail")
    assert len(_reminder_mails(system, kept["reference"])) == 1
    assert _reminder_mails(system, dropped["reference"]) == []
    assert (
        count_rows(
            system,
            "booking",
            "outbox_events e JOIN bookings b ON b.id = e.aggregate_id",
            "b.reference = :ref AND e.event_type = 'booking.reminder_due'",
            ref=kept["reference"],
        )
        == 1
    )


def test_staff_search_bookings_by_reference_name_or_email(gateway, booking_api):
    run = uuid.uuid4().hex[:6]
    made = {}
    for first, surname in (("Zebedee", f"Quux{run}"), ("Ermintrude", f"Quux{run}")):
        body = booking_body(future_date(15), "12:00", 2, email=f"{first.lower()}.{run}@example.com")
        body["customer"] = {**body["customer"], "first_name": first, "surname": surname}
        made[first] = _book_body(gateway, body)["reference"]

    def found(text: str) -> set[str]:
        response = booking_api("GET", "/v1/bookings", params={"q": text, "limit": 200})
        assert response.status_code == 200, response.text
        return {item["reference"] for item in response.json()["items"]}

    assert found(f"quux{run}") == set(made.values())  # any case, part of a word
    assert found(f"zebedee QUUX{run}") == {made["Zebedee"]}  # every word must match
    assert found(f"ermintrude.{run}@") == {made["Ermintrude"]}
    assert found(made["Zebedee"].lower()) == {made["Zebedee"]}
    assert found(f"%{run}") == set() and found(f"_uux{run}") == set()  # wildcards are plain characters
    assert booking_api("GET", "/v1/bookings", params={"q": "a b c d e f"}).status_code == 422


def _book_body(gateway, body: dict) -> dict:
    response = gateway.post("/api/v1/bookings", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_staff_book_a_walk_in_into_the_slot_that_has_started_and_the_audit_names_them(system, gateway):
    """Customers book ahead of the minimum notice; staff book the guest in front of them into the
    slot under way. The audit trail says which member of staff did."""
    slug = f"walkin-{uuid.uuid4().hex[:8]}"
    venue_api = AvailabilityApi(system.service_urls["availability"])
    venue_api.create_venue(slug, timezone="UTC", min_notice_minutes=60)
    venue_api.open_every_day(slug, "00:00", "23:00", 60, capacity=4, duration=90)
    under_way = venue_api.slots(slug, future_date(1))[0]
    start_slot_now(system, slug, under_way["date"], under_way["time"])
    body = {**booking_body(under_way["date"], under_way["time"], 2, email="walk-in@example.com"), "venue": slug}

    refused = gateway.post("/api/v1/bookings", json=body)
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "slot_not_bookable"
    email = f"host-{uuid.uuid4().hex[:6]}@example.com"
    system.manage(
        "gateway",
        "create-staff",
        "--email",
        email,
        "--venue",
        slug,
        "--role",
        "staff",
        TESSERA_STAFF_PASSWORD=STAFF_PASSWORD,
    )
    token = gateway.post("/api/v1/auth/login", json={"email": email, "password": STAFF_PASSWORD}).json()["access_token"]
    staff = {"Authorization": f"Bearer {token}"}
    walk_in = gateway.post(
        "/api/v1/bookings", headers=staff, json={**body, "channel": "walk_in", "customer": {"first_name": "Walk-in"}}
    )
    assert walk_in.status_code == 201, walk_in.text
    reference = walk_in.json()["reference"]

    def audited():
        items = gateway.get("/api/v1/audit", params={"venue": slug, "entity_id": reference}, headers=staff).json()
        return items["items"] or None

    (entry,) = wait_until(audited, 20, message="the walk-in's audit row")
    assert entry["actor"]["type"] == "staff" and entry["actor"]["name"] == email
