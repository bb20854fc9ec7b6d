"""The booking service's port onto the availability service's hold API.

`AvailabilityPort` is what the booking saga needs; `HttpAvailability` is the real adapter, which
maps the availability service's answers to booking errors: a refusal (slot full, unknown slot,
party too large) keeps the availability service's own code and status, anything else from it,
or no answer, is a 503. `bind_extensions` binds the adapter; unit tests bind a fake
(tests/support/fake_availability.py). The module functions call whichever is bound.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Protocol
from urllib.parse import quote

from shared.errors import ApiError, UpstreamUnavailable
from shared.http import ServiceClientHandle

log = logging.getLogger(__name__)

PASSED_THROUGH = (404, 409, 422)


class AvailabilityPort(Protocol):
    def place_hold(
        self, hold_key: str, venue: str, on: date, at: time, units: int, *, on_the_day: bool = False
    ) -> dict: ...

    def place_stay_hold(
        self, hold_key: str, venue: str, room_type: str, arrival: date, departure: date, guests: int
    ) -> dict: ...

    def place_appointment_hold(
        self,
        hold_key: str,
        venue: str,
        service: str,
        on: date,
        at: time,
        staff: int | None,
        replaces: str | None,
        places: int = 1,
    ) -> dict: ...

    def place_reservation_hold(self, hold_key: str, request: ReservationRequest) -> dict: ...

    def stay_availability(self, venue: str, arrival: date, departure: date, guests: int) -> dict: ...

    def appointment_times(
        self, venue: str, service: str, on: date, staff: int | None, replacing: str | None
    ) -> dict: ...

    def room_type(self, venue: str, code: str) -> dict: ...

    def assign_room(self, hold_id: str, room: str | None) -> dict: ...

    def end_stay_on(self, hold_id: str, departure: date) -> dict: ...

    def room_nights(self, venue: str, first: date, end: date) -> dict: ...

    def set_housekeeping(self, venue: str, room: str, housekeeping: str) -> dict: ...

    def confirm_hold(self, hold_id: str) -> dict: ...

    def confirm_holds(self, hold_ids: list[str]) -> dict[str, str]: ...

    def release_hold(self, hold_id: str) -> dict: ...

    def get_hold(self, hold_id: str) -> dict: ...

    def resource_calendar(self, venue: str, resource: int, start: datetime, end: datetime) -> dict: ...


@dataclass(frozen=True)
class ReservationRequest:
    """A resource for a range, or a series of them (docs/appointments.md, "Reservations"): venue-local
    `start`/`end`, or instants (aware datetimes) the availability service reads in the venue's zone."""

    venue: str
    resource: int
    start: datetime
    end: datetime
    recurrence: str | None = None
    mode: str = "all_or_nothing"
    replaces: str | None = None  # a move: the booking's current hold
    ttl_seconds: int | None = None  # a waitlist offer's; the venue's hold TTL when None
    dry_run: bool = False  # only tell what would be held (or the refusal)

    def body(self, hold_key: str) -> dict:
        names = ("starts_at", "ends_at") if self.start.tzinfo is not None else ("start", "end")
        return {
            "hold_key": hold_key,
            "venue": self.venue,
            "resource": self.resource,
            names[0]: _moment(self.start),
            names[1]: _moment(self.end),
            "recurrence": self.recurrence,
            "mode": self.mode,
            "replaces": self.replaces,
            "ttl_seconds": self.ttl_seconds,
            "dry_run": self.dry_run,
        }


def _moment(moment: datetime) -> str:
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%dT%H:%M")
    return moment.isoformat()


class HttpAvailability:
    def __init__(self, service: ServiceClientHandle):
        self.service = service

    def place_hold(
        self, hold_key: str, venue: str, on: date, at: time, units: int, *, on_the_day: bool = False
    ) -> dict:
        body = {
            "hold_key": hold_key,
            "venue": venue,
            "date": on.isoformat(),
            "time": at.strftime("%H:%M"),
            "units": units,
            "on_the_day": on_the_day,
        }
        return _answer(self.service.client.post("/internal/holds", idempotent=True, json=body))

    def place_stay_hold(
        self, hold_key: str, venue: str, room_type: str, arrival: date, departure: date, guests: int
    ) -> dict:
        body = {
            "hold_key": hold_key,
            "venue": venue,
            "room_type": room_type,
            "arrival": arrival.isoformat(),
            "departure": departure.isoformat(),
            "guests": guests,
        }
        return _answer(self.service.client.post("/internal/holds", idempotent=True, json=body))

    def place_appointment_hold(
        self,
        hold_key: str,
        venue: str,
        service: str,
        on: date,
        at: time,
        staff: int | None,
        replaces: str | None,
        places: int = 1,
    ) -> dict:
        body = {
            "replaces": replaces,
            "hold_key": hold_key,
            "venue": venue,
            "service": service,
            "date": on.isoformat(),
            "time": at.strftime("%H:%M"),
            "staff": staff,
            "places": places,
        }
        return _answer(self.service.client.post("/internal/holds/appointments", idempotent=True, json=body))

    def place_reservation_hold(self, hold_key: str, request: ReservationRequest) -> dict:
        return _answer(
            self.service.client.post("/internal/holds/reservations", idempotent=True, json=request.body(hold_key))
        )

    def stay_availability(self, venue: str, arrival: date, departure: date, guests: int) -> dict:
        query = {"arrival": arrival.isoformat(), "departure": departure.isoformat(), "guests": guests}
        return _answer(self.service.client.get(f"/internal/venues/{quote(venue)}/stay-availability", params=query))

    def appointment_times(self, venue: str, service: str, on: date, staff: int | None, replacing: str | None) -> dict:
        query = {
            "service": service,
            "date": on.isoformat(),
            **({"staff": staff} if staff is not None else {}),
            **({"replacing": replacing} if replacing is not None else {}),
        }
        path = f"/internal/venues/{quote(venue)}/appointments/availability"
        return _answer(self.service.client.get(path, params=query))

    def room_type(self, venue: str, code: str) -> dict:
        return _answer(self.service.client.get(f"/v1/venues/{quote(venue)}/room-types/{quote(code)}"))

    def room_nights(self, venue: str, first: date, end: date) -> dict:
        query = {"from": first.isoformat(), "to": end.isoformat()}
        return _answer(self.service.client.get(f"/v1/venues/{quote(venue)}/room-nights", params=query))

    def assign_room(self, hold_id: str, room: str | None) -> dict:
        return _answer(
            self.service.client.post(f"/internal/holds/{hold_id}/room", idempotent=True, json={"room": room})
        )

    def end_stay_on(self, hold_id: str, departure: date) -> dict:
        body = {"departure": departure.isoformat()}
        return _answer(self.service.client.post(f"/internal/holds/{hold_id}/departure", idempotent=True, json=body))

    def set_housekeeping(self, venue: str, room: str, housekeeping: str) -> dict:
        path = f"/v1/venues/{quote(venue)}/rooms/{quote(room)}"
        return _answer(self.service.client.request("PATCH", path, json={"housekeeping": housekeeping}))

    def confirm_hold(self, hold_id: str) -> dict:
        return _answer(self.service.client.post(f"/internal/holds/{hold_id}/confirm", idempotent=True))

    def confirm_holds(self, hold_ids: list[str]) -> dict[str, str]:
        answer = self.service.client.post("/internal/holds/confirmations", json={"hold_ids": hold_ids}, idempotent=True)
        return _answer(answer)["statuses"]

    def release_hold(self, hold_id: str) -> dict:
        return _answer(self.service.client.post(f"/internal/holds/{hold_id}/release", idempotent=True))

    def get_hold(self, hold_id: str) -> dict:
        return _answer(self.service.client.get(f"/internal/holds/{hold_id}"))

    def resource_calendar(self, venue: str, resource: int, start: datetime, end: datetime) -> dict:
        query = {"from": _moment(start), "to": _moment(end)}
        path = f"/v1/venues/{quote(venue)}/resources/{resource}/availability"
        return _answer(self.service.client.get(path, params=query))


def _answer(response) -> dict:
    if response.status_code in (200, 201):
        return response.json()
    if response.status_code in PASSED_THROUGH:
        try:
            error = response.json()["error"]
            raise ApiError(
                error["message"], code=error["code"], status=response.status_code, details=error.get("details") or {}
            )
        except (ValueError, KeyError, TypeError):
            pass
    log.warning("availability service answered unexpectedly", extra={"status": response.status_code})
    raise UpstreamUnavailable()


_bound: AvailabilityPort | None = None


def bind(port: AvailabilityPort | None) -> None:
    global _bound
    _bound = port


def _port() -> AvailabilityPort:
    if _bound is None:
        raise RuntimeError("no availability port bound; call bind_extensions first")
    return _bound


def place_hold(hold_key: str, venue: str, on: date, at: time, units: int, *, on_the_day: bool = False) -> dict:
    """`on_the_day`: staff booking a guest at the venue or on the phone (no minimum notice; a
    started slot until it ends)."""
    return _port().place_hold(hold_key, venue, on, at, units, on_the_day=on_the_day)


def place_stay_hold(hold_key: str, venue: str, room_type: str, arrival: date, departure: date, guests: int) -> dict:
    """One unit of the room type for the nights [arrival, departure)."""
    return _port().place_stay_hold(hold_key, venue, room_type, arrival, departure, guests)


def place_appointment_hold(
    hold_key: str,
    venue: str,
    service: str,
    on: date,
    at: time,
    staff: int | None,
    *,
    replaces: str | None = None,
    places: int = 1,
) -> dict:
    """Hold an appointment: the staff member (`staff`, or any who performs the service) and the
    resources the service needs, all or none; a class's `places` in a session; a move names the
    hold it `replaces`."""
    return _port().place_appointment_hold(hold_key, venue, service, on, at, staff, replaces, places)


def place_reservation_hold(hold_key: str, request: ReservationRequest) -> dict:
    """Hold a resource for a range or every occurrence of a series (or, as a dry run, tell)."""
    return _port().place_reservation_hold(hold_key, request)


def stay_availability(venue: str, arrival: date, departure: date, guests: int) -> dict:
    """The venue's room types that sleep `guests`, with what each has free on every night."""
    return _port().stay_availability(venue, arrival, departure, guests)


def appointment_times(venue: str, service: str, on: date, staff: int | None, *, replacing: str | None) -> dict:
    """The service's start times that day; `replacing` counts that hold's own times as free."""
    return _port().appointment_times(venue, service, on, staff, replacing)


def room_type(venue: str, code: str) -> dict:
    return _port().room_type(venue, code)


def room_nights(venue: str, first: date, end: date) -> dict:
    """Each room type's units, free rooms and rooms out of order on each night of [first, end)."""
    return _port().room_nights(venue, first, end)


def assign_room(hold_id: str, room: str | None) -> dict:
    """Give the stay holding `hold_id` that room, or the best free one of its type."""
    return _port().assign_room(hold_id, room)


def end_stay_on(hold_id: str, departure: date) -> dict:
    """End the stay holding `hold_id` on an earlier departure: its later nights are for sale again."""
    return _port().end_stay_on(hold_id, departure)


def set_housekeeping(venue: str, room: str, housekeeping: str) -> dict:
    return _port().set_housekeeping(venue, room, housekeeping)


def confirm_hold(hold_id: str) -> dict:
    return _port().confirm_hold(hold_id)


def confirm_holds(hold_ids: list[str]) -> dict[str, str]:
    """Per hold id, its status once confirmed: `confirmed`, `released`/`expired`, or `not_found`."""
    return _port().confirm_holds(hold_ids)


def release_hold(hold_id: str) -> dict:
    return _port().release_hold(hold_id)


def get_hold(hold_id: str) -> dict:
    return _port().get_hold(hold_id)


def resource_calendar(venue: str, resource: int, start: datetime, end: datetime) -> dict:
    """The resource (its name), the venue's zone, the range as instants, and its free and busy times."""
    return _port().resource_calendar(venue, resource, start, end)


def try_release_hold(hold_id: str) -> None:
    """Give back a hold our failed booking took; if that fails too, hold expiry returns it."""
    try:
        release_hold(hold_id)
    except ApiError:
        log.warning("could not release hold; expiry will return it", extra={"hold_id": hold_id})
