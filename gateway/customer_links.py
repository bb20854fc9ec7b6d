"""The signed link in a customer's e-mail: `/api/v1/bookings/<reference>?token=...` opens that
one booking (to read, change or cancel) without the e-mail address.

A token for another booking, or one we did not sign, is a 404 like a wrong e-mail; an
expired one of ours says so (that reveals nothing: only we can sign them).
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import current_app, request

from shared.errors import ApiError, NotFound
from shared.identity import Caller, ExpiredLink, InvalidIdentity, read_booking_link

LINK_PARAMETER = "token"


class LinkExpired(ApiError):
    status, code, message = 401, "link_expired", "This link has expired. Use your booking reference and e-mail instead."


def link_caller(reference: str) -> Caller | None:
    """The customer a link in this request opens `reference` for; None when there is no link."""
    token = request.args.get(LINK_PARAMETER)
    if token is None:
        return None
    try:
        linked = read_booking_link(token, current_app.config["IDENTITY_SIGNING_KEY"])
    except ExpiredLink as exc:
        raise LinkExpired() from exc
    except InvalidIdentity as exc:
        raise NotFound() from exc
    if linked.upper() != reference.strip().upper():
        raise NotFound()
    return Caller(kind="customer", subject=linked)


def query_without_link() -> bytes:
    return urlencode(
        [(name, value) for name, value in request.args.items(multi=True) if name != LINK_PARAMETER]
    ).encode()
