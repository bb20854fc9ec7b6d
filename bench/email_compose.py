"""CPU to compose and flatten one confirmation e-mail, as the notification worker does
(`emails.compose`, then the SMTP policy's `as_bytes`), without a system running.

    .venv/bin/python -m bench.email_compose
"""

from __future__ import annotations

import time
from datetime import datetime
from email.policy import SMTP

from notification_service.emails import compose
from tests.support.events import booking_event

MESSAGES = 1500


def one_message(booking: dict) -> bytes:
    message = compose(
        "booking_created",
        booking,
        sender="bookings@tessera.local",
        recipient="ada@example.com",
        message_id="<bench.created@tessera.local>",
        manage_url="http://127.0.0.1:8000/bookings/ABC2345?token=bench",
    )
    return message.as_bytes(policy=SMTP)


def main() -> None:
    event = booking_event(reference="ABC2345", email="ada@example.com", starts_at=datetime(2027, 1, 15, 19))
    booking = event["payload"]["after"]
    size = len(one_message(booking))  # templates and the zone are loaded once per process
    started = time.process_time()
    for _ in range(MESSAGES):
        one_message(booking)
    per_message = (time.process_time() - started) / MESSAGES * 1000
    print(f"{per_message:.2f} CPU-ms per confirmation e-mail ({MESSAGES} messages), {size} bytes")


if __name__ == "__main__":
    main()
