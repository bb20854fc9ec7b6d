"""The booking service's rate plans and stay taxes (docs/stays.md, "Rate plans and taxes"): staff
store them through the API, bad input is refused with the envelope and changes nothing, other
callers get nothing, and the stays port prices the documented examples from the stored rows.
The service runs in this process on the suite's database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from booking_service.app import create_app
from booking_service.config import Settings
from booking_service.extensions import db
from booking_service.models import RatePlan, RatePlanSeason, StayTaxes
from booking_service.stays.pricing import quote
from booking_service.stays.rates import plan_for_sale, plans_for_sale, taxes_of
from shared.identity import Caller, caller_for_roles, sign_identity
from shared.migrations import upgrade
from tests.support.backends import service_database

MIGRATIONS = Path(__file__).resolve().parents[2] / "booking_service" / "migrations"
HARBOUR = "TheHarbourHotel"
SUMMER = {
    "name": "Summer",
    "first_night": "2027-06-01",
    "last_night": "2027-09-30",
    "weekday_price": "160.00",
    "weekend_price": "190.00",
}
# docs/stays.md, "Worked examples".
FLEXIBLE = {
    "room_type": "double",
    "code": "flexible",
    "name": "Flexible",
    "currency": "EUR",
    "weekday_price": "120.00",
    "weekend_price": "150.00",
    "extra_guest_price": "25.00",
    "seasons": [SUMMER],
}
NON_REFUNDABLE = {
    **FLEXIBLE,
    "code": "non-refundable",
    "name": "Non-refundable",
    "min_nights": 2,
    "discount_percent": "10",
    "refundable": False,
}
LISBON = {"currency": "EUR", "percent": "6", "city_tax_per_guest_night": "4.00", "city_tax_max_nights": 7}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("rates")
    with service_database(var_dir, "booking") as url, pytest.MonkeyPatch.context() as env:
        upgrade(MIGRATIONS, url, "booking_alembic_version")
        env.setenv("TESSERA_ENV", "test")
        env.setenv("TESSERA_VAR_DIR", str(var_dir))
        env.setenv("BOOKING_DATABASE_URL", url)
        app = create_app(Settings.from_env())
        yield app.test_client()
        db.dispose()


def as_caller(client, caller: Caller | None = None) -> dict:
    """The headers of a call through the gateway: the service credential, and who is calling
    (none: the platform itself)."""
    headers = {"X-Service-Token": client.application.config["SERVICE_TOKEN"]}
    if caller is not None:
        headers["X-Tessera-Identity"] = sign_identity(caller, client.application.config["IDENTITY_SIGNING_KEY"])
    return headers


def staff(client, venue: str, role: str = "manager") -> dict:
    return as_caller(client, caller_for_roles("staff", f"{role}@{venue}", admin=False, roles={venue: role}))


def plans_path(venue: str) -> str:
    return f"/v1/venues/{venue}/rate-plans"


def create(client, venue: str, body: dict) -> dict:
    response = client.post(plans_path(venue), json=body, headers=staff(client, venue))
    assert response.status_code == 201, response.json
    return response.json


def stored(venue: str) -> tuple:
    """Every row the venue has in the three tables."""
    with db.reading() as session:
        plans = session.scalars(select(RatePlan).where(RatePlan.venue == venue).order_by(RatePlan.id)).all()
        seasons = session.scalars(
            select(RatePlanSeason).join(RatePlan).where(RatePlan.venue == venue).order_by(RatePlanSeason.id)
        ).all()
        taxes = session.get(StayTaxes, venue)

        def row(model) -> tuple:
            return tuple(getattr(model, column.key) for column in model.__table__.columns)

        return [row(p) for p in plans], [row(s) for s in seasons], taxes and row(taxes)


def test_staff_create_list_read_and_change_a_plan(client):
    venue = "rates-crud"
    plan = create(client, venue, {**FLEXIBLE, "weekday_price": "120", "closed_to_arrival": ["2027-12-31"]})
    assert {key: value for key, value in plan.items() if key not in ("created_at", "updated_at")} == {
        "venue": venue,
        "room_type": "double",
        "code": "flexible",
        "name": "Flexible",
        "description": None,
        "currency": "EUR",
        "weekday_price": "120.00",  # written to the currency's minor unit
        "weekend_price": "150.00",
        "weekend_nights": [4, 5],
        "included_guests": 2,
        "extra_guest_price": "25.00",
        "min_nights": 1,
        "closed_to_arrival": ["2027-12-31"],
        "discount_percent": "0",
        "refundable": True,
        "active": True,
        "seasons": [SUMMER],
    }
    create(client, venue, {**FLEXIBLE, "room_type": "suite", "weekday_price": "300.00"})
    headers = staff(client, venue)

    listed = client.get(plans_path(venue), headers=headers).json
    assert [(p["room_type"], p["code"]) for p in listed["items"]] == [("double", "flexible"), ("suite", "flexible")]
    assert listed["next_cursor"] is None
    suites = client.get(plans_path(venue), query_string={"room_type": "suite"}, headers=headers).json["items"]
    assert [p["weekday_price"] for p in suites] == ["300.00"]
    assert client.get(f"{plans_path(venue)}/double/flexible", headers=headers).json == plan

    peak = {"name": "Peak", "first_night": "2027-08-01", "last_night": "2027-08-31", "weekday_price": "200.00"}
    peak["weekend_price"] = "240"
    changed = client.patch(
        f"{plans_path(venue)}/double/flexible",
        json={"seasons": [peak, SUMMER | {"last_night": "2027-07-31"}], "name": "Flexible rate", "active": False},
        headers=headers,
    )
    assert changed.status_code == 200, changed.json
    assert [s["name"] for s in changed.json["seasons"]] == ["Summer", "Peak"]  # in night order
    assert changed.json["seasons"][1]["weekend_price"] == "240.00"
    assert (changed.json["name"], changed.json["active"], changed.json["weekday_price"]) == (
        "Flexible rate",
        False,
        "120.00",
    )
    cleared = client.patch(f"{plans_path(venue)}/double/flexible", json={"seasons": []}, headers=headers)
    assert cleared.json["seasons"] == [] and len(stored(venue)[1]) == 1  # the suite's: the double's are gone

    missing = client.get(f"{plans_path(venue)}/double/weekly", headers=headers)
    assert (missing.status_code, missing.json["error"]["code"]) == (404, "rate_plan_not_found")


def test_a_code_is_used_once_per_room_type(client):
    venue = "rates-codes"
    create(client, venue, FLEXIBLE)
    again = client.post(plans_path(venue), json={**FLEXIBLE, "name": "Again"}, headers=staff(client, venue))
    assert (again.status_code, again.json["error"]["code"]) == (409, "rate_plan_exists")
    create(client, venue, {**FLEXIBLE, "room_type": "twin"})
    assert len(stored(venue)[0]) == 2


def test_amounts_follow_their_currency(client):
    venue = "rates-yen"
    plan = create(
        client,
        venue,
        {
            **FLEXIBLE,
            "currency": "JPY",
            "weekday_price": "15000",
            "weekend_price": "18000.0",
            "extra_guest_price": "0",
            "seasons": [],
        },
    )
    assert (plan["weekday_price"], plan["weekend_price"], plan["extra_guest_price"]) == ("15000", "18000", "0")


def test_taxes_are_none_until_set_then_as_set(client):
    venue = "rates-taxes"
    path = f"/v1/venues/{venue}/stay-taxes"
    headers = staff(client, venue)
    assert client.get(path, headers=headers).json == {
        "venue": venue,
        "currency": None,
        "percent": "0",
        "city_tax_per_guest_night": "0",
        "city_tax_max_nights": None,
    }
    put = client.put(path, json={**LISBON, "city_tax_per_guest_night": "4"}, headers=headers)
    assert put.status_code == 200, put.json
    expected = {"venue": venue, **LISBON}
    assert put.json == expected and client.get(path, headers=headers).json == expected
    again = client.put(path, json={**LISBON, "city_tax_max_nights": None}, headers=headers)
    assert again.json["city_tax_max_nights"] is None


def test_the_city_tax_and_the_plans_share_one_currency(client):
    venue = "rates-currency"
    headers = staff(client, venue)
    taxes = f"/v1/venues/{venue}/stay-taxes"
    assert client.put(taxes, json=LISBON, headers=headers).status_code == 200
    dollars = client.post(plans_path(venue), json={**FLEXIBLE, "currency": "USD"}, headers=headers)
    assert (dollars.status_code, dollars.json["error"]["code"]) == (409, "currency_mismatch")
    assert dollars.json["error"]["details"] == {"city_tax_currency": "EUR"}
    create(client, venue, FLEXIBLE)
    moved = client.put(taxes, json={**LISBON, "currency": "USD"}, headers=headers)
    assert (moved.status_code, moved.json["error"]["details"]) == (409, {"rate_plan_currencies": ["EUR"]})
    # Moving a venue to another currency: the city tax off, the plans over, the city tax back.
    for method, path, body in [
        ("PUT", taxes, {**LISBON, "currency": "USD", "city_tax_per_guest_night": "0"}),
        ("PATCH", f"{plans_path(venue)}/double/flexible", {"currency": "USD"}),
        ("PUT", taxes, {**LISBON, "currency": "USD"}),
    ]:
        assert client.open(path, method=method, json=body, headers=headers).status_code == 200, (method, body)


def _too_many_dates() -> list[str]:
    return [(date(2027, 1, 1) + timedelta(days=n)).isoformat() for n in range(367)]


BAD_PLANS = {
    "price as a JSON number": ({"weekday_price": 120.5}, "weekday_price"),
    "price as a JSON integer": ({"weekend_price": 150}, "weekend_price"),
    "price in exponent form": ({"weekday_price": "1.2e2"}, "weekday_price"),
    "price not a number": ({"weekday_price": "NaN"}, "weekday_price"),
    "price with a comma": ({"weekday_price": "120,00"}, "weekday_price"),
    "price more precise than the currency": ({"weekday_price": "120.005"}, "weekday_price"),
    "fraction of a yen": ({"currency": "JPY", "seasons": [], "weekday_price": "100.5"}, "weekday_price"),
    "negative price": ({"extra_guest_price": "-5.00"}, "extra_guest_price"),
    "huge price": ({"weekend_price": "1000000.01"}, "weekend_price"),
    "enormous price": ({"weekend_price": "9" * 39}, "weekend_price"),
    "unknown currency": ({"currency": "XYZ"}, "currency"),
    "currency in lower case": ({"currency": "eur"}, "currency"),
    "season ends before it starts": ({"seasons": [SUMMER | {"first_night": "2027-10-01"}]}, "seasons"),
    "overlapping seasons": (
        {"seasons": [SUMMER, SUMMER | {"name": "Peak", "first_night": "2027-09-30", "last_night": "2027-10-05"}]},
        "seasons",
    ),
    "season price too precise": ({"seasons": [SUMMER | {"weekday_price": "160.001"}]}, "seasons"),
    "season price as a number": ({"seasons": [SUMMER | {"weekday_price": 160}]}, "seasons"),
    "weekend night past Sunday": ({"weekend_nights": [5, 7]}, "weekend_nights"),
    "weekend night before Monday": ({"weekend_nights": [-1]}, "weekend_nights"),
    "weekend night twice": ({"weekend_nights": [4, 4]}, "weekend_nights"),
    "closed to arrival too often": ({"closed_to_arrival": _too_many_dates()}, "closed_to_arrival"),
    "closed to arrival not a date": ({"closed_to_arrival": ["31/12/2027"]}, "closed_to_arrival"),
    "no nights": ({"min_nights": 0}, "min_nights"),
    "no guests included": ({"included_guests": 0}, "included_guests"),
    "discount of everything": ({"discount_percent": "100"}, "discount_percent"),
    "negative discount": ({"discount_percent": "-1"}, "discount_percent"),
    "discount as a number": ({"discount_percent": 10}, "discount_percent"),
    "bad code": ({"code": "flexible rate"}, "code"),
    "unknown field": ({"price": "120.00"}, "price"),
    "no name": ({"name": None}, "name"),
}


@pytest.fixture(scope="module")
def venue_with_a_plan(client) -> str:
    create(client, "rates-bad-plans", FLEXIBLE)
    return "rates-bad-plans"


@pytest.mark.parametrize("case", BAD_PLANS, ids=str)
def test_a_bad_plan_is_refused_and_nothing_is_written(client, venue_with_a_plan, case):
    venue = venue_with_a_plan
    headers = staff(client, venue)
    changes, field = BAD_PLANS[case]
    before = stored(venue)
    responses = [client.post(plans_path(venue), json={**FLEXIBLE, "code": "new", **changes}, headers=headers)]
    change = {name: value for name, value in changes.items() if name != "code"}
    if change:
        responses.append(client.patch(f"{plans_path(venue)}/double/flexible", json=change, headers=headers))
    for response in responses:
        assert (response.status_code, response.json["error"]["code"]) == (422, "validation_failed"), response.json
        assert response.json["error"]["details"].keys() == {field}
    assert stored(venue) == before


def test_a_change_that_leaves_the_plan_wrong_is_refused_whole(client):
    venue = "rates-bad-changes"
    headers = staff(client, venue)
    create(client, venue, {**FLEXIBLE, "weekday_price": "120.50"})
    before = stored(venue)
    path = f"{plans_path(venue)}/double/flexible"
    yen = client.patch(path, json={"currency": "JPY", "name": "Yen"}, headers=headers)
    assert yen.status_code == 422
    assert yen.json["error"]["details"] == {"weekday_price": ["Too precise for JPY, whose smallest amount is 1."]}
    autumn = SUMMER | {"name": "Autumn", "first_night": "2027-10-01", "last_night": "2027-10-31"}
    seasons = client.patch(path, json={"seasons": [autumn, SUMMER | {"weekend_price": "0.001"}]}, headers=headers)
    assert seasons.json["error"]["details"] == {
        "seasons": {"1": {"weekend_price": ["Too precise for EUR, whose smallest amount is 0.01."]}}
    }
    for body in ({}, {"room_type": "suite"}, {"code": "other"}, {"currency": None}):
        response = client.patch(path, json=body, headers=headers)
        assert response.status_code == 422, (body, response.json)
    assert stored(venue) == before


BAD_TAXES = {
    "percent as a number": ({"percent": 6}, "percent"),
    "percent of everything": ({"percent": "100"}, "percent"),
    "city tax too precise": ({"city_tax_per_guest_night": "4.001"}, "city_tax_per_guest_night"),
    "negative city tax": ({"city_tax_per_guest_night": "-4.00"}, "city_tax_per_guest_night"),
    "huge city tax": ({"city_tax_per_guest_night": "2000000"}, "city_tax_per_guest_night"),
    "no nights of city tax": ({"city_tax_max_nights": 0}, "city_tax_max_nights"),
    "unknown currency": ({"currency": "EURO"}, "currency"),
    "no currency": ({"currency": None}, "currency"),
}


@pytest.mark.parametrize("case", BAD_TAXES, ids=str)
def test_bad_taxes_are_refused_and_nothing_is_written(client, case):
    venue = "rates-bad-taxes"
    path = f"/v1/venues/{venue}/stay-taxes"
    headers = staff(client, venue)
    assert client.put(path, json=LISBON, headers=headers).status_code == 200
    changes, field = BAD_TAXES[case]
    before = stored(venue)
    response = client.put(path, json={**LISBON, **changes}, headers=headers)
    assert (response.status_code, response.json["error"]["code"]) == (422, "validation_failed")
    assert response.json["error"]["details"].keys() == {field}
    assert stored(venue) == before


def test_only_the_venues_staff_reach_its_rates(client):
    venue = "rates-access"
    create(client, venue, FLEXIBLE)
    plan, taxes = f"{plans_path(venue)}/double/flexible", f"/v1/venues/{venue}/stay-taxes"
    before = stored(venue)
    writes = [
        ("POST", plans_path(venue), {**FLEXIBLE, "code": "other"}),
        ("PATCH", plan, {"name": "Changed"}),
        ("PUT", taxes, LISBON),
    ]
    reads = [("GET", plans_path(venue), None), ("GET", plan, None), ("GET", taxes, None)]
    nobody = {}
    customer = as_caller(client, Caller(kind="customer", subject="ABC1234"))
    other_venue = staff(client, "rates-elsewhere", "owner")
    desk = staff(client, venue, "staff")  # may read the venue's things, not change them
    for method, path, body in reads + writes:
        for headers, status in ((nobody, 401), (customer, 401), (other_venue, 404)):
            response = client.open(path, method=method, json=body, headers=headers)
            assert response.status_code == status, (method, path, headers, response.json)
            assert "error" in response.json
        expected = 200 if method == "GET" else 403
        assert client.open(path, method=method, json=body, headers=desk).status_code == expected
    assert stored(venue) == before


def test_stored_plans_and_taxes_price_the_documented_examples(client):
    headers = staff(client, HARBOUR)
    create(client, HARBOUR, FLEXIBLE)
    create(client, HARBOUR, NON_REFUNDABLE)
    create(client, HARBOUR, {**FLEXIBLE, "code": "closed", "active": False})
    assert client.put(f"/v1/venues/{HARBOUR}/stay-taxes", json=LISBON, headers=headers).status_code == 200

    with db.reading() as session:
        plans = {plan.code: plan for plan in plans_for_sale(session, HARBOUR, "double")}
        taxes = taxes_of(session, HARBOUR)
        assert list(plans) == ["flexible", "non-refundable"]  # on sale only, in the order created
        assert plan_for_sale(session, HARBOUR, "double", "closed") is None
        assert plan_for_sale(session, HARBOUR, "double", "flexible") == plans["flexible"]
        assert taxes_of(session, "rates-nowhere").percent == Decimal(0)

    first = quote(plans["flexible"], taxes, date(2027, 3, 10), date(2027, 3, 13), 2)
    assert (first.total, first.currency) == (Decimal("437.40"), "EUR")
    second = quote(plans["non-refundable"], taxes, date(2027, 6, 30), date(2027, 7, 3), 3)
    assert second.total == Decimal("594.09")
    assert (plans["non-refundable"].name, plans["non-refundable"].refundable) == ("Non-refundable", False)


def test_the_endpoints_are_documented(client):
    paths = client.get("/openapi.json").json["paths"]
    assert set(paths["/v1/venues/{venue}/rate-plans"]) >= {"get", "post"}
    assert set(paths["/v1/venues/{venue}/rate-plans/{room_type}/{code}"]) >= {"get", "patch"}
    assert set(paths["/v1/venues/{venue}/stay-taxes"]) >= {"get", "put"}
