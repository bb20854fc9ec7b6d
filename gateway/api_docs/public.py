"""What the public API looks like through the gateway: which service paths appear under which
public prefixes, which credentials each operation takes, and what the gateway itself may answer
on top of the service (bad credentials, rate limits, a service down or slow)."""

from __future__ import annotations

import copy

from gateway.api_docs.merge import Part, merge, moved_paths, operations, without_unused
from gateway.audit import ROUTE as AUDIT_ROUTE
from gateway.config import BOOKINGS, ROUTES, Route
from gateway.customer_links import LINK_PARAMETER
from gateway.limits import HEALTH_PATHS
from shared.openapi import ACCESS_EXTENSION

# Every service path a client reaches through the gateway.
DOCUMENTED_ROUTES: tuple[Route, ...] = (*ROUTES, AUDIT_ROUTE)
GATEWAY = "gateway"

INFO = {
    "title": "Tessera API",
    "version": "v1",
    "description": (
        "Book tables, rooms, equipment and appointments.\n\n"
        "**Errors.** Every 4xx and 5xx answer of the Tessera API is the envelope `ErrorEnvelope`: "
        '`{"error": {"code", "message", "details"}, "request_id"}`, with a stable snake_case `code`. '
        'The ConsumerApi compatibility surface keeps the shapes of the API it replaces (`{"detail": ...}`).\n\n'
        "**Credentials.** Staff log in at `POST /api/v1/auth/login` and send the access token "
        "(`bearerAuth`); integrations send their venue's API key the same way (`apiKey`). Customers "
        "reach their own booking with its reference plus the e-mail it was made with (`email`), or the "
        f"signed link from their e-mail (`{LINK_PARAMETER}`). A credential sent to a venue, booking or "
        "audit route that does not check out is a `401`, even where none is needed.\n\n"
        "**Rate limits.** Per client address; past one, `429 rate_limited` with `Retry-After`. Every "
        "answer carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`.\n\n"
        "**Lists** are cursor-paginated: pass `next_cursor` back as `cursor`."
    ),
}

SECURITY_SCHEMES = {
    "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "A staff access token from `POST /api/v1/auth/login` (renew it with "
        "`POST /api/v1/auth/refresh`). Staff reach the venues they have a role at; "
        "admins every venue.",
    },
    "apiKey": {
        "type": "http",
        "scheme": "bearer",
        "description": "A venue's API key, sent as `Authorization: Bearer tsk_...`. It reaches that one "
        "venue, within the scopes it was created with (`python -m gateway.manage "
        "create-api-key`).",
    },
    "customerEmail": {
        "type": "apiKey",
        "in": "query",
        "name": "email",
        "description": "A customer: the e-mail address the booking in the path was made with.",
    },
    "bookingLink": {
        "type": "apiKey",
        "in": "query",
        "name": LINK_PARAMETER,
        "description": "A customer: the token of the signed link in their e-mail, which opens "
        "the booking in the path and no other.",
    },
}
STAFF = [{"bearerAuth": []}, {"apiKey": []}]
ADMIN = [{"bearerAuth": []}]  # API keys belong to one venue: never an admin
CUSTOMER_OR_STAFF = [{"customerEmail": []}, {"bookingLink": []}, *STAFF]
SECURITY_BY_ACCESS = {"staff": STAFF, "admin": ADMIN}


def _error(description: str, **extra) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}},
        **extra,
    }


def _header(description: str, *, required: bool = False) -> dict:
    return {"description": description, "required": required, "schema": {"type": "integer"}}


# The gateway's own answers, in the envelope like every other error.
GATEWAY_RESPONSES = {
    "UNAUTHORIZED": _error("Unauthorized"),
    "BAD_REQUEST": _error(
        "The body is not valid JSON (`malformed_json`) or nests deeper than 64 levels (`json_too_deep`)"
    ),
    "UNPROCESSABLE": _error(
        "The body holds a number beyond 64 bits or text with an unpaired surrogate "
        "(`validation_failed`, naming the field)"
    ),
    "PAYLOAD_TOO_LARGE": _error("The body is larger than the gateway accepts (`payload_too_large`)"),
    # A request line beyond gunicorn's largest (8190 bytes) never reaches the gateway: the HTTP
    # server answers it with an HTML page of its own (shared/gunicorn_conf.py).
    "URI_TOO_LONG": {
        "description": "The URL is longer than the gateway accepts (`uri_too_long`); beyond 8190 "
        "bytes the HTTP server answers with its own HTML page",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}},
            "text/html": {"schema": {"type": "string"}},
        },
    },
    "TOO_MANY_REQUESTS": _error(
        "A rate limit was reached (`rate_limited`); try again after `Retry-After` seconds",
        headers={
            "Retry-After": _header("Seconds until the request may be sent again", required=True),
            "X-RateLimit-Limit": _header("Requests allowed in the window"),
            "X-RateLimit-Remaining": _header("Requests left in the window"),
            "X-RateLimit-Reset": _header("When the window resets (Unix time)"),
        },
    ),
    "SERVICE_UNAVAILABLE": _error(
        "A service or database this request needs is unavailable "
        "(`upstream_unavailable`, `database_unavailable`); try again shortly"
    ),
    "GATEWAY_TIMEOUT": _error("A service this request needs did not answer in time (`upstream_timeout`)"),
}


def public_document(own: dict, services: dict[str, dict], extra_parts: list[Part]) -> dict:
    """The document clients see: the gateway's own routes (`own`, its flask-smorest document),
    the services' public paths from their documents in `services` (by upstream name; a service
    missing there is left out and named in `x-tessera-unavailable-services`) and `extra_parts`,
    which document themselves completely."""
    own_part = Part(
        GATEWAY, own.get("paths", {}), _with_gateway_components(own.get("components", {})), own.get("tags", [])
    )
    forwarded = [_service_part(name, document) for name, document in services.items()]
    merged = merge([own_part, *forwarded, *extra_parts])
    for part in (own_part, *forwarded):
        for path in part.paths:
            for operation in operations(merged.paths[path]):
                _as_seen_through_gateway(operation, path, forwarded=part is not own_part)
    merged = without_unused(merged)
    missing = sorted({route.upstream for route in DOCUMENTED_ROUTES} - set(services))
    info = copy.deepcopy(INFO)
    if missing:
        info["description"] += (
            f"\n\n**Incomplete copy:** the {', '.join(missing)} service(s) did not answer; "
            "their operations are missing here."
        )
    document = {
        "openapi": own["openapi"],
        "info": info,
        "tags": merged.tags,
        "paths": merged.paths,
        "components": merged.components,
    }
    if missing:
        document["x-tessera-unavailable-services"] = missing
    return document


def _with_gateway_components(components: dict) -> dict:
    components = copy.deepcopy(components)
    components.setdefault("responses", {}).update(copy.deepcopy(GATEWAY_RESPONSES))
    components["securitySchemes"] = copy.deepcopy(SECURITY_SCHEMES)
    return components


def _service_part(name: str, document: dict) -> Part:
    paths = {}
    for route in DOCUMENTED_ROUTES:
        if route.upstream == name:
            paths.update(moved_paths(document, route.upstream_prefix, route.public_prefix))
    return Part(name, paths, document.get("components", {}), document.get("tags", []))


def _as_seen_through_gateway(operation: dict, path: str, *, forwarded: bool) -> None:
    responses = operation.setdefault("responses", {})
    responses.pop("default", None)  # every status is listed: "default" would make any status conform
    access = operation.pop(ACCESS_EXTENSION, None)
    if access in SECURITY_BY_ACCESS:
        operation["security"] = copy.deepcopy(SECURITY_BY_ACCESS[access])
    elif forwarded and _opens_one_booking(path):
        operation["security"] = copy.deepcopy(CUSTOMER_OR_STAFF)
    for status, name in _gateway_answers(operation, path, forwarded=forwarded).items():
        responses[status] = {"$ref": f"#/components/responses/{name}"}


def _gateway_answers(operation: dict, path: str, *, forwarded: bool) -> dict[str, str]:
    """What the gateway itself may answer on this operation: status -> response component."""
    answers = {"414": "URI_TOO_LONG"}
    if path in HEALTH_PATHS:  # not rate-limited, nothing forwarded
        return answers
    answers |= {"429": "TOO_MANY_REQUESTS", "503": "SERVICE_UNAVAILABLE"}
    if "requestBody" in operation:  # every JSON body is checked first (shared/json_body.py)
        answers |= {"400": "BAD_REQUEST", "413": "PAYLOAD_TOO_LARGE"}
        if "422" not in operation.get("responses", {}):
            answers["422"] = "UNPROCESSABLE"
    if forwarded:
        answers |= {"401": "UNAUTHORIZED", "504": "GATEWAY_TIMEOUT"}
    return answers


def _opens_one_booking(path: str) -> bool:
    """A path below the bookings prefix names one booking, which its customer may reach with the
    e-mail or the signed link (gateway/__init__.py: _forward_as_caller)."""
    return path.startswith(BOOKINGS.public_prefix + "/")
