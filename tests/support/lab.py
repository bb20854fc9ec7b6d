"""A lab of the e2e tests' own for reservations and their waitlist (tests/e2e/test_reservations.py,
test_waitlist.py): its resources, reserving through the gateway, the rows it wrote, the booking
service's jobs, and the waitlist's e-mails and their links."""

from __future__ import annotations

import re
from datetime import date, timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from urllib.parse import parse_qs, urlparse

import requests

from booking_service.events import BookingEventSchema
from tests.conftest import Gateway, count_rows
from tests.support.availability import HEADERS, AvailabilityApi
from tests.support.events import outbox_envelopes
from tests.support.processes import wait_until
from tests.support.tenants import staff_token

ZONE = "America/New_York"
WEEKDAYS = [{"weekday": day, "starts": "09:00", "ends": "21:00"} for day in range(5)]
# Six weeks on, beyond the dates other modules book tables on in the shared system (some count a
# day's bookings across venues).
FIRST_WEEK = 6


def monday(weeks_ahead: int = 1) -> date:
    today = date.today()
    return today + timedelta(days=(7 - today.weekday()) % 7 + 7 * (FIRST_WEEK + weeks_ahead))


def at(day: date, hhmm: str) -> str:
    return f"{day.isoformat()}T{hhmm}"


class Lab:
    def __init__(self, system, gateway, venue: str, token: str, resources: dict[str, int]) -> None:
        self.system, self.gateway, self.venue, self.resources = system, gateway, venue, resources
        self.staff = {"Authorization": f"Bearer {token}"}
        self.email = gateway.get("/api/v1/auth/me", headers=self.staff).json()["email"]

    def reserve(self, resource: str, start: str, end: str, *, staff: bool = True, **extra) -> requests.Response:
        body = {
            "kind": "reservation",
            "venue": self.venue,
            "resource": self.resources[resource],
            "start": start,
            "end": end,
        }
        return self.gateway.post("/api/v1/bookings", json=body | extra, headers=self.staff if staff else {})

    def calendar(self, resource: str, first: str, last: str) -> dict:
        path = f"/api/v1/venues/{self.venue}/resources/{self.resources[resource]}/availability"
        found = self.gateway.get(path, params={"from": first, "to": last})
        assert found.status_code == 200, found.text
        return found.json()

    def written(self) -> tuple[int, int, int]:
        where = "venue_id = (SELECT id FROM venues WHERE slug = :venue)"
        return (
            count_rows(self.system, "booking", "bookings", "venue = :venue", venue=self.venue),
            count_rows(self.system, "availability", "holds", where, venue=self.venue),
            count_rows(self.system, "booking", "waitlist_entries", "venue = :venue", venue=self.venue),
        )

    def run_job(self, job: str) -> dict:
        answer = requests.post(
            f"{self.system.service_urls['booking']}/internal/jobs/{job}", headers=HEADERS, timeout=30
        )
        assert answer.status_code == 200, answer.text
        return answer.json()["result"]


def make_lab(system, venue: str) -> Lab:
    """A lab in New York with a laser cutter (30 to 240 minutes, a 15-minute turnaround), a 3D printer
    and a soldering station open 09:00-21:00 on weekdays, and a CNC router that keeps no hours."""
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(venue, kind="lab", timezone=ZONE, horizon_days=400, min_notice_minutes=0)
    resources = {}
    for name, fields, hours in (
        ("Laser cutter", {"min_minutes": 30, "max_minutes": 240, "buffer_minutes": 15}, True),
        ("3D printer", {}, True),
        ("Soldering station", {}, True),
        ("CNC router", {}, False),
    ):
        body = {"name": name, "kind": "equipment", "tags": ["workshop"], **fields}
        resources[name] = api.ok("POST", f"/v1/venues/{venue}/resources", json=body)["id"]
        if hours:
            api.ok("PUT", f"/v1/venues/{venue}/resources/{resources[name]}/hours", json={"periods": WEEKDAYS})
    return Lab(system, Gateway(system.gateway_url), venue, staff_token(system, venue, "staff"), resources)


def mail_to(system, recipient: str, subject_part: str) -> list:
    mail_dir = system.backend.var_dir / "mail"
    found = []
    for path in sorted(mail_dir.glob("*.eml")) if mail_dir.exists() else []:
        message = message_from_bytes(path.read_bytes(), policy=default_policy)
        if message["To"] == recipient and subject_part in message["Subject"]:
            found.append(message)
    return found


def entry_link(system, recipient: str, subject_part: str = "held for you") -> tuple[str, str]:
    """The entry id and token of the newest waitlist e-mail to `recipient` whose subject says
    `subject_part` (an offer's, or "on the waitlist" for joining): its link."""
    message = wait_until(lambda: mail_to(system, recipient, subject_part), 20, message=f"e-mail to {recipient}")[-1]
    link = re.search(r"https?://\S+/waitlist/\S+", message.get_body(("plain",)).get_content()).group(0)
    parsed = urlparse(link)
    return parsed.path.rsplit("/", 1)[1], parse_qs(parsed.query)["token"][0]


def venue_event_types(system, venue: str) -> set[str]:
    """The types of the booking service's events about `venue`, after checking each against the
    producer's schema."""
    envelopes = outbox_envelopes(system)
    ours = [envelope for envelope in envelopes if envelope["payload"]["venue"] == venue]
    problems = {e["event_id"]: errors for e in ours if (errors := BookingEventSchema().validate(e))}
    assert not problems, problems
    return {envelope["event_type"] for envelope in ours}
