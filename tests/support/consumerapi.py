"""Calling the ConsumerApi compatibility surface as its existing clients do: form-encoded bodies
under `/api/ConsumerApi/v1/Restaurant/{restaurant}`."""

from __future__ import annotations

import re
from email import message_from_bytes
from email.policy import default as default_policy

import requests
from sqlalchemy import text

from gateway.manage import CONSUMERAPI_DEMO_TOKEN
from tests.conftest import VENUE

OWNER = {"Authorization": f"Bearer {CONSUMERAPI_DEMO_TOKEN}"}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$")
SLOT_TIMES = ["12:00:00", "12:30:00", "13:00:00", "13:30:00", "19:00:00", "19:30:00", "20:00:00", "20:30:00"]


class ConsumerApi:
    def __init__(self, gateway_url: str, restaurant: str = VENUE) -> None:
        self.gateway_url = gateway_url
        self.restaurant = restaurant
        self.session = requests.Session()

    def url(self, path: str, restaurant: str | None = None) -> str:
        return f"{self.gateway_url}/api/ConsumerApi/v1/Restaurant/{restaurant or self.restaurant}/{path}"

    def call(self, method: str, path: str, *, restaurant: str | None = None, **kwargs) -> requests.Response:
        return self.session.request(method, self.url(path, restaurant), timeout=15, **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.call("POST", path, **kwargs)

    def patch(self, path: str, **kwargs) -> requests.Response:
        return self.call("PATCH", path, **kwargs)

    def search(self, day: str, party_size: int | str = 2, **kwargs) -> requests.Response:
        return self.post(
            "AvailabilitySearch", data={"VisitDate": day, "PartySize": party_size, "ChannelCode": "ONLINE"}, **kwargs
        )

    def slots(self, day: str, party_size: int = 2) -> dict[str, dict]:
        response = self.search(day, party_size)
        assert response.status_code == 200, response.text
        return {slot["time"]: slot for slot in response.json()["available_slots"]}

    def book(
        self,
        day: str,
        at: str = "19:00:00",
        party_size: int | str = 2,
        *,
        email: str | None = None,
        expect: int = 200,
        **fields,
    ) -> dict:
        form = {
            "VisitDate": day,
            "VisitTime": at,
            "PartySize": party_size,
            "ChannelCode": "ONLINE",
            "Customer[FirstName]": "Alice",
            "Customer[Surname]": "Jones",
            "Customer[Mobile]": "07700900123",
            **({"Customer[Email]": email} if email else {}),
            **fields,
        }
        response = self.post("BookingWithStripeToken", data=form)
        assert response.status_code == expect, response.text
        return response.json()

    def cancel(self, reference: str, reason_id: int | str = 1, **overrides) -> requests.Response:
        form = {
            "micrositeName": self.restaurant,
            "bookingReference": reference,
            "cancellationReasonId": reason_id,
            **overrides,
        }
        return self.post(f"Booking/{reference}/Cancel", data=form)


def field_errors(response: requests.Response) -> list[tuple[str, list, object]]:
    """(type, loc, input) of each entry of a FastAPI 422."""
    assert response.status_code == 422, response.text
    return [(entry["type"], entry["loc"], entry["input"]) for entry in response.json()["detail"]]


def missing(*names: str, location: str = "body") -> list[tuple[str, list, None]]:
    return [("missing", [location, name], None) for name in names]


def emails_for(system, reference: str) -> list:
    """The e-mails (.eml files) whose subject names the booking reference."""
    mail_dir = system.backend.var_dir / "mail"
    messages = [
        message_from_bytes(path.read_bytes(), policy=default_policy)
        for path in (mail_dir.glob("*.eml") if mail_dir.exists() else [])
    ]
    return [message for message in messages if reference in message["Subject"]]


def event_ids(system, reference: str) -> list[str]:
    """The ids of the booking's events in the booking service's outbox, oldest first."""
    engine = system.backend.engine("booking")
    try:
        with engine.connect() as conn:
            return list(
                conn.execute(
                    text(
                        "SELECT o.event_id FROM outbox_events o JOIN bookings b "
                        "ON b.id = o.aggregate_id WHERE b.reference = :r ORDER BY o.id"
                    ),
                    {"r": reference},
                ).scalars()
            )
    finally:
        engine.dispose()
