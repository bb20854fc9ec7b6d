"""The owner routes' bearer token (`GET .../Bookings`, `POST .../Booking/{ref}/Update`), and the
customer routes' (read, change, cancel a booking) at a venue that does not open bookings by their
reference alone (its `consumerapi_public_lookup` is off).

A token is an API key of the venue (gateway/identity/api_keys.py), given exactly as
`Authorization: Bearer <token>`. No header, or another form of it, is `401 Invalid
authorization header format`; an unknown or revoked key, or one of another venue, is `401
Invalid or expired token`; a key without the scope the route needs is a 403. The public routes
never read the header, so a token sent there (as the reference's frontend does) changes nothing.
"""

from __future__ import annotations

from flask import request

from gateway.consumerapi.errors import BAD_AUTHORIZATION, BAD_TOKEN, Refused
from gateway.consumerapi.tessera import venue_caller
from gateway.identity.api_keys import caller_for_api_key
from gateway.identity.guard import MAX_TOKEN_LENGTH
from shared.identity import Caller

SCHEME = "Bearer "


def key_holder() -> Caller:
    """The API key this request's bearer token is."""
    header = request.headers.get("Authorization")
    if header is None or not header.startswith(SCHEME) or len(header) == len(SCHEME):
        raise Refused(401, BAD_AUTHORIZATION)
    token = header[len(SCHEME) :]
    caller = caller_for_api_key(token) if len(token) <= MAX_TOKEN_LENGTH else None
    if caller is None:
        raise Refused(401, BAD_TOKEN)
    return caller


def authorize_owner(caller: Caller, venue: str, permission: str) -> None:
    """The key must be one of this venue's, with `permission` among its scopes."""
    if venue not in caller.grants:
        raise Refused(401, BAD_TOKEN)
    if not caller.may(venue, permission):
        raise Refused(403, f"This token does not allow this: it lacks the {permission} scope")


def customer_route_caller(venue: dict, permission: str) -> Caller:
    """Who reads, changes or cancels a booking by its reference: anyone relayed as the venue's
    integration where the venue allows that (as the contract's public routes do), else only the
    holder of one of the venue's API keys with `permission`."""
    if venue["consumerapi_public_lookup"]:
        return venue_caller(venue["slug"])
    holder = key_holder()
    authorize_owner(holder, venue["slug"], permission)
    return holder
