"""The public API document through the gateway (`/api/openapi.json`) and Swagger UI over it
(`/api/docs`); a path under a public prefix never reaches a service's internal routes."""

from __future__ import annotations

import re
import uuid

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from tests.conftest import VENUE, Gateway, future_date
from tests.support.consumerapi import OWNER, ConsumerApi

pytestmark = pytest.mark.one_backend  # the public document is put together by the gateway, whatever the database

PUBLIC_PATHS = {
    "/api/v1/venues",
    "/api/v1/venues/{venue}",
    "/api/v1/venues/{venue}/availability",
    "/api/v1/venues/{venue}/opening-rules",
    "/api/v1/venues/{venue}/slots",
    "/api/v1/bookings",
    "/api/v1/bookings/{reference}",
    "/api/v1/bookings/{reference}/cancel",
    "/api/v1/audit",
    "/api/v1/auth/login",
    "/api/v1/auth/refresh",
    "/api/v1/auth/logout",
    "/healthz",
    "/readyz",
}
HEALTH = ("/healthz", "/readyz")
CONSUMERAPI = "/api/ConsumerApi/v1/Restaurant/{restaurant_name}"
CONSUMERAPI_OPERATIONS = {
    ("/AvailabilitySearch", "post"),
    ("/BookingWithStripeToken", "post"),
    ("/Booking/{booking_reference}", "get"),
    ("/Booking/{booking_reference}", "patch"),
    ("/Booking/{booking_reference}/Update", "post"),
    ("/Booking/{booking_reference}/Cancel", "post"),
    ("/Bookings", "get"),
    ("/CancellationReasons", "get"),
}
CONSUMERAPI_DAY = future_date(3)  # no other test books the demo venue that day
STAFF = [{"bearerAuth": []}, {"apiKey": []}]


@pytest.fixture(scope="module")
def document(system):
    response = Gateway(system.gateway_url).get("/api/openapi.json")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("application/json")
    return response.json()


def _operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield path, method, operation


def _tessera_operations(document):
    """Every operation but the ConsumerApi's, which answers errors in the reference's shapes."""
    return (
        (path, method, operation)
        for path, method, operation in _operations(document)
        if "ConsumerApi" not in operation.get("tags", ())
    )


def _resolve(document, value: dict) -> dict:
    while "$ref" in value:
        kind, name = value["$ref"].split("/")[-2:]
        value = document["components"][kind][name]
    return value


def test_it_is_a_valid_openapi_3_document_of_the_public_paths_only(document):
    validate(document)  # the OpenAPI 3.0 schema, and every $ref resolves
    assert document["openapi"].startswith("3.0") and "x-tessera-unavailable-services" not in document
    assert set(document["paths"]) >= PUBLIC_PATHS
    assert all(path.startswith(("/api/v1/", CONSUMERAPI)) or path in HEALTH for path in document["paths"])
    assert not any("internal" in path for path in document["paths"])
    assert "Hold" not in document["components"]["schemas"]  # the internal holds API's shapes stay out


def test_every_error_answer_is_the_envelope_and_the_gateway_limits_are_documented(document):
    envelope = document["components"]["schemas"]["ErrorEnvelope"]
    assert set(envelope["properties"]) == {"error", "request_id"}
    for path, method, operation in _tessera_operations(document):
        responses = operation["responses"]
        assert "default" not in responses, (method, path)
        for status, response in responses.items():
            if int(status) >= 400 and not (path == "/readyz" and status == "503"):
                schema = _resolve(document, response)["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorEnvelope"}, (method, path, status)
        if path not in HEALTH:
            assert {"429", "503"} <= set(responses), (method, path)
            retry_after = _resolve(document, responses["429"])["headers"]["Retry-After"]
            assert retry_after["required"] is True


def test_security_schemes_and_which_operations_need_which(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {**schemes["bearerAuth"], "type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    assert schemes["apiKey"]["type"] == "http" and schemes["apiKey"]["scheme"] == "bearer"
    assert "tsk_" in schemes["apiKey"]["description"]
    assert {(schemes[name]["in"], schemes[name]["name"]) for name in ("customerEmail", "bookingLink")} == {
        ("query", "email"),
        ("query", "token"),
    }
    paths = document["paths"]
    assert paths["/api/v1/bookings"]["get"]["security"] == STAFF
    assert paths["/api/v1/audit"]["get"]["security"] == STAFF
    assert paths["/api/v1/venues"]["post"]["security"] == [{"bearerAuth": []}]  # admins only
    for method in ("get", "patch"):
        assert paths["/api/v1/bookings/{reference}"][method]["security"] == [
            {"customerEmail": []},
            {"bookingLink": []},
            *STAFF,
        ]
    for public in (
        paths["/api/v1/venues/{venue}/availability"]["get"],
        paths["/api/v1/bookings"]["post"],
        paths["/api/v1/auth/login"]["post"],
    ):
        assert "security" not in public


def test_the_audit_route_documents_the_notification_services_parameters(document):
    parameters = {parameter["name"] for parameter in document["paths"]["/api/v1/audit"]["get"]["parameters"]}
    assert {"venue", "entity", "from", "to", "cursor", "limit"} <= parameters


def test_the_consumerapi_is_documented_with_its_own_error_shapes_and_credential(document):
    operations = {
        (path[len(CONSUMERAPI) :], method)
        for path, method, operation in _operations(document)
        if "ConsumerApi" in operation.get("tags", ())
    }
    assert operations == CONSUMERAPI_OPERATIONS
    detail = {"$ref": "#/components/schemas/ConsumerApiDetail"}
    for path, method in operations:
        responses = document["paths"][CONSUMERAPI + path][method]["responses"]
        assert {"404", "414", "429", "503", "504"} <= set(responses) and "default" not in responses, (method, path)
        assert not {status for status in responses if status.startswith("5")} - {"503", "504"}, (method, path)
        for status in set(responses) - {"200", "422"}:
            assert _resolve(document, responses[status])["content"]["application/json"]["schema"] == detail
        assert _resolve(document, responses["429"])["headers"]["Retry-After"]["required"] is True
    assert document["components"]["securitySchemes"]["consumerApiOwnerToken"]["scheme"] == "bearer"


def _assert_as_documented(document, path: str, method: str, response) -> None:
    """The answer's status is one the operation lists, and its body fits that status's schema."""
    responses = document["paths"][CONSUMERAPI + path][method]["responses"]
    status = str(response.status_code)
    assert status in responses, (method, path, status, response.text)
    schema = _resolve(document, responses[status])["content"][response.headers["Content-Type"]]["schema"]
    OAS30Validator(
        {**schema, "components": document["components"]}, format_checker=OAS30Validator.FORMAT_CHECKER
    ).validate(response.json())


def test_real_consumerapi_answers_are_as_documented(system, document):
    api = ConsumerApi(system.gateway_url)
    visit = {"VisitDate": CONSUMERAPI_DAY, "VisitTime": "19:30:00", "PartySize": 2}
    booking = api.post(
        "BookingWithStripeToken",
        data={
            **visit,
            "ChannelCode": "ONLINE",
            "Customer[Title]": "Ms",
            "Customer[FirstName]": "Ada",
            "Customer[Surname]": "Lovelace",
            "Customer[Email]": "documented@example.com",
            "SpecialRequests": "Window",
        },
    )
    reference = booking.json()["booking_reference"]
    at_booking = f"Booking/{reference}"
    calls = [
        ("/AvailabilitySearch", "post", api.search(CONSUMERAPI_DAY, 2), 200),
        ("/BookingWithStripeToken", "post", booking, 200),
        ("/Booking/{booking_reference}", "get", api.get(at_booking), 200),
        ("/Booking/{booking_reference}", "patch", api.patch(at_booking, data={"PartySize": 3}), 200),
        (
            "/Booking/{booking_reference}/Update",
            "post",
            api.post(f"{at_booking}/Update", data=visit, headers=OWNER),
            200,
        ),
        (
            "/Bookings",
            "get",
            api.get("Bookings", headers=OWNER, params={"date_from": CONSUMERAPI_DAY, "date_to": CONSUMERAPI_DAY}),
            200,
        ),
        ("/CancellationReasons", "get", api.get("CancellationReasons"), 200),
        ("/Booking/{booking_reference}/Cancel", "post", api.cancel(reference, 2), 200),
        ("/Booking/{booking_reference}", "get", api.get(at_booking), 200),
        ("/Booking/{booking_reference}/Cancel", "post", api.cancel(reference, 2), 400),
        ("/AvailabilitySearch", "post", api.search("15/08/2025", "two"), 422),
        ("/CancellationReasons", "get", api.get("CancellationReasons", restaurant="NoSuchPlace"), 404),
        ("/Bookings", "get", api.get("Bookings"), 401),
    ]
    for path, method, response, status in calls:
        assert response.status_code == status, (method, path, response.text)
        _assert_as_documented(document, path, method, response)
    assert api.get(at_booking).json()["cancellation_reason"]["id"] == 2


def test_swagger_ui_is_served_with_every_asset_from_the_gateway(gateway):
    page = gateway.get("/api/docs")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy and "http" not in policy
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert {asset.rsplit("/", 1)[-1] for asset in assets} >= {
        "swagger-ui-bundle.js",
        "swagger-ui.css",
        "swagger-initializer.js",
    }
    for asset in assets:
        assert asset.startswith("/"), asset  # nothing from another origin
        response = gateway.get(asset)
        assert response.status_code == 200 and len(response.content) > 0, asset
    spec_url = re.search(r'data-spec-url="([^"]+)"', page.text).group(1)
    assert gateway.get(spec_url).status_code == 200
    assert gateway.get("/api/openapi.json").headers["Content-Security-Policy"].startswith("default-src 'none'")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/venues/x%2F..%2F..%2F..%2Finternal%2Fjobs%2Fcheck-ledger",
        f"/api/v1/venues/{VENUE}/%2E%2E/%2E%2E/%2E%2E/internal/jobs/check-ledger",
    ],
)
def test_a_staff_member_cannot_step_out_of_a_public_prefix_into_internal_routes(system, gateway, path):
    # The gateway calls a service with its service credential for an authenticated caller.
    email, password = f"admin-{uuid.uuid4().hex[:8]}@example.com", "an admin's long password"
    system.manage("gateway", "create-staff", "--email", email, "--admin", TESSERA_STAFF_PASSWORD=password)
    token = gateway.post("/api/v1/auth/login", json={"email": email, "password": password}).json()["access_token"]
    response = gateway.post(path, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
