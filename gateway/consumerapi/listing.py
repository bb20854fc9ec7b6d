"""`GET .../Bookings` (owner token): the venue's bookings, latest visit first, by limit and offset.

The booking service pages by cursor (at most 200 a page) and skips by offset, so a page here is
at most three calls. `limit` is clamped to 1..500 and a negative offset counts as 0; a status
Tessera does not know matches nothing, as it did in the reference, and so does an inverted range.
Tessera lists at most 366 days between `from` and `to`; for a longer range the list is asked up to
`date_to` only and stops at the first booking before `date_from` (latest first, nothing after
it could match).
"""

from __future__ import annotations

from datetime import date, timedelta

from gateway.consumerapi import tessera
from gateway.consumerapi.forms import BookingsQuery
from gateway.consumerapi.owner import authorize_owner, key_holder
from gateway.consumerapi.shapes import booking_row
from gateway.consumerapi.validation import read_query
from gateway.consumerapi.venues import find_restaurant
from shared.identity import BOOKINGS_READ
from shared.schemas import EARLIEST_DATE, latest_date

MAX_LIMIT = 500
TESSERA_STATUSES = ("pending", "confirmed", "cancelled", "completed", "no_show", "expired")
MAX_SPAN = timedelta(days=366)


def list_for_owner(restaurant: str) -> list[dict]:
    owner = key_holder()
    query = read_query(BookingsQuery)
    venue = find_restaurant(restaurant)
    authorize_owner(owner, venue["slug"], BOOKINGS_READ)
    if query.status and query.status not in TESSERA_STATUSES:
        return []
    # Tessera keeps no booking outside its sane range of dates (shared/schemas.py): a filter beyond
    # it filters nothing more.
    date_from = max(query.date_from, EARLIEST_DATE) if query.date_from else None
    date_to = min(query.date_to, latest_date()) if query.date_to else None
    if (
        (date_from and date_to and date_from > date_to)
        or (date_to and date_to < EARLIEST_DATE)
        or (date_from and date_from > latest_date())
    ):
        return []
    params = {"venue": venue["slug"], "order": "desc", "offset": max(query.offset, 0)}
    if query.status:
        params["status"] = query.status
    if date_to:
        params["to"] = date_to.isoformat()
    if date_from and (date_to is None or date_to - date_from <= MAX_SPAN):
        params["from"] = date_from.isoformat()
    return [booking_row(booking) for booking in _collect(owner, params, min(max(query.limit, 1), MAX_LIMIT), date_from)]


def _collect(owner, params: dict, limit: int, earliest: date | None) -> list[dict]:
    rows: list[dict] = []
    while len(rows) < limit:
        page = tessera.list_bookings(owner, {**params, "limit": min(limit - len(rows), tessera.BOOKING_PAGE_SIZE)})
        for booking in page["items"]:
            if earliest is not None and date.fromisoformat(booking["date"]) < earliest:
                return rows
            rows.append(booking)
        if page["next_cursor"] is None:
            return rows
        params = {**params, "cursor": page["next_cursor"], "offset": 0}
    return rows
