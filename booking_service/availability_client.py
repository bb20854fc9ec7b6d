"""Calls to the availability service's hold API, with its answers mapped to booking errors.

A refusal (slot full, unknown slot, party too large) is passed to the caller with the
availability service's own code and status; anything else from it, or no answer, is a 503.
"""
from __future__ import annotations

import logging
from datetime import date, time

from booking_service.extensions import availability
from shared.errors import ApiError, UpstreamUnavailable

log = logging.getLogger(__name__)

PASSED_THROUGH = (404, 409, 422)


def _answer(response) -> dict:
    if response.status_code in (200, 201):
        return response.json()
    if response.status_code in PASSED_THROUGH:
        try:
            error = response.json()["error"]
            raise ApiError(error["message"], code=error["code"], status=response.status_code,
                           details=error.get("details") or {})
        except (ValueError, KeyError, TypeError):
            pass
    log.warning("availability service answered unexpectedly", extra={"status": response.status_code})
    raise UpstreamUnavailable()


def place_hold(hold_key: str, venue: str, on: date, at: time, units: int, *, on_the_day: bool = False) -> dict:
    """`on_the_day`: staff booking a guest at the venue or on the phone (no minimum notice; a
    started slot until it ends)."""
    return _answer(availability.client.post(
        "/internal/holds", idempotent=True,
        json={"hold_key": hold_key, "venue": venue, "date": on.isoformat(),
              "time": at.strftime("%H:%M"), "units": units, "on_the_day": on_the_day},
    ))


def confirm_hold(hold_id: str) -> dict:
    return _answer(availability.client.post(f"/internal/holds/{hold_id}/confirm", idempotent=True))


def release_hold(hold_id: str) -> dict:
    return _answer(availability.client.post(f"/internal/holds/{hold_id}/release", idempotent=True))


def try_release_hold(hold_id: str) -> None:
    """Give back a hold our failed booking took; if that fails too, hold expiry returns it."""
    try:
        release_hold(hold_id)
    except ApiError:
        log.warning("could not release hold; expiry will return it", extra={"hold_id": hold_id})


def get_hold(hold_id: str) -> dict:
    return _answer(availability.client.get(f"/internal/holds/{hold_id}"))
