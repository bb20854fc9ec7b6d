"""The ConsumerApi surface in the public API document (`GET /api/openapi.json`): `document_part`
is its part of that document (gateway/api_docs: `add_document_part`), complete with its own
error shapes and security scheme, since it answers as the reference does, not in Tessera's
envelope.

Form bodies and query parameters are the pydantic models of forms.py, so they cannot drift from
what is read; the answers are the models below, one per shape that shapes.py, availability.py,
listing.py and bookings.py write (tests/unit/test_consumerapi_document.py holds them to those
functions' real output). pydantic writes JSON Schema 2020-12; `_openapi_schema` turns it into
OpenAPI 3.0.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import models_json_schema

from gateway.api_docs import Part
from gateway.consumerapi import errors, forms
from gateway.consumerapi.tessera import IDEMPOTENCY_HEADER
from gateway.request_limits import MAX_TARGET_BYTES

TAG = "ConsumerApi"
RESTAURANT = "/api/ConsumerApi/v1/Restaurant/{restaurant_name}"
COMPONENT_PREFIX = "ConsumerApi"  # every component of this part is named ConsumerApi<Model>
SCHEMA_REF = "#/components/schemas/" + COMPONENT_PREFIX
RESPONSE_REF = "#/components/responses/" + COMPONENT_PREFIX
OWNER_TOKEN = "consumerApiOwnerToken"
OWNER = [{OWNER_TOKEN: []}]
# No credential where the venue opens bookings by reference alone, else one of its API keys.
CUSTOMER = [{}, {OWNER_TOKEN: []}]

ClockTime = Annotated[str, Field(pattern=r"^\d{2}:\d{2}:\d{2}$", description="`HH:MM:SS`, the venue's local time")]
Timestamp = Annotated[
    str,
    Field(
        pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$",
        description="UTC without a zone, with microseconds (always `000000`)",
    ),
]
BookingNumber = Annotated[int, Field(description="The first 52 bits of Tessera's booking UUID: stable, below 2^53")]
Status = Annotated[
    str, Field(description="Tessera's booking status: pending, confirmed, cancelled, completed, no_show or expired")
]


class Answer(BaseModel):
    """Every key is always there (a default of None marks one that may be left out, never null)."""

    model_config = ConfigDict(extra="forbid")


class Slot(Answer):
    time: ClockTime
    available: bool = Field(description="The party can book it now: room left for it, not started, not too soon")
    max_party_size: int = Field(description="The venue's largest party")
    current_bookings: int = Field(description="Confirmed bookings starting then")


class SearchResult(Answer):
    """Every slot of the date when the party is within the venue's largest; none on a date the
    venue offers nothing (past, beyond its horizon)."""

    restaurant: str
    restaurant_id: int
    visit_date: date
    party_size: int
    channel_code: str
    available_slots: list[Slot]
    total_slots: int


class NewBookingCustomer(Answer):
    """The customer as the request gave them."""

    id: int
    title: str | None
    first_name: str | None
    surname: str | None
    email: str | None
    mobile: str | None


class NewBooking(Answer):
    booking_reference: str
    booking_id: BookingNumber
    restaurant: str
    visit_date: date
    visit_time: ClockTime
    party_size: int
    channel_code: str
    special_requests: str | None
    is_leave_time_confirmed: bool | None = Field(description="As the request gave it (null when left out)")
    room_number: str | None
    customer: NewBookingCustomer
    status: Status
    created_at: Timestamp


class BookingCustomer(NewBookingCustomer):
    phone: str | None


class CancellationReason(Answer):
    id: int
    reason: str
    description: str


class Booking(Answer):
    booking_reference: str
    booking_id: BookingNumber
    restaurant: str
    visit_date: date
    visit_time: ClockTime
    party_size: int
    channel_code: str
    special_requests: str | None
    is_leave_time_confirmed: bool
    room_number: str | None
    status: Status
    customer: BookingCustomer
    cancellation_reason: CancellationReason | None = Field(description="Null unless cancelled")
    created_at: Timestamp
    updated_at: Timestamp


class ListedCustomer(Answer):
    id: int
    first_name: str | None
    surname: str | None
    email: str | None
    mobile: str | None


class ListedBooking(Answer):
    booking_reference: str
    booking_id: BookingNumber
    restaurant: str
    visit_date: date
    visit_time: ClockTime
    party_size: int
    status: Status
    customer: ListedCustomer
    created_at: Timestamp
    updated_at: Timestamp


class BookingUpdates(Answer):
    """What the change changed, each with its new value; what it did not change is left out."""

    visit_date: date = None
    visit_time: ClockTime = None
    party_size: int = None
    special_requests: str | None = None
    is_leave_time_confirmed: bool = None


class ChangedBooking(Answer):
    booking_reference: str
    booking_id: BookingNumber
    restaurant: str
    updates: BookingUpdates
    status: Literal["updated", "no_changes"]
    updated_at: Timestamp
    message: str


class UpdatedBooking(Answer):
    message: str
    booking_reference: str
    visit_date: date
    visit_time: ClockTime
    party_size: int
    special_requests: str | None


class CancelledBooking(Answer):
    booking_reference: str
    booking_id: BookingNumber
    restaurant: str
    microsite_name: str
    cancellation_reason_id: int
    cancellation_reason: str
    status: Status
    cancelled_at: Timestamp
    message: str


class Detail(Answer):
    """A refusal: the contract's message, or the reason phrase of the HTTP status."""

    detail: str


class FieldError(Answer):
    type: str
    loc: list[str | int] = Field(description='Where: `["body"|"query"|"header", <field>]`')
    msg: str
    input: Any = Field(description="The value given (null when missing)")
    ctx: dict[str, Any] = None
    url: str


class InvalidFields(Answer):
    """FastAPI's validation error: one entry per bad field."""

    detail: list[FieldError]


FORMS = (forms.SearchForm, forms.BookingForm, forms.BookingChangeForm, forms.BookingUpdateForm, forms.CancelForm)
ANSWERS = (
    SearchResult,
    NewBooking,
    Booking,
    ListedBooking,
    ChangedBooking,
    UpdatedBooking,
    CancelledBooking,
    CancellationReason,
    Detail,
    InvalidFields,
)
# pydantic writes the bounds of an int with a BeforeValidator (forms.Int64) under their Python names.
BOUNDS = {"ge": "minimum", "le": "maximum"}
NULL = {"type": "null"}


def _openapi_schema(schema: dict, definitions: dict, *, request: bool) -> dict:
    """One of pydantic's JSON Schemas as an OpenAPI 3.0 Schema Object. An `X | None` (anyOf X
    or null) is X, `nullable` in an answer; a request cannot send null (a form field or query
    parameter is given or left out), so there it is X alone."""
    schema = {
        key: value for key, value in schema.items() if key != "title" and not (key == "default" and value is None)
    }
    for bound, keyword in BOUNDS.items():
        if bound in schema:
            schema[keyword] = schema.pop(bound)
    if NULL in schema.get("anyOf", ()):
        (given,) = [branch for branch in schema.pop("anyOf") if branch != NULL]
        if "$ref" in given:  # OpenAPI 3.0 allows null only beside a type: the referenced schema is inlined
            given = definitions[given["$ref"].removeprefix(SCHEMA_REF)]
        schema = {**given, **schema, **({} if request else {"nullable": True})}
        return _openapi_schema(schema, definitions, request=request)
    if "properties" in schema:
        schema["properties"] = {
            name: _openapi_schema(value, definitions, request=request) for name, value in schema["properties"].items()
        }
    if "items" in schema:
        schema["items"] = _openapi_schema(schema["items"], definitions, request=request)
    if "anyOf" in schema:
        schema["anyOf"] = [_openapi_schema(branch, definitions, request=request) for branch in schema["anyOf"]]
    return schema


def _schemas(models: tuple[type[BaseModel], ...], *, request: bool) -> dict[str, dict]:
    _, document = models_json_schema(
        [(model, "validation") for model in models], by_alias=True, ref_template=SCHEMA_REF + "{model}"
    )
    definitions = document["$defs"]
    return {
        COMPONENT_PREFIX + name: _openapi_schema(schema, definitions, request=request)
        for name, schema in definitions.items()
    }


def _ref(model: type[BaseModel]) -> dict:
    return {"$ref": SCHEMA_REF + model.__name__}


def _json(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


def _header(description: str, *, required: bool = False) -> dict:
    return {"description": description, "required": required, "schema": {"type": "integer"}}


def _messages(*messages: str) -> str:
    return '`{"detail"}`: ' + "; ".join(f"`{message}`" for message in messages)


RESPONSES = {
    "PayloadTooLarge": {
        "description": "The body is larger than the gateway accepts (`Request Entity Too Large`)",
        "content": _json(_ref(Detail)),
    },
    # A request line beyond gunicorn's largest (8190 bytes) never reaches the gateway.
    "UriTooLong": {
        "description": f"The URL is longer than {MAX_TARGET_BYTES} bytes; beyond 8190 bytes the HTTP "
        "server answers with its own HTML page",
        "content": {**_json(_ref(Detail)), "text/html": {"schema": {"type": "string"}}},
    },
    "InvalidFields": {
        "description": "A field is missing or not valid (FastAPI's list, one entry per field); or a "
        "Tessera service found the request unprocessable, e.g. an Idempotency-Key used "
        'with another request (`{"detail": "<its message>"}`)',
        "content": _json({"anyOf": [_ref(InvalidFields), _ref(Detail)]}),
    },
    "TooManyRequests": {
        "description": "A rate limit was reached (`Too Many Requests`); try again after `Retry-After` seconds",
        "content": _json(_ref(Detail)),
        "headers": {
            "Retry-After": _header("Seconds until the request may be sent again", required=True),
            "X-RateLimit-Limit": _header("Requests allowed in the window"),
            "X-RateLimit-Remaining": _header("Requests left in the window"),
            "X-RateLimit-Reset": _header("When the window resets (Unix time)"),
        },
    },
    "ServiceUnavailable": {
        "description": "A service or database this request needs is unavailable; try again "
        "shortly (after `Retry-After` seconds, when given)",
        "content": _json(_ref(Detail)),
        "headers": {"Retry-After": _header("Seconds until the service is tried again")},
    },
    "GatewayTimeout": {
        "description": "A service this request needs did not answer in time",
        "content": _json(_ref(Detail)),
    },
}


def _path_parameter(name: str, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": {"type": "string"}}


RESTAURANT_NAME = _path_parameter("restaurant_name", "The venue's slug, exact and case-sensitive (`TheHungryUnicorn`)")
BOOKING_REFERENCE = _path_parameter("booking_reference", "The booking's reference (case-insensitive)")
IDEMPOTENCY_KEY = {
    "name": IDEMPOTENCY_HEADER,
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": "Repeat the request safely (1-128 printable ASCII characters): the first answer is given again",
}
UNAUTHORIZED = {"description": _messages(errors.BAD_AUTHORIZATION, errors.BAD_TOKEN), "content": _json(_ref(Detail))}
FORBIDDEN = {"description": '`{"detail"}`: the API key lacks the scope this needs', "content": _json(_ref(Detail))}
CONFLICT = {
    "description": '`{"detail"}` in the booking service\'s words: the booking changed meanwhile, or the '
    "Idempotency-Key's first request failed (send a new key)",
    "content": _json(_ref(Detail)),
}
OWNER_TOKEN_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "An API key of the path's venue, sent exactly as `Authorization: Bearer <key>`. The owner "
    "routes need it, with `bookings:read` (list) or `bookings:write` (Update); so do the routes "
    "that open a booking by its reference at a venue whose `consumerapi_public_lookup` is off "
    "(elsewhere they take no credential and ignore one sent).",
}
TAG_DESCRIPTION = (
    "The Restaurant Booking Mock API's ConsumerApi v1, for the clients written against it: form-encoded bodies "
    "and the reference's JSON shapes. Its errors are the reference's, not the `ErrorEnvelope`: "
    '`{"detail": "<message>"}`, and FastAPI\'s `{"detail": [...]}` for fields that are not valid. A booking '
    "made here is an ordinary Tessera booking."
)


def _query_parameters(model: type[forms.Form]) -> list[dict]:
    schema = model.model_json_schema(by_alias=True)
    return [
        {
            "name": name,
            "in": "query",
            "required": name in schema.get("required", ()),
            "schema": _openapi_schema(value, {}, request=True),
        }
        for name, value in schema["properties"].items()
    ]


def _form_body(model: type[forms.Form]) -> dict:
    body = {"schema": _ref(model)}
    return {
        "required": bool(model.model_json_schema(by_alias=True).get("required")),
        "content": {"application/x-www-form-urlencoded": body, "multipart/form-data": body},
    }


def _operation(
    operation_id: str,
    summary: str,
    answer: dict,
    *,
    refusals: dict[str, str],
    form: type[forms.Form] | None = None,
    query: type[forms.Form] | None = None,
    security: list[dict] | None = None,
    keyed: bool = False,
) -> dict:
    """One operation: `answer` is its 200's schema, `refusals` its business errors (status ->
    description), `keyed` whether it passes the client's Idempotency-Key on."""
    operation: dict[str, Any] = {"tags": [TAG], "operationId": operation_id, "summary": summary}
    parameters = ([IDEMPOTENCY_KEY] if keyed else []) + (_query_parameters(query) if query else [])
    if parameters:
        operation["parameters"] = parameters
    if form is not None:
        operation["requestBody"] = _form_body(form)
    if security is not None:
        operation["security"] = security
    responses = {
        "200": {"description": "OK", "content": _json(answer)},
        **{
            status: {"description": description, "content": _json(_ref(Detail))}
            for status, description in refusals.items()
        },
    }
    if security is not None:
        responses |= {"401": UNAUTHORIZED, "403": FORBIDDEN}
    if keyed:
        responses["409"] = CONFLICT
    if form is not None:
        responses["413"] = {"$ref": RESPONSE_REF + "PayloadTooLarge"}
    if form is not None or query is not None:
        responses["422"] = {"$ref": RESPONSE_REF + "InvalidFields"}
    responses |= {
        status: {"$ref": RESPONSE_REF + name}
        for status, name in (
            ("414", "UriTooLong"),
            ("429", "TooManyRequests"),
            ("503", "ServiceUnavailable"),
            ("504", "GatewayTimeout"),
        )
    }
    operation["responses"] = dict(sorted(responses.items()))
    return operation


def _paths() -> dict[str, dict]:
    not_found = _messages(errors.RESTAURANT_NOT_FOUND)
    booking_not_found = _messages(errors.RESTAURANT_NOT_FOUND, errors.BOOKING_NOT_FOUND)
    return {
        f"{RESTAURANT}/AvailabilitySearch": {
            "parameters": [RESTAURANT_NAME],
            "post": _operation(
                "consumerApiAvailabilitySearch",
                "The restaurant's slots on a date, for a party",
                _ref(SearchResult),
                form=forms.SearchForm,
                refusals={"404": not_found},
            ),
        },
        f"{RESTAURANT}/BookingWithStripeToken": {
            "parameters": [RESTAURANT_NAME],
            "post": _operation(
                "consumerApiCreateBooking",
                "Book a slot (no payment is taken)",
                _ref(NewBooking),
                form=forms.BookingForm,
                keyed=True,
                refusals={
                    "400": _messages(errors.NO_SLOT, errors.SLOT_NOT_AVAILABLE, errors.PARTY_TOO_LARGE),
                    "404": not_found,
                },
            ),
        },
        f"{RESTAURANT}/Booking/{{booking_reference}}": {
            "parameters": [RESTAURANT_NAME, BOOKING_REFERENCE],
            "get": _operation(
                "consumerApiGetBooking",
                "A booking, by its reference",
                _ref(Booking),
                security=CUSTOMER,
                refusals={"404": booking_not_found},
            ),
            "patch": _operation(
                "consumerApiChangeBooking",
                "Change a booking's date, time, party, requests; only what differs",
                _ref(ChangedBooking),
                form=forms.BookingChangeForm,
                security=CUSTOMER,
                keyed=True,
                refusals={
                    "400": _messages(
                        errors.CANCELLED_NOT_CHANGEABLE, errors.PARTY_TOO_LARGE, errors.SLOT_NO_LONGER_AVAILABLE
                    ),
                    "404": _messages(errors.RESTAURANT_NOT_FOUND, errors.BOOKING_NOT_FOUND, errors.NEW_SLOT_NOT_FOUND),
                },
            ),
        },
        f"{RESTAURANT}/Booking/{{booking_reference}}/Update": {
            "parameters": [RESTAURANT_NAME, BOOKING_REFERENCE],
            "post": _operation(
                "consumerApiUpdateBooking",
                "The owner sets a booking's visit again (SpecialRequests left out are cleared)",
                _ref(UpdatedBooking),
                form=forms.BookingUpdateForm,
                security=OWNER,
                keyed=True,
                refusals={
                    "400": _messages(
                        errors.CANCELLED_NOT_UPDATABLE, errors.PARTY_TOO_LARGE, errors.SLOT_NO_LONGER_AVAILABLE
                    ),
                    "404": _messages(errors.RESTAURANT_NOT_FOUND, errors.BOOKING_NOT_FOUND, errors.NEW_SLOT_NOT_FOUND),
                },
            ),
        },
        f"{RESTAURANT}/Booking/{{booking_reference}}/Cancel": {
            "parameters": [RESTAURANT_NAME, BOOKING_REFERENCE],
            "post": _operation(
                "consumerApiCancelBooking",
                "Cancel a booking",
                _ref(CancelledBooking),
                form=forms.CancelForm,
                security=CUSTOMER,
                keyed=True,
                refusals={
                    "400": _messages(
                        errors.REFERENCE_MISMATCH,
                        errors.RESTAURANT_MISMATCH,
                        errors.ALREADY_CANCELLED,
                        errors.INVALID_REASON,
                        "Cannot cancel a <status> booking",
                    ),
                    "404": booking_not_found,
                },
            ),
        },
        f"{RESTAURANT}/Bookings": {
            "parameters": [RESTAURANT_NAME],
            "get": _operation(
                "consumerApiListBookings",
                "The owner's list of the restaurant's bookings, latest visit first",
                {"type": "array", "items": _ref(ListedBooking)},
                query=forms.BookingsQuery,
                security=OWNER,
                refusals={"404": not_found},
            ),
        },
        f"{RESTAURANT}/CancellationReasons": {
            "parameters": [RESTAURANT_NAME],
            "get": _operation(
                "consumerApiCancellationReasons",
                "The reasons a cancel may give",
                {"type": "array", "items": _ref(CancellationReason)},
                refusals={"404": not_found},
            ),
        },
    }


def document_part() -> Part:
    """The ConsumerApi's paths, components and tag for the public API document."""
    return Part(
        name="consumerApi",
        paths=_paths(),
        components={
            "schemas": {**_schemas(FORMS, request=True), **_schemas(ANSWERS, request=False)},
            "responses": {COMPONENT_PREFIX + name: response for name, response in RESPONSES.items()},
            "securitySchemes": {OWNER_TOKEN: OWNER_TOKEN_SCHEME},
        },
        tags=[{"name": TAG, "description": TAG_DESCRIPTION}],
    )
