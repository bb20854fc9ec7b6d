"""The public API document's parts: merging documents without clashes, the copy served while
services are down; and two gateway fixes schemathesis led to: the upstream path of a forwarded
request, and the URL length limit."""

from __future__ import annotations

import pytest
from flask import request

from gateway.api_docs.merge import Part, merge, moved_paths, without_unused
from gateway.app import create_app
from gateway.config import Route, Settings
from gateway.request_limits import MAX_TARGET_BYTES
from gateway.upstream_paths import upstream_path
from shared.errors import NotFound
from tests.support.backends import free_port


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _get(schema: dict) -> dict:
    return {"get": {"responses": {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}}}


def test_equal_components_are_shared_and_clashing_ones_renamed_with_their_references():
    customer_a = {"type": "object", "properties": {"email": {"type": "string"}}}
    customer_b = {"type": "object", "properties": {"phone": {"type": "string"}}}
    error = {"type": "object", "properties": {"code": {"type": "string"}}}
    first = Part("availability", {"/a": _get(_ref("Customer"))}, {"schemas": {"Customer": customer_a, "Error": error}})
    second = Part(
        "booking",
        {"/b": _get(_ref("Holder"))},
        {
            "schemas": {
                "Customer": customer_b,
                "Error": dict(error),
                "Holder": {"type": "object", "properties": {"who": _ref("Customer")}},
            }
        },
    )
    merged = merge([first, second])
    assert merged.components["schemas"]["Customer"] == customer_a
    assert merged.components["schemas"]["BookingCustomer"] == customer_b
    assert merged.components["schemas"]["Holder"]["properties"]["who"] == _ref("BookingCustomer")
    assert "BookingError" not in merged.components["schemas"]
    assert second.components["schemas"]["Holder"]["properties"]["who"] == _ref("Customer")  # inputs unchanged


def test_components_and_tags_no_path_uses_are_left_out_but_security_schemes_stay():
    merged = without_unused(
        merge(
            [
                Part(
                    "service",
                    {"/used": {"get": {**_get(_ref("Page"))["get"], "tags": ["kept"]}}},
                    {
                        "schemas": {
                            "Page": {
                                "type": "object",
                                "properties": {"items": {"type": "array", "items": _ref("Item")}},
                            },
                            "Item": {"type": "object"},
                            "Hold": {"type": "object"},
                        },
                        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
                    },
                    [{"name": "kept"}, {"name": "internal"}],
                )
            ]
        )
    )
    assert set(merged.components["schemas"]) == {"Page", "Item"}
    assert set(merged.components["securitySchemes"]) == {"bearerAuth"}
    assert merged.tags == [{"name": "kept"}]


def test_only_paths_at_or_under_the_prefix_move():
    document = {
        "paths": {
            "/v1/bookings": {},
            "/v1/bookings/{reference}": {},
            "/v1/bookingsx": {},
            "/internal/holds": {},
            "/healthz": {},
        }
    }
    assert set(moved_paths(document, "/v1/bookings", "/api/v1/bookings")) == {
        "/api/v1/bookings",
        "/api/v1/bookings/{reference}",
    }


def test_a_path_is_never_documented_twice():
    with pytest.raises(ValueError):
        merge([Part("a", {"/x": _get({})}), Part("b", {"/x": _get({})})])


@pytest.fixture
def gateway_app(monkeypatch, tmp_path):
    """A gateway whose services are all down (their ports answer nothing)."""
    monkeypatch.setenv("TESSERA_ENV", "test")
    monkeypatch.setenv("GATEWAY_DATABASE_URL", f"sqlite:///{tmp_path / 'gateway.db'}")
    for service in ("AVAILABILITY", "BOOKING", "NOTIFICATION"):
        monkeypatch.setenv(f"{service}_URL", f"http://127.0.0.1:{free_port()}")
    return create_app(Settings.from_env())


def test_while_services_are_down_the_document_has_the_gateway_routes_and_says_what_is_missing(gateway_app):
    response = gateway_app.test_client().get("/api/openapi.json")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    document = response.get_json()
    assert document["x-tessera-unavailable-services"] == ["availability", "booking", "notification"]
    own = {path for path in document["paths"] if not path.startswith("/api/ConsumerApi/")}
    assert own == {
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/me",
        "/healthz",
        "/readyz",
    }
    assert len(document["paths"]) > len(own)  # the ConsumerApi adapter is the gateway's own too
    assert "Incomplete copy" in document["info"]["description"]


@pytest.mark.parametrize(
    "raw_path, expected",
    [
        ("/api/v1/bookings/ABC123/cancel", "/v1/bookings/ABC123/cancel"),
        ("/api/v1/bookings/-%3F/no-show", "/v1/bookings/-%3F/no-show"),
        ("/api/v1/bookings/a%23b%25", "/v1/bookings/a%23b%25"),
        ("/api/v1/bookings/caf%C3%A9", "/v1/bookings/caf%C3%A9"),
    ],
)
def test_segments_are_encoded_again_for_the_service(gateway_app, raw_path, expected):
    with gateway_app.test_request_context(raw_path):
        subpath = request.view_args["subpath"]
        assert upstream_path(Route("/api/v1/bookings", "booking", "/v1/bookings"), subpath) == expected


@pytest.mark.parametrize(
    "raw_path",
    [
        "/api/v1/venues/x/../../../internal/holds",
        "/api/v1/venues/%2E%2E/%2e%2e/internal/holds",
        "/api/v1/venues/x%2F..%2F..%2Finternal%2Fholds",
        "/api/v1/venues/x%2fy",
        "/api/v1/venues/x//y",
        "/api/v1/venues/./x",
    ],
)
def test_a_path_that_could_step_out_of_its_prefix_names_nothing(gateway_app, raw_path):
    with gateway_app.test_request_context(raw_path):
        subpath = request.view_args["subpath"]
        with pytest.raises(NotFound):
            upstream_path(Route("/api/v1/venues", "availability", "/v1/venues"), subpath)


STAYS = Route("/api/v1/venues/{venue}/stays", "booking", "/v1/venues/{venue}/stays")


@pytest.mark.parametrize(
    "raw_path, endpoint, expected",
    [
        (
            "/api/v1/venues/TheHarbourHotel/stays/availability",
            "proxy_booking",
            "/v1/venues/TheHarbourHotel/stays/availability",
        ),
        ("/api/v1/venues/caf%C3%A9/stays/availability", "proxy_booking", "/v1/venues/caf%C3%A9/stays/availability"),
        ("/api/v1/venues/TheHarbourHotel/room-nights", "proxy_availability", None),
        ("/api/v1/venues/stays/x", "proxy_availability", None),
    ],
)
def test_a_venues_stays_go_to_the_booking_service_and_the_rest_of_it_to_availability(
    gateway_app, raw_path, endpoint, expected
):
    with gateway_app.test_request_context(raw_path):
        assert request.endpoint.startswith(endpoint)
        if expected is not None:
            assert upstream_path(STAYS, request.view_args["subpath"], request.view_args["venue"]) == expected


@pytest.mark.parametrize("venue", ["..", ".", ""])
def test_a_venue_that_could_step_out_of_its_prefix_names_nothing(gateway_app, venue):
    with pytest.raises(NotFound):
        upstream_path(STAYS, "availability", venue)


def test_a_url_over_the_limit_is_a_414_in_the_envelope(gateway_app):
    client = gateway_app.test_client()
    target = "/healthz?" + "a" * (MAX_TARGET_BYTES - len("/healthz?"))
    assert client.get(target).status_code == 200
    response = client.get(target + "a")
    assert response.status_code == 414 and response.get_json()["error"]["code"] == "uri_too_long"
