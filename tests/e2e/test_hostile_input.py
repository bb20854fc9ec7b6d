"""The security review of issue 14, replayed through the gateway: every request it found gets its
documented 4xx and changes nothing stored (the business tables of every service compared before
and after), customers' details stay theirs, and each smaller finding has its test."""

from __future__ import annotations

import json
import re
import uuid

import pytest
import requests
from sqlalchemy import text

from gateway.manage import CONSUMERAPI_DEMO_TOKEN
from shared.identity import BOOKINGS_READ, BOOKINGS_WRITE, CUSTOMERS_WRITE
from shared.json_body import MAX_DEPTH
from tests.conftest import VENUE, Gateway, booking_body, future_date
from tests.support.consumerapi import ConsumerApi
from tests.support.processes import wait_until
from tests.support.raw_http import raw_request
from tests.support.tenants import api_key, staff_token, venue_with_a_booking

DAY = future_date(14)  # a day no other module books
SURROGATE = "\ud800"
DEEP = "[" * 990 + "]" * 990  # about 2 KB; Python's parser gives up near 1,000 levels
HUGE_INTEGER = "9" * 5000  # beyond CPython's 4,300-digit conversion limit
# What no refused request may change (rows that background jobs touch, such as the outbox's
# published_at or a hold's status, are left out).
WATCHED_TABLES = {
    "booking": ("customers", "bookings", "idempotency_keys"),
    "availability": ("venues", "closures", "resources", "opening_rules"),
    "gateway": ("staff_users", "api_keys"),
}


def stored_rows(system) -> dict:
    rows = {}
    for service, tables in WATCHED_TABLES.items():
        engine = system.backend.engine(service)
        try:
            with engine.connect() as conn:
                for table in tables:
                    rows[table] = sorted(
                        repr(tuple(bytes(value) if isinstance(value, memoryview) else value for value in row))
                        for row in conn.execute(text(f"SELECT * FROM {table}"))
                    )
        finally:
            engine.dispose()
    return rows


def stored_customer(system, email: str) -> dict:
    engine = system.backend.engine("booking")
    try:
        with engine.connect() as conn:
            return dict(
                conn.execute(
                    text(
                        "SELECT title, first_name, surname, mobile, marketing_email, marketing_sms, "
                        "venue_marketing_email, venue_marketing_sms FROM customers "
                        "WHERE venue = :venue AND email = :email"
                    ),
                    {"venue": VENUE, "email": email.lower()},
                )
                .mappings()
                .one()
            )
    finally:
        engine.dispose()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def assert_envelope(response: requests.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code and body["error"]["message"]
    assert body["request_id"] == response.headers["X-Request-ID"]
    assert "Traceback" not in response.text
    return body["error"]


@pytest.fixture(scope="module")
def manager(system) -> dict:
    return bearer(staff_token(system, VENUE, "manager"))


@pytest.fixture(scope="module")
def victim(system) -> dict:
    """Fay, a customer the venue knows, and her booking."""
    email = f"fay.{uuid.uuid4().hex[:8]}@example.com"
    body = booking_body(DAY, "12:00", 2, email=email)
    body["customer"] = {
        "first_name": "Fay",
        "surname": "Victim",
        "email": email,
        "mobile": "+447700900111",
        "marketing_email": False,
        "venue_marketing_sms": False,
    }
    created = Gateway(system.gateway_url).post("/api/v1/bookings", json=body)
    assert created.status_code == 201, created.text
    return {"email": email, "reference": created.json()["reference"], "booking": created.json()}


# --- customers' details belong to them -------------------------------------------------------


def test_an_anonymous_booking_with_a_known_email_changes_nothing_stored_about_that_customer(
    system, gateway, victim, manager
):
    before = stored_customer(system, victim["email"])
    sent = {
        "first_name": "Not",
        "surname": "Fay",
        "email": victim["email"].upper(),
        "mobile": "+447700900999",
        "marketing_email": True,
        "venue_marketing_sms": True,
    }
    attack = gateway.post("/api/v1/bookings", json={**booking_body(DAY, "12:30", 2), "customer": sent})

    assert attack.status_code == 201, attack.text
    shown = attack.json()["customer"]
    assert {name: shown[name] for name in sent} == sent  # only what the request sent...
    assert shown["title"] is None and shown["phone"] is None and shown["marketing_sms"] is False  # ...nothing stored
    assert shown["id"] == victim["booking"]["customer"]["id"]  # the same customer's history
    assert (
        stored_customer(system, victim["email"])
        == before
        == {
            "title": None,
            "first_name": "Fay",
            "surname": "Victim",
            "mobile": "+447700900111",
            "marketing_email": False,
            "marketing_sms": False,
            "venue_marketing_email": False,
            "venue_marketing_sms": False,
        }
    )
    mine = gateway.get(f"/api/v1/bookings/{victim['reference']}", params={"email": victim["email"]}).json()
    assert (mine["customer"]["first_name"], mine["customer"]["mobile"]) == ("Fay", "+447700900111")
    # Staff see who actually booked each one.
    listed = gateway.get(
        "/api/v1/bookings", params={"venue": VENUE, "email": victim["email"], "from": DAY, "to": DAY}, headers=manager
    ).json()["items"]
    names = {item["reference"]: item["customer"]["first_name"] for item in listed}
    assert names == {victim["reference"]: "Fay", attack.json()["reference"]: "Not"}


@pytest.mark.parametrize(
    "who, changes_stored", [("key without customers:write", False), ("key with customers:write", True), ("staff", True)]
)
def test_only_staff_and_keys_with_customers_write_update_a_returning_customer(
    system, gateway, manager, who, changes_stored
):
    email = f"returning.{uuid.uuid4().hex[:8]}@example.com"
    first = gateway.post("/api/v1/bookings", json=booking_body(DAY, "13:00", 1, email=email))
    assert first.status_code == 201, first.text
    credential = {
        "key without customers:write": lambda: bearer(api_key(system, VENUE, BOOKINGS_WRITE)["key"]),
        "key with customers:write": lambda: bearer(api_key(system, VENUE, BOOKINGS_WRITE, CUSTOMERS_WRITE)["key"]),
        "staff": lambda: manager,
    }[who]()
    again = gateway.post(
        "/api/v1/bookings",
        headers=credential,
        json={**booking_body(DAY, "13:30", 1), "customer": {"email": email, "mobile": "+447700900222"}},
    )
    assert again.status_code == 201, again.text

    stored = stored_customer(system, email)
    assert stored["mobile"] == ("+447700900222" if changes_stored else "+447700900000")
    assert stored["first_name"] == "Grace"  # a field left out is never cleared
    shown = again.json()["customer"]
    if changes_stored:  # the booking keeps the customer as they now are
        assert (shown["first_name"], shown["mobile"]) == ("Grace", "+447700900222")
    else:  # only what was sent
        assert (shown["first_name"], shown["mobile"]) == (None, "+447700900222")


def test_a_consumerapi_booking_with_only_an_email_shows_nothing_it_did_not_send(system, gateway):
    email = f"dave.private.{uuid.uuid4().hex[:8]}@example.com"
    dave = {
        **booking_body(DAY, "19:00", 2),
        "customer": {"first_name": "Dave", "surname": "Private", "email": email, "mobile": "+447700900333"},
    }
    assert gateway.post("/api/v1/bookings", json=dave).status_code == 201
    api = ConsumerApi(system.gateway_url)
    form = {
        "VisitDate": DAY,
        "VisitTime": "19:30:00",
        "PartySize": 2,
        "ChannelCode": "ONLINE",
        "Customer[Email]": email,
    }
    answer = api.post("BookingWithStripeToken", data=form)
    assert answer.status_code == 200, answer.text
    customer = answer.json()["customer"]
    assert (customer["first_name"], customer["surname"], customer["mobile"], customer["email"]) == (
        None,
        None,
        None,
        email,
    )
    read = api.get(f"Booking/{answer.json()['booking_reference']}").json()["customer"]
    assert (read["first_name"], read["mobile"], read["phone"]) == (None, None, None)
    assert stored_customer(system, email)["mobile"] == "+447700900333"


# --- no input makes a 500 ----------------------------------------------------------------------


def _with_customer(**fields) -> dict:
    body = booking_body(DAY, "20:00", 2, email=f"hostile.{uuid.uuid4().hex[:6]}@example.com")
    body["customer"] = {**body["customer"], **fields}
    return body


SURROGATE_CASES = {
    "booking first name": (
        "POST",
        "/api/v1/bookings",
        lambda v: _with_customer(first_name=SURROGATE),
        ("customer", "first_name"),
    ),
    "booking surname": (
        "POST",
        "/api/v1/bookings",
        lambda v: _with_customer(surname="Hop" + SURROGATE),
        ("customer", "surname"),
    ),
    "booking title": ("POST", "/api/v1/bookings", lambda v: _with_customer(title=SURROGATE), ("customer", "title")),
    "special requests": (
        "POST",
        "/api/v1/bookings",
        lambda v: {**_with_customer(), "special_requests": "window " + SURROGATE},
        ("special_requests",),
    ),
    "room number": (
        "POST",
        "/api/v1/bookings",
        lambda v: {**_with_customer(), "room_number": SURROGATE},
        ("room_number",),
    ),
    "a key": (
        "POST",
        "/api/v1/bookings",
        lambda v: {**_with_customer(), SURROGATE: 1},
        (SURROGATE.encode("utf-8", "backslashreplace").decode(),),
    ),
    "booking change": ("PATCH", "{booking}", lambda v: {"special_requests": SURROGATE}, ("special_requests",)),
    "venue name": ("PATCH", f"/api/v1/venues/{VENUE}", lambda v: {"name": SURROGATE}, ("name",)),
    "closure note": (
        "POST",
        f"/api/v1/venues/{VENUE}/closures",
        lambda v: {"date": future_date(20), "note": SURROGATE},
        ("note",),
    ),
    "resource name": (
        "POST",
        f"/api/v1/venues/{VENUE}/resources",
        lambda v: {"name": SURROGATE, "kind": "equipment"},
        ("name",),
    ),
}


def _target(path: str, victim: dict) -> tuple[str, dict]:
    if path == "{booking}":
        return f"/api/v1/bookings/{victim['reference']}", {"email": victim["email"]}
    return path, {}


@pytest.mark.parametrize("case", list(SURROGATE_CASES))
def test_a_lone_surrogate_in_any_text_is_a_422_naming_the_field(system, gateway, victim, manager, case):
    method, path, body, field = SURROGATE_CASES[case]
    path, params = _target(path, victim)
    headers = {"Content-Type": "application/json", **(manager if path.startswith("/api/v1/venues") else {})}
    before = stored_rows(system)
    # ensure_ascii writes a lone surrogate as the `\ud800` escape, the only way JSON can carry one.
    response = gateway.session.request(
        method,
        gateway.base_url + path,
        params=params,
        headers=headers,
        data=json.dumps(body(victim), ensure_ascii=True),
        timeout=10,
    )
    details = assert_envelope(response, 422, "validation_failed")["details"]
    for part in field:
        details = details[part]
    assert "surrogate" in details[0] or "field name" in details[0]
    assert stored_rows(system) == before


DEEP_AND_HUGE_CASES = {
    "deep login": ("POST", "/api/v1/auth/login", DEEP, 400, "json_too_deep"),
    "deep booking": ("POST", "/api/v1/bookings", DEEP, 400, "json_too_deep"),
    "deep in a field": ("POST", "/api/v1/bookings", '{"venue": ' + DEEP + "}", 400, "json_too_deep"),
    "deep booking change": ("PATCH", "{booking}", DEEP, 400, "json_too_deep"),
    "huge party": (
        "POST",
        "/api/v1/bookings",
        f'{{"venue": "{VENUE}", "party_size": {HUGE_INTEGER}}}',
        422,
        "validation_failed",
    ),
    "huge party change": ("PATCH", "{booking}", f'{{"party_size": {HUGE_INTEGER}}}', 422, "validation_failed"),
    "huge venue rule": (
        "PATCH",
        f"/api/v1/venues/{VENUE}",
        f'{{"max_party_size": -{HUGE_INTEGER}}}',
        422,
        "validation_failed",
    ),
    "not a number": (
        "POST",
        "/api/v1/bookings",
        f'{{"venue": "{VENUE}", "party_size": NaN}}',
        400,
        "malformed_json",
    ),
}


@pytest.mark.parametrize("case", list(DEEP_AND_HUGE_CASES))
def test_deep_nesting_and_huge_numbers_are_client_errors(system, gateway, victim, manager, case):
    method, path, raw, status, code = DEEP_AND_HUGE_CASES[case]
    path, params = _target(path, victim)
    headers = {"Content-Type": "application/json", **(manager if path.startswith("/api/v1/venues") else {})}
    before = stored_rows(system)
    response = gateway.session.request(
        method, gateway.base_url + path, params=params, data=raw.encode(), headers=headers, timeout=10
    )
    error = assert_envelope(response, status, code)
    if code == "json_too_deep":
        assert error["details"] == {"max_depth": MAX_DEPTH}
    if case.startswith("huge"):
        (field,) = error["details"]
        assert field in ("party_size", "max_party_size") and "between" in error["details"][field][0]
    assert stored_rows(system) == before


def test_the_services_cap_bodies_themselves(system):
    """Behind the gateway too: a body over SERVICE_MAX_BODY_BYTES is a 413, not read."""
    response = requests.post(
        f"{system.service_urls['booking']}/v1/bookings",
        data=b"x" * (300 * 1024),
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert_envelope(response, 413, "payload_too_large")


# --- the smaller findings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "//api/v1/venues",
        "/api/v1//venues",
        f"/api/v1/venues/{VENUE}//availability",
        "/api/v1/venues/",
        "/api/v1/bookings//x",
        "/readyz/",
    ],
)
def test_no_path_is_answered_with_a_redirect_built_from_the_host_header(system, target):
    status, headers, body = raw_request(system.gateway_url, "GET", target, headers={"Host": "evil.example"})
    assert status < 300 or status == 404, status
    assert "location" not in headers
    assert headers["content-type"] == "application/json"
    if status == 404:
        assert b'"not_found"' in body


def test_api_answers_are_not_stored_by_caches_and_vary_by_origin(gateway, victim):
    origin = "http://localhost:5173"
    response = gateway.get(
        f"/api/v1/bookings/{victim['reference']}", params={"email": victim["email"]}, headers={"Origin": origin}
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert "Origin" in [value.strip() for value in response.headers["Vary"].split(",")]
    refused = gateway.get("/api/v1/bookings/NOSUCH1", params={"email": "x@example.com"}, headers={"Origin": origin})
    assert refused.headers["Cache-Control"] == "no-store" and "Origin" in refused.headers["Vary"]


def test_a_request_id_outside_the_safe_alphabet_is_replaced_and_never_stored(system, gateway, manager):
    hostile = "<script>alert(1)</script>"
    created = gateway.post(
        "/api/v1/bookings",
        json=booking_body(DAY, "20:30", 1, email="rid@example.com"),
        headers={"X-Request-ID": hostile},
    )
    assert created.status_code == 201, created.text
    given = created.headers["X-Request-ID"]
    assert given != hostile and re.fullmatch(r"[0-9a-f]{32}", given)
    reference = created.json()["reference"]

    def audited():
        rows = gateway.get("/api/v1/audit", params={"venue": VENUE, "entity_id": reference}, headers=manager).json()[
            "items"
        ]
        return rows or None

    rows = wait_until(audited, timeout=20, message="the booking's audit row")
    assert [row["request_id"] for row in rows] == [given]
    assert "replaced" in system.log("gateway") and "<script>" not in system.log("gateway")
    kept = gateway.get(f"/api/v1/venues/{VENUE}", headers={"X-Request-ID": "trace-01.a_b"})
    assert kept.headers["X-Request-ID"] == "trace-01.a_b"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"time": "19:00:00.5"}, "time"),
        ({"time": "19:00:30"}, "time"),
        ({"time": "7pm"}, "time"),
        ({"is_leave_time_confirmed": "yes"}, "is_leave_time_confirmed"),
        ({"is_leave_time_confirmed": 1}, "is_leave_time_confirmed"),
        ({"date": "20261220"}, "date"),
        ({"date": "9999-12-31"}, "date"),
    ],
)
def test_times_booleans_and_dates_are_read_strictly(system, gateway, change, field):
    before = stored_rows(system)
    response = gateway.post("/api/v1/bookings", json={**booking_body(DAY, "19:00", 2), **change})
    assert field in assert_envelope(response, 422, "validation_failed")["details"]
    consent = gateway.post("/api/v1/bookings", json=_with_customer(marketing_email="yes"))
    assert "marketing_email" in assert_envelope(consent, 422, "validation_failed")["details"]["customer"]
    assert stored_rows(system) == before


def test_a_closure_far_in_the_future_is_refused(system, gateway, manager):
    before = stored_rows(system)
    response = gateway.post(f"/api/v1/venues/{VENUE}/closures", json={"date": "9999-12-31"}, headers=manager)
    assert "date" in assert_envelope(response, 422, "validation_failed")["details"]
    assert stored_rows(system) == before


@pytest.mark.parametrize(
    "path, form",
    [
        ("AvailabilitySearch", {"VisitDate": "0", "PartySize": 2, "ChannelCode": "ONLINE"}),
        (
            "BookingWithStripeToken",
            {"VisitDate": "0", "VisitTime": "19:00:00", "PartySize": 2, "ChannelCode": "ONLINE"},
        ),
        ("AvailabilitySearch", {"VisitDate": "86400", "PartySize": 2, "ChannelCode": "ONLINE"}),
    ],
)
def test_consumerapi_dates_are_dates_not_seconds_since_1970(system, path, form):
    before = stored_rows(system)
    response = ConsumerApi(system.gateway_url).post(path, data=form)
    assert response.status_code == 422, response.text
    (entry,) = response.json()["detail"]
    assert (entry["type"], entry["loc"]) == ("date_from_datetime_inexact", ["body", "VisitDate"])
    assert stored_rows(system) == before


def test_idempotency_keys_are_scoped_per_caller(system, gateway, manager):
    key = "order-1"  # a key two unrelated clients could both choose
    first = gateway.post(
        "/api/v1/bookings",
        headers={"Idempotency-Key": key},
        json=booking_body(DAY, "12:00", 1, email=f"a.{uuid.uuid4().hex[:6]}@example.com"),
    )
    other = gateway.post(
        "/api/v1/bookings",
        headers={"Idempotency-Key": key},
        json=booking_body(DAY, "12:30", 1, email=f"b.{uuid.uuid4().hex[:6]}@example.com"),
    )
    assert (first.status_code, other.status_code) == (201, 201), other.text
    assert first.json()["reference"] != other.json()["reference"]
    # The same client (same e-mail) with the same key and another body is still a reuse.
    reused = gateway.post(
        "/api/v1/bookings",
        headers={"Idempotency-Key": key},
        json={**booking_body(DAY, "13:00", 1, email=first.json()["customer"]["email"])},
    )
    assert_envelope(reused, 422, "idempotency_key_reused")
    # A staff member and an API key have namespaces of their own.
    staff = gateway.post(
        "/api/v1/bookings",
        headers={"Idempotency-Key": key, **manager},
        json=booking_body(DAY, "13:30", 1, email="staff-booked@example.com"),
    )
    keyed = gateway.post(
        "/api/v1/bookings",
        headers={"Idempotency-Key": key, **bearer(api_key(system, VENUE, BOOKINGS_WRITE)["key"])},
        json=booking_body(DAY, "19:00", 1, email="key-booked@example.com"),
    )
    assert (staff.status_code, keyed.status_code) == (201, 201), keyed.text
    # ConsumerApi clients too: each is known by the e-mail it books with.
    api = ConsumerApi(system.gateway_url)
    answers = [
        api.post(
            "BookingWithStripeToken",
            headers={"Idempotency-Key": key},
            data={
                "VisitDate": DAY,
                "VisitTime": at,
                "PartySize": 1,
                "ChannelCode": "ONLINE",
                "Customer[Email]": f"{who}.{uuid.uuid4().hex[:6]}@example.com",
            },
        )
        for who, at in (("c", "19:30:00"), ("d", "20:00:00"))
    ]
    assert [answer.status_code for answer in answers] == [200, 200], answers[1].text


# --- looking bookings up by reference alone ------------------------------------------------------


@pytest.fixture(scope="module")
def private_venue(system):
    """A new venue (so `consumerapi_public_lookup` is off) with a booking made through the ConsumerApi."""
    venue = venue_with_a_booking(system, "private", DAY)
    booked = ConsumerApi(system.gateway_url, venue.slug).book(DAY, "10:00:00", 2, email="p@example.com")
    return {
        "slug": venue.slug,
        "reference": booked["booking_reference"],
        "read": bearer(api_key(system, venue.slug, BOOKINGS_READ)["key"]),
        "write": bearer(api_key(system, venue.slug, BOOKINGS_READ, BOOKINGS_WRITE)["key"]),
    }


def test_a_venue_without_public_lookup_needs_its_key_on_the_customer_routes(system, gateway, private_venue, manager):
    api = ConsumerApi(system.gateway_url, private_venue["slug"])
    reference = private_venue["reference"]
    assert gateway.get(f"/api/v1/venues/{private_venue['slug']}").json()["consumerapi_public_lookup"] is False
    before = stored_rows(system)
    for method, path, form in (
        ("GET", f"Booking/{reference}", None),
        ("PATCH", f"Booking/{reference}", {"PartySize": 3}),
        (
            "POST",
            f"Booking/{reference}/Cancel",
            {"micrositeName": private_venue["slug"], "bookingReference": reference, "cancellationReasonId": 1},
        ),
    ):
        anonymous = api.call(method, path, data=form)
        assert (anonymous.status_code, anonymous.json()) == (401, {"detail": "Invalid authorization header format"})
        demo_key = api.call(method, path, data=form, headers=bearer(CONSUMERAPI_DEMO_TOKEN))  # another venue's
        assert (demo_key.status_code, demo_key.json()) == (401, {"detail": "Invalid or expired token"})
        if method != "GET":
            assert api.call(method, path, data=form, headers=private_venue["read"]).status_code == 403
    assert stored_rows(system) == before
    read = api.get(f"Booking/{reference}", headers=private_venue["read"])
    assert read.status_code == 200 and read.json()["booking_reference"] == reference
    changed = api.patch(f"Booking/{reference}", data={"PartySize": 3}, headers=private_venue["write"])
    assert changed.status_code == 200 and changed.json()["updates"] == {"party_size": 3}


def test_the_demo_venue_keeps_the_contracts_reference_only_look_ups(system):
    api = ConsumerApi(system.gateway_url)
    booked = api.book(DAY, "20:30:00", 2, email="public@example.com")
    read = api.get(f"Booking/{booked['booking_reference']}")  # no token, as the contract's clients call it
    assert read.status_code == 200, read.text


def test_turning_public_lookup_on_is_a_venue_setting(system, gateway, private_venue):
    manager = bearer(staff_token(system, private_venue["slug"], "manager"))
    path = f"/api/v1/venues/{private_venue['slug']}"
    turned = gateway.session.patch(
        gateway.base_url + path, json={"consumerapi_public_lookup": True}, headers=manager, timeout=10
    )
    assert turned.status_code == 200 and turned.json()["consumerapi_public_lookup"] is True
    api = ConsumerApi(system.gateway_url, private_venue["slug"])
    assert api.get(f"Booking/{private_venue['reference']}").status_code == 200
    refused = gateway.session.patch(
        gateway.base_url + path, json={"consumerapi_public_lookup": "no"}, headers=manager, timeout=10
    )
    assert_envelope(refused, 422, "validation_failed")


@pytest.fixture(scope="module")
def watchful_gateway(system):
    """A second gateway on the same services whose look-up miss limits are small enough to reach."""
    with system.another(
        "gateway-watchful",
        "gateway",
        TRUSTED_PROXY_HOPS="1",
        RATE_LIMIT_LOOKUP_MISSES="3 per minute",
        RATE_LIMIT_LOOKUP_MISSES_GLOBAL="8 per minute",
    ) as url:
        yield url


def _look_up(url: str, client: str, reference: str, **headers) -> int:
    return requests.get(
        f"{url}/api/ConsumerApi/v1/Restaurant/{VENUE}/Booking/{reference}",
        headers={"X-Forwarded-For": client, **headers},
        timeout=10,
    ).status_code


def test_look_ups_that_find_nothing_trip_a_limit_per_address_and_one_for_everyone(system, watchful_gateway, victim):
    guesser = "203.0.113.10"
    assert [_look_up(watchful_gateway, guesser, f"NOSUCH{n}") for n in range(3)] == [404, 404, 404]
    # Past the limit the guesser is refused even a reference that exists; others are not.
    assert _look_up(watchful_gateway, guesser, victim["reference"]) == 429
    assert _look_up(watchful_gateway, "203.0.113.11", victim["reference"]) == 200
    assert wait_until(
        lambda: '"scope": "address"' in system.log("gateway-watchful"), timeout=5, message="the per-address alert line"
    )
    # Guesses spread over many addresses add up to the global limit: then every anonymous look-up waits...
    spread = [_look_up(watchful_gateway, f"203.0.113.{20 + n}", f"NOSUCH{n}") for n in range(5)]
    assert spread == [404] * 5
    assert _look_up(watchful_gateway, "203.0.113.99", victim["reference"]) == 429
    assert "booking look-up misses over the limit" in system.log("gateway-watchful")
    assert '"scope": "global"' in system.log("gateway-watchful")
    # ...but a caller with a key of the venue is not guessing and is not held back.
    assert (
        _look_up(
            watchful_gateway, "203.0.113.99", victim["reference"], Authorization=f"Bearer {CONSUMERAPI_DEMO_TOKEN}"
        )
        == 200
    )
