"""Talking to the availability service directly, as the gateway and the booking service do."""

from __future__ import annotations

from datetime import date, timedelta

import requests

SERVICE_TOKEN = "test-service-token"
HEADERS = {"X-Service-Token": SERVICE_TOKEN}


class AvailabilityApi:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()

    def call(self, method: str, path: str, *, staff: bool = True, **kwargs) -> requests.Response:
        headers = {**(HEADERS if staff else {}), **kwargs.pop("headers", {})}
        return self.session.request(method, self.base_url + path, headers=headers, timeout=30, **kwargs)

    def ok(self, method: str, path: str, **kwargs) -> dict:
        response = self.call(method, path, **kwargs)
        assert response.status_code in (200, 201), (method, path, response.status_code, response.text)
        return response.json()

    def create_venue(self, slug: str, **rules) -> dict:
        body = {
            "slug": slug,
            "name": slug.replace("-", " ").title(),
            "timezone": "Europe/London",
            "min_notice_minutes": 0,
            "horizon_days": 30,
            "max_party_size": 8,
            **rules,
        }
        return self.ok("POST", "/v1/venues", json=body)

    def add_rule(self, venue: str, **rule) -> dict:
        return self.ok("POST", f"/v1/venues/{venue}/opening-rules", json=rule)

    def open_every_day(self, venue: str, first: str, last: str, interval: int, capacity: int, duration: int = 60):
        for weekday in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
            self.add_rule(
                venue,
                weekday=weekday,
                first_start=first,
                last_start=last,
                interval_minutes=interval,
                duration_minutes=duration,
                capacity=capacity,
            )

    def add_resource(self, venue: str, name: str, kind: str = "room", capacity: int = 1) -> dict:
        return self.ok("POST", f"/v1/venues/{venue}/resources", json={"name": name, "kind": kind, "capacity": capacity})

    def hold_slot(self, key: str, venue: str, day: str, at: str, units: int, *, base_url: str | None = None):
        body = {"hold_key": key, "venue": venue, "date": day, "time": at, "units": units}
        return self.session.post(
            (base_url or self.base_url) + "/internal/holds", json=body, headers=HEADERS, timeout=60
        )

    def hold_range(self, key: str, venue: str, resource: int, start: str, end: str, units: int = 1):
        body = {"hold_key": key, "venue": venue, "resource": resource, "start": start, "end": end, "units": units}
        return self.session.post(self.base_url + "/internal/holds", json=body, headers=HEADERS, timeout=60)

    def add_room_type(self, venue: str, code: str, rooms: int = 0, max_occupancy: int = 2, **fields) -> dict:
        body = {"code": code, "name": code.title(), "max_occupancy": max_occupancy, **fields}
        room_type = self.ok("POST", f"/v1/venues/{venue}/room-types", json=body)
        for number in range(1, rooms + 1):
            self.ok("POST", f"/v1/venues/{venue}/rooms", json={"number": f"{code}-{number}", "room_type": code})
        return room_type

    def hold_stay(self, key: str, venue: str, room_type: str, arrival: str, departure: str, guests: int = 2):
        body = {
            "hold_key": key,
            "venue": venue,
            "room_type": room_type,
            "arrival": arrival,
            "departure": departure,
            "guests": guests,
        }
        return self.session.post(self.base_url + "/internal/holds", json=body, headers=HEADERS, timeout=60)

    def add_staff(self, venue: str, name: str, week: list[tuple[int, str, str]] | None = None) -> int:
        """A staff member with working hours (weekday, starts, ends); None: keeps no hours."""
        member = self.add_resource(venue, name, kind="staff")
        if week is not None:
            periods = [{"weekday": day, "starts": starts, "ends": ends} for day, starts, ends in week]
            self.ok("PUT", f"/v1/venues/{venue}/resources/{member['id']}/hours", json={"periods": periods})
        return member["id"]

    def hold_appointment(self, key: str, venue: str, service: str, day: str, at: str, staff: int | None = None):
        body = {"hold_key": key, "venue": venue, "service": service, "date": day, "time": at, "staff": staff}
        return self.session.post(self.base_url + "/internal/holds/appointments", json=body, headers=HEADERS, timeout=60)

    def appointment_slots(self, venue: str, service: str, day: str, staff: int | None = None) -> dict[str, list[int]]:
        """Start time -> the staff free then."""
        params = {"service": service, "date": day, **({"staff": staff} if staff else {})}
        found = self.ok("GET", f"/v1/venues/{venue}/appointments/availability", params=params, staff=False)
        return {slot["time"]: slot["staff"] for slot in found["slots"]}

    def free_nights(self, venue: str, first: str, end: str) -> dict[str, list[int]]:
        """Each room type's free units per night of [first, end), by code."""
        grid = self.ok("GET", f"/v1/venues/{venue}/room-nights", params={"from": first, "to": end}, staff=False)
        return {room_type["code"]: [night["free"] for night in room_type["nights"]] for room_type in grid["room_types"]}

    def hold_action(self, hold_id: str, verb: str) -> requests.Response:
        return self.session.post(f"{self.base_url}/internal/holds/{hold_id}/{verb}", headers=HEADERS, timeout=30)

    def run_job(self, job: str) -> dict:
        return self.ok("POST", f"/internal/jobs/{job}")["result"]

    def slots(self, venue: str, first: str, last: str | None = None) -> list[dict]:
        items, cursor = [], None
        while True:
            params = {"from": first, "to": last or first, "limit": 200, **({"cursor": cursor} if cursor else {})}
            page = self.ok("GET", f"/v1/venues/{venue}/slots", params=params)
            items += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                return items

    def search(self, venue: str, **params) -> requests.Response:
        return self.call("GET", f"/v1/venues/{venue}/availability", staff=False, params=params)


def days_ahead(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()
