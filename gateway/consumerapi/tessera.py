"""The calls the ConsumerApi adapter makes onto the Tessera services' own APIs.

Public reads (a venue, its availability, the cancellation reasons) go without an identity. Every
booking call names a caller: the owner's API key on the owner routes, otherwise `venue_caller`,
an integration of exactly the path's venue, so the booking service itself keeps the adapter
inside that venue whatever the adapter asks for.

A service's refusal (a 4xx in the Tessera envelope) is raised as `Refusal` for the endpoint to
translate into the contract's words; anything else from a service is a 503.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date, time
from urllib.parse import quote

from flask import current_app, request

from gateway.proxy import Answer
from shared.errors import UpstreamUnavailable
from shared.identity import BOOKINGS_READ, BOOKINGS_WRITE, Caller

log = logging.getLogger(__name__)

IDEMPOTENCY_HEADER = "Idempotency-Key"
BOOKING_PAGE_SIZE = 200  # the booking service's largest page


class Refusal(Exception):
    """A Tessera service answered 4xx with its error envelope."""

    def __init__(self, status: int, code: str, message: str, details: dict) -> None:
        super().__init__(code)
        self.status, self.code, self.message, self.details = status, code, message, details


def venue_caller(venue: str, *, client_email: str | None = None) -> Caller:
    """The public routes' caller: an integration of exactly this venue, relaying one anonymous
    client (named by the e-mail it books with, else by its address), so that client's
    Idempotency-Keys are its own. It may not change what the venue knows of a customer."""
    client = f"email:{client_email.strip().lower()}" if client_email else f"address:{request.remote_addr}"
    return Caller(
        kind="api_key",
        subject=f"consumerapi:{venue}",
        grants={venue: frozenset({BOOKINGS_READ, BOOKINGS_WRITE})},
        on_behalf_of=hashlib.sha256(client.encode()).hexdigest()[:32],
    )


def _call(service: str, method: str, path: str, *, caller: Caller | None = None, **kwargs) -> dict:
    response = current_app.extensions["tessera_upstreams"][service].call(method, path, caller=caller, **kwargs)
    if response.status_code in (200, 201):
        return response.json()
    error = _error_of(response)
    if error is not None and 400 <= response.status_code < 500:
        raise Refusal(response.status_code, error.get("code", ""), error.get("message", ""), error.get("details") or {})
    log.warning("service answered unexpectedly", extra={"upstream": service, "status": response.status_code})
    raise UpstreamUnavailable()


def _error_of(response: Answer) -> dict | None:
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return None
    return error if isinstance(error, dict) else None


def _keyed() -> dict[str, str]:
    """The client's Idempotency-Key, passed on (the booking service checks and honours it)."""
    key = request.headers.get(IDEMPOTENCY_HEADER)
    return {IDEMPOTENCY_HEADER: key} if key is not None else {}


def _path(*segments: str) -> str:
    return "".join(f"/{quote(segment, safe='')}" for segment in segments)


def get_venue(slug: str) -> dict:
    return _call("availability", "GET", "/v1/venues" + _path(slug))


def day_availability(slug: str, on: date, party_size: int) -> dict:
    return _call(
        "availability",
        "GET",
        f"/v1/venues{_path(slug)}/availability",
        params={"date": on.isoformat(), "party_size": party_size},
    )


def cancellation_reasons() -> list[dict]:
    return _call("booking", "GET", "/v1/cancellation-reasons")["items"]


def get_booking(caller: Caller, reference: str) -> dict:
    return _call("booking", "GET", "/v1/bookings" + _path(reference), caller=caller)


def create_booking(caller: Caller, body: dict) -> dict:
    return _call("booking", "POST", "/v1/bookings", caller=caller, json=body, headers=_keyed())


def change_booking(caller: Caller, reference: str, changes: dict) -> dict:
    return _call("booking", "PATCH", "/v1/bookings" + _path(reference), caller=caller, json=changes, headers=_keyed())


def cancel_booking(caller: Caller, reference: str, reason_id: int) -> dict:
    return _call(
        "booking",
        "POST",
        f"/v1/bookings{_path(reference)}/cancel",
        caller=caller,
        json={"reason_id": reason_id},
        headers=_keyed(),
    )


def list_bookings(caller: Caller, params: dict) -> dict:
    return _call("booking", "GET", "/v1/bookings", caller=caller, params=params)


def wall_clock(at: time) -> str:
    """A slot time as Tessera names it (`19:00`)."""
    return at.strftime("%H:%M")
