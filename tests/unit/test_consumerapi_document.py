"""The ConsumerApi surface in the public API document (gateway/consumerapi/openapi.py): a valid
OpenAPI 3.0 part, every route of the blueprint documented with the methods it serves, and each
operation's real answers (the adapter's own code, with the Tessera services' answers stubbed)
given a status the document lists and a body its schema accepts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from gateway.app import create_app
from gateway.config import Settings
from gateway.consumerapi import owner, tessera
from gateway.consumerapi.openapi import OWNER_TOKEN, TAG, document_part
from gateway.consumerapi.tessera import Refusal
from shared.identity import BOOKINGS_READ, BOOKINGS_WRITE, Caller
from tests.support.backends import free_port

VENUE = "TheHungryUnicorn"
DAY = (date.today() + timedelta(days=3)).isoformat()
REFERENCE = "ABC1234"
BASE = f"/api/ConsumerApi/v1/Restaurant/{VENUE}"
DOCUMENTED_BASE = "/api/ConsumerApi/v1/Restaurant/{restaurant_name}"
# The blueprint's path variables, by the contract's names the document uses.
PATH_VARIABLES = {"<restaurant>": "{restaurant_name}", "<reference>": "{booking_reference}"}
OWNER_HEADERS = {"Authorization": "Bearer tsk_owner"}
BOOKING = {
    "id": "d5d9ba8d-63ad-53e8-8701-742fe83b3a1f",
    "reference": REFERENCE,
    "status": "confirmed",
    "venue": VENUE,
    "date": DAY,
    "time": "19:00",
    "starts_at": f"{DAY}T19:00:00Z",
    "ends_at": f"{DAY}T20:30:00Z",
    "party_size": 2,
    "special_requests": None,
    "room_number": None,
    "is_leave_time_confirmed": False,
    "channel": "ONLINE",
    "cancellation_reason_id": None,
    "created_at": "2026-11-21T11:26:48Z",
    "updated_at": "2026-11-21T11:26:48Z",
    "customer": {
        "id": 4,
        "title": None,
        "first_name": "Ada",
        "surname": "Lovelace",
        "email": "ada@example.com",
        "mobile": "+447700900123",
        "mobile_country_code": None,
        "phone": None,
        "phone_country_code": None,
        "marketing_email": False,
        "marketing_sms": False,
        "venue_marketing_email": False,
        "venue_marketing_sms": False,
    },
}
REASONS = [
    {
        "id": 1,
        "reason": "Customer Request",
        "description": "Customer requested cancellation",
        "customer_may_choose": True,
    }
]


class FakeTessera:
    """The services' answers for the demo venue and one booking; `public_lookup` is the venue's
    `consumerapi_public_lookup`."""

    def __init__(self) -> None:
        self.public_lookup = True
        self.booking = dict(BOOKING)

    def get_venue(self, slug):
        if slug != VENUE:
            raise Refusal(404, "venue_not_found", "No venue with that name.", {})
        return {"id": 1, "slug": VENUE, "max_party_size": 8, "consumerapi_public_lookup": self.public_lookup}

    def day_availability(self, slug, on, party_size):
        self.get_venue(slug)
        return {
            "venue": VENUE,
            "venue_id": 1,
            "max_party_size": 8,
            "slots": [
                {
                    "time": at,
                    "starts_at": f"{on.isoformat()}T{at}:00Z",
                    "remaining": 20,
                    "bookable": True,
                    "confirmed_holds": 2 if at == "19:00" else 0,
                }
                for at in ("12:00", "19:00", "20:30")
            ],
        }

    def get_booking(self, caller, reference):
        if reference.upper() != REFERENCE:
            raise Refusal(404, "booking_not_found", "No booking with that reference.", {})
        return self.booking

    def change_booking(self, caller, reference, changes):
        self.booking = {**self.booking, **changes, "updated_at": "2026-11-22T08:00:00Z"}
        return self.booking

    def cancel_booking(self, caller, reference, reason_id):
        return self.change_booking(caller, reference, {"status": "cancelled", "cancellation_reason_id": reason_id})


@pytest.fixture
def services(monkeypatch):
    fake = FakeTessera()
    for name in ("get_venue", "day_availability", "get_booking", "change_booking", "cancel_booking"):
        monkeypatch.setattr(tessera, name, getattr(fake, name))
    monkeypatch.setattr(tessera, "cancellation_reasons", lambda: REASONS)
    monkeypatch.setattr(tessera, "create_booking", lambda caller, body: fake.booking)
    monkeypatch.setattr(tessera, "list_bookings", lambda caller, params: {"items": [fake.booking], "next_cursor": None})
    monkeypatch.setattr(
        owner,
        "caller_for_api_key",
        lambda token: Caller(
            kind="api_key", subject="owner", grants={VENUE: frozenset({BOOKINGS_READ, BOOKINGS_WRITE})}
        ),
    )
    return fake


@pytest.fixture
def client(monkeypatch, tmp_path):
    """A gateway whose services are all down (their ports answer nothing)."""
    monkeypatch.setenv("TESSERA_ENV", "test")
    monkeypatch.setenv("GATEWAY_DATABASE_URL", f"sqlite:///{tmp_path / 'gateway.db'}")
    for service in ("AVAILABILITY", "BOOKING", "NOTIFICATION"):
        monkeypatch.setenv(f"{service}_URL", f"http://127.0.0.1:{free_port()}")
    return create_app(Settings.from_env()).test_client()


@pytest.fixture
def document(client):
    return client.get("/api/openapi.json").get_json()


def _resolve(document: dict, value: dict) -> dict:
    while "$ref" in value:
        kind, name = value["$ref"].split("/")[-2:]
        value = document["components"][kind][name]
    return value


def assert_documented(document: dict, path: str, method: str, response) -> None:
    """The answer's status is one the operation lists, and its body fits that status's schema."""
    responses = document["paths"][DOCUMENTED_BASE + path][method]["responses"]
    status = str(response.status_code)
    assert status in responses, (method, path, status, response.get_data(as_text=True))
    schema = _resolve(document, responses[status])["content"][response.mimetype]["schema"]
    validator = OAS30Validator(
        {**schema, "components": document["components"]}, format_checker=OAS30Validator.FORMAT_CHECKER
    )
    validator.validate(response.get_json())


def test_the_part_alone_is_a_valid_openapi_3_document():
    part = document_part()
    validate(
        {
            "openapi": "3.0.3",
            "info": {"title": "ConsumerApi", "version": "v1"},
            "paths": part.paths,
            "components": part.components,
            "tags": part.tags,
        }
    )
    operations = [
        operation for item in part.paths.values() for method, operation in item.items() if method != "parameters"
    ]
    assert len(operations) == 8 and all(operation["tags"] == [TAG] for operation in operations)


def test_every_route_of_the_blueprint_is_documented_with_the_methods_it_serves(client, document, services):
    served = {}
    for rule in client.application.url_map.iter_rules():
        if rule.endpoint.startswith("consumerapi.") and rule.endpoint != "consumerapi.unknown_path":
            path = rule.rule
            for variable, name in PATH_VARIABLES.items():
                path = path.replace(variable, name)
            url = rule.rule.replace("<restaurant>", VENUE).replace("<reference>", REFERENCE)
            served[path] = {
                method.lower()
                for method in rule.methods - {"HEAD", "OPTIONS"}
                if client.open(url, method=method).status_code != 405
            }
    documented = {
        path: {method for method in item if method != "parameters"}
        for path, item in document["paths"].items()
        if path.startswith("/api/ConsumerApi/")
    }
    assert served == documented
    assert len(served) == 7


def test_in_the_public_document_with_its_own_security_scheme(document):
    validate(document)
    assert document["components"]["securitySchemes"][OWNER_TOKEN] == {
        **document["components"]["securitySchemes"][OWNER_TOKEN],
        "type": "http",
        "scheme": "bearer",
    }
    assert {"bearerAuth", "apiKey"} <= set(document["components"]["securitySchemes"])  # the gateway's stay
    paths = document["paths"]
    assert paths[DOCUMENTED_BASE + "/Bookings"]["get"]["security"] == [{OWNER_TOKEN: []}]
    assert paths[DOCUMENTED_BASE + "/Booking/{booking_reference}"]["get"]["security"] == [{}, {OWNER_TOKEN: []}]
    assert "security" not in paths[DOCUMENTED_BASE + "/AvailabilitySearch"]["post"]
    assert TAG in {tag["name"] for tag in document["tags"]}


def test_the_forms_are_documented_with_their_wire_names_and_limits(document):
    body = document["paths"][DOCUMENTED_BASE + "/BookingWithStripeToken"]["post"]["requestBody"]
    assert set(body["content"]) == {"application/x-www-form-urlencoded", "multipart/form-data"}
    form = _resolve(document, body["content"]["application/x-www-form-urlencoded"]["schema"])
    assert form["required"] == ["VisitDate", "VisitTime", "PartySize", "ChannelCode"]
    assert form["properties"]["Customer[Email]"] == {"type": "string", "maxLength": 254}
    assert form["properties"]["PartySize"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    parameters = document["paths"][DOCUMENTED_BASE + "/Bookings"]["get"]["parameters"]
    defaults = {
        parameter["name"]: parameter["schema"].get("default") for parameter in parameters if parameter["in"] == "query"
    }
    assert defaults == {"status": None, "date_from": None, "date_to": None, "limit": 100, "offset": 0}


def test_every_answer_of_every_operation_is_as_documented(client, document, services):
    form = {"VisitDate": DAY, "VisitTime": "19:00:00", "PartySize": "2"}
    cancel = {"micrositeName": VENUE, "bookingReference": REFERENCE, "cancellationReasonId": "1"}
    calls = [
        ("/AvailabilitySearch", "post", {"data": {"VisitDate": DAY, "PartySize": "2", "ChannelCode": "ONLINE"}}),
        ("/AvailabilitySearch", "post", {"data": {"VisitDate": "15/08/2025", "PartySize": "two"}}),
        (
            "/BookingWithStripeToken",
            "post",
            {"data": {**form, "ChannelCode": "ONLINE", "Customer[Email]": "ada@example.com"}},
        ),
        ("/BookingWithStripeToken", "post", {"data": {**form, "ChannelCode": "ONLINE", "VisitTime": "19:15"}}),
        ("/Booking/{booking_reference}", "get", {}),
        ("/Booking/{booking_reference}", "patch", {"data": {}}),
        ("/Booking/{booking_reference}", "patch", {"data": {"PartySize": "4", "SpecialRequests": "Window"}}),
        ("/Booking/{booking_reference}/Update", "post", {"data": form, "headers": OWNER_HEADERS}),
        ("/Booking/{booking_reference}/Update", "post", {"data": form}),
        ("/Booking/{booking_reference}/Cancel", "post", {"data": {**cancel, "micrositeName": "Elsewhere"}}),
        ("/Booking/{booking_reference}/Cancel", "post", {"data": cancel}),
        ("/Booking/{booking_reference}", "get", {}),  # cancelled now: with its reason
        ("/Booking/{booking_reference}/Cancel", "post", {"data": cancel}),
        ("/Bookings", "get", {"headers": OWNER_HEADERS, "query_string": {"limit": "5"}}),
        ("/Bookings", "get", {"headers": OWNER_HEADERS, "query_string": {"limit": "x"}}),
        ("/CancellationReasons", "get", {}),
    ]
    statuses = []
    for path, method, request in calls:
        response = client.open(BASE + path.replace("{booking_reference}", REFERENCE), method=method.upper(), **request)
        assert_documented(document, path, method, response)
        statuses.append(response.status_code)
    assert statuses == [200, 422, 200, 400, 200, 200, 200, 200, 401, 400, 200, 200, 400, 200, 422, 200]
    cancelled = client.get(BASE + f"/Booking/{REFERENCE}").get_json()
    assert cancelled["cancellation_reason"] == {
        "id": 1,
        "reason": "Customer Request",
        "description": "Customer requested cancellation",
    }


@pytest.mark.parametrize(
    "path, method",
    [
        ("/Booking/{booking_reference}", "get"),
        ("/Booking/{booking_reference}/Cancel", "post"),
        ("/CancellationReasons", "get"),
    ],
)
def test_refusals_are_documented_where_they_happen(client, document, services, path, method):
    def call(restaurant: str, reference: str):
        form = {"micrositeName": restaurant, "bookingReference": reference, "cancellationReasonId": "1"}
        return client.open(
            f"/api/ConsumerApi/v1/Restaurant/{restaurant}{path.replace('{booking_reference}', reference)}",
            method=method.upper(),
            data=form,
        )

    unknown = call("NoSuchPlace", "X1")
    assert unknown.status_code == 404
    assert_documented(document, path, method, unknown)
    services.public_lookup = False  # then only a key of the venue opens a booking by its reference
    answer = call(VENUE, REFERENCE)
    assert answer.status_code == (200 if path == "/CancellationReasons" else 401)
    assert_documented(document, path, method, answer)
