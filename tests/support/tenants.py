"""Setting up a venue of a test's own, with a booking, staff and API keys, through the real APIs."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from tests.conftest import Gateway, booking_body
from tests.support.availability import AvailabilityApi

STAFF_PASSWORD = "a long staff password"


@dataclass(frozen=True)
class VenueWithBooking:
    slug: str
    reference: str
    email: str


def venue_with_a_booking(system, prefix: str, day: str, at: str = "10:00") -> VenueWithBooking:
    """A new venue open 10:00-12:00 every day, and one booking at it made through the gateway."""
    run = uuid.uuid4().hex[:8]
    slug, email = f"{prefix}-{run}", f"{prefix}-guest-{run}@example.com"
    availability = AvailabilityApi(system.service_urls["availability"])
    availability.create_venue(slug)
    availability.open_every_day(slug, "10:00", "12:00", 60, capacity=10)
    created = Gateway(system.gateway_url).post(
        "/api/v1/bookings", json={**booking_body(day, at, 2, email=email), "venue": slug}
    )
    assert created.status_code == 201, created.text
    return VenueWithBooking(slug, created.json()["reference"], email)


def staff_token(system, venue: str, role: str) -> str:
    """A new staff member with `role` at `venue`, logged in through the gateway: their access token."""
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.com"
    system.manage(
        "gateway",
        "create-staff",
        "--email",
        email,
        "--venue",
        venue,
        "--role",
        role,
        TESSERA_STAFF_PASSWORD=STAFF_PASSWORD,
    )
    response = Gateway(system.gateway_url).post("/api/v1/auth/login", json={"email": email, "password": STAFF_PASSWORD})
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def api_key(system, venue: str, *scopes: str) -> dict:
    """A new API key of `venue`: {"id", "key", ...}."""
    return json.loads(
        system.manage(
            "gateway",
            "create-api-key",
            "--venue",
            venue,
            "--name",
            "test",
            *[arg for scope in scopes for arg in ("--scope", scope)],
        )
    )
