"""The ConsumerApi's owner listing (`GET .../Bookings`, bearer token = an API key of the venue) and
the public cancellation reasons, through the gateway. Day used on TheHungryUnicorn: 19."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from gateway.manage import CONSUMERAPI_DEMO_TOKEN, DEMO_VENUE
from shared.identity import BOOKINGS_WRITE
from tests.conftest import count_rows, future_date
from tests.support.consumerapi import OWNER, TIMESTAMP, ConsumerApi, field_errors

DAY = future_date(19)
REASONS = [
    {"id": 1, "reason": "Customer Request", "description": "Customer requested cancellation"},
    {"id": 2, "reason": "Restaurant Closure", "description": "Restaurant temporarily closed"},
    {"id": 3, "reason": "Weather", "description": "Cancelled due to weather conditions"},
    {"id": 4, "reason": "Emergency", "description": "Emergency cancellation"},
    {"id": 5, "reason": "No Show", "description": "Customer did not show up"},
]


@pytest.fixture
def api(system):
    return ConsumerApi(system.gateway_url)


@pytest.fixture(scope="module")
def day_bookings(system):
    """Five bookings on DAY, one of them cancelled: {reference: booking as created}."""
    api = ConsumerApi(system.gateway_url)
    made = [
        api.book(DAY, at, party, email=f"owner-list-{n}@example.com")
        for n, (at, party) in enumerate(
            [("12:00:00", 2), ("19:00:00", 4), ("13:30:00", 1), ("20:30:00", 2), ("12:00:00", 3)]
        )
    ]
    assert api.cancel(made[2]["booking_reference"], 1).status_code == 200
    return {booking["booking_reference"]: booking for booking in made}


def _listed(api, **params) -> list[dict]:
    response = api.get("Bookings", headers=OWNER, params={"date_from": DAY, "date_to": DAY, **params})
    assert response.status_code == 200, response.text
    return response.json()


def test_the_owner_lists_the_days_bookings_latest_first(api, day_bookings):
    rows = _listed(api)
    assert {row["booking_reference"] for row in rows} == set(day_bookings)
    assert [row["visit_time"] for row in rows] == ["20:30:00", "19:00:00", "13:30:00", "12:00:00", "12:00:00"]
    row = next(row for row in rows if row["visit_time"] == "19:00:00")
    created = day_bookings[row["booking_reference"]]
    assert list(row) == [
        "booking_reference",
        "booking_id",
        "restaurant",
        "visit_date",
        "visit_time",
        "party_size",
        "status",
        "customer",
        "created_at",
        "updated_at",
    ]
    assert list(row["customer"]) == ["id", "first_name", "surname", "email", "mobile"]
    assert (row["booking_id"], row["restaurant"], row["visit_date"], row["party_size"], row["status"]) == (
        created["booking_id"],
        DEMO_VENUE,
        DAY,
        4,
        "confirmed",
    )
    assert row["customer"] == {key: created["customer"][key] for key in row["customer"]}
    assert row["created_at"] == created["created_at"] and TIMESTAMP.match(row["updated_at"])


def test_filters_limit_and_offset(api, day_bookings):
    everything = _listed(api)
    assert [row["status"] for row in _listed(api, status="cancelled")] == ["cancelled"]
    assert len(_listed(api, status="confirmed")) == 4
    assert _listed(api, status="Confirmed") == [] and _listed(api, status="nonsense") == []
    assert _listed(api, date_from=future_date(300), date_to=future_date(301)) == []  # no test books there
    assert _listed(api, date_from=future_date(20), date_to=DAY) == []  # inverted
    assert _listed(api, limit=2, offset=1) == everything[1:3]
    assert _listed(api, limit=-1) == everything[:1]  # section 0: clamped to 1..500
    assert _listed(api, limit=0) == everything[:1]
    assert _listed(api, limit=100000000) == everything
    assert _listed(api, offset=-5) == everything
    assert _listed(api, offset=99999) == [] and _listed(api, offset=2**63 - 1) == []
    # Ranges longer than Tessera lists at once (366 days):
    assert _listed(api, date_from=future_date(19 - 400), limit=5) == everything
    later = _listed(api, date_to=future_date(19 + 400))
    assert later[-5:] == everything and all(row["visit_date"] >= DAY for row in later)


def test_without_filters_the_list_is_capped_at_500_in_visit_order(system, api, day_bookings):
    rows = api.get("Bookings", headers=OWNER, params={"limit": 100000000}).json()
    assert len(rows) == min(500, count_rows(system, "booking", "bookings", "venue = :v", v=DEMO_VENUE))
    visits = [(row["visit_date"], row["visit_time"]) for row in rows]
    assert visits == sorted(visits, reverse=True)
    default = api.get("Bookings", headers=OWNER).json()
    assert default == rows[:100]


@pytest.mark.parametrize(
    "params, error, name",
    [
        ({"limit": "abc"}, "int_parsing", "limit"),
        ({"offset": "1.5"}, "int_parsing", "offset"),
        ({"offset": "99999999999999999999"}, "less_than_equal", "offset"),
        ({"date_from": "22-11-2026"}, "date_from_datetime_parsing", "date_from"),
        ({"date_to": "2026-11-22T10:00:00"}, "date_from_datetime_inexact", "date_to"),
        ({"limit": ""}, "int_parsing", "limit"),
    ],
)
def test_bad_query_parameters_are_422(api, params, error, name):
    response = api.get("Bookings", headers=OWNER, params=params)
    assert field_errors(response) == [(error, ["query", name], params[name])]


@pytest.mark.parametrize(
    "authorization, detail",
    [
        (None, "Invalid authorization header format"),  # section 0: the reference answered 422
        (CONSUMERAPI_DEMO_TOKEN, "Invalid authorization header format"),
        (f"bearer {CONSUMERAPI_DEMO_TOKEN}", "Invalid authorization header format"),
        ("Bearer ", "Invalid authorization header format"),
        ("Bearer wrong", "Invalid or expired token"),
        (f"Bearer Bearer {CONSUMERAPI_DEMO_TOKEN}", "Invalid or expired token"),  # section 0: exact form only
        (f"Bearer {CONSUMERAPI_DEMO_TOKEN[:50]}Bearer {CONSUMERAPI_DEMO_TOKEN[50:]}", "Invalid or expired token"),
    ],
)
def test_the_owner_list_needs_the_exact_bearer_token(api, authorization, detail):
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = api.get("Bookings", headers=headers)
    assert (response.status_code, response.json()) == (401, {"detail": detail})


def test_auth_comes_before_the_restaurant(api):
    with_token = api.get("Bookings", headers=OWNER, restaurant="NoSuchPlace")
    assert (with_token.status_code, with_token.json()) == (404, {"detail": "Restaurant not found"})
    without = api.get("Bookings", restaurant="NoSuchPlace")
    assert (without.status_code, without.json()) == (401, {"detail": "Invalid authorization header format"})


def test_keys_of_other_venues_revoked_or_without_the_scope(system, api, availability):
    other = f"consumer-owner-{uuid.uuid4().hex[:8]}"
    availability.create_venue(other)

    def key(venue, *scopes):
        return json.loads(
            system.manage(
                "gateway",
                "create-api-key",
                "--venue",
                venue,
                "--name",
                "test",
                *[arg for scope in scopes for arg in ("--scope", scope)],
            )
        )

    def listing(token, restaurant=DEMO_VENUE):
        return api.get("Bookings", headers={"Authorization": f"Bearer {token}"}, restaurant=restaurant)

    theirs = key(other, "bookings:read")
    assert (listing(theirs["key"]).status_code, listing(theirs["key"]).json()) == (
        401,
        {"detail": "Invalid or expired token"},
    )
    assert listing(theirs["key"], other).json() == []
    writer = key(DEMO_VENUE, BOOKINGS_WRITE)
    refused = listing(writer["key"])
    assert refused.status_code == 403 and isinstance(refused.json()["detail"], str)
    revoked = key(DEMO_VENUE, "bookings:read")
    assert listing(revoked["key"]).status_code == 200
    system.manage("gateway", "revoke-api-key", revoked["id"])
    assert (listing(revoked["key"]).status_code, listing(revoked["key"]).json()) == (
        401,
        {"detail": "Invalid or expired token"},
    )


# --- 2.8 CancellationReasons --------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, OWNER, {"Authorization": "Bearer nonsense"}])
def test_cancellation_reasons_are_public(api, headers):
    response = api.get("CancellationReasons", headers=headers)
    assert (response.status_code, response.json()) == (200, REASONS)
    assert response.text.startswith('[{"id":1,"reason":"Customer Request"')


def test_cancellation_reasons_of_an_unknown_restaurant(api):
    response = api.get("CancellationReasons", restaurant="NoSuchPlace")
    assert (response.status_code, response.json()) == (404, {"detail": "Restaurant not found"})


def test_dates_in_the_list_are_the_days_of_the_visits(api, day_bookings):
    assert {date.fromisoformat(row["visit_date"]) for row in _listed(api)} == {date.fromisoformat(DAY)}
