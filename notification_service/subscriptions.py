"""What the notification service subscribes to: the booking service's events, read through a
consumer group of its own (shared/events.py). Each event becomes one task for this service's
worker (notification_service/tasks.py: handle_booking_event).

The notification service reads these fields of a booking event, of major version 1 (the schema
is booking_service/events.py; this service never imports it): `event_id`, `event_type`,
`version`, `occurred_at`, `aggregate_id`, `request_id`, `actor`, `payload.venue`,
`payload.before`/`payload.after` (`reference`, `status`, `date`, `time`, `starts_at`, `ends_at`,
`timezone`, `venue_name`, `venue_address`, `party_size`, `special_requests`,
`customer.first_name`, `customer.email`; from version 1.1 a stay's `stay` (`arrival`, `departure`,
`nights`, `guests`, `room_type_name`, `rate_plan`, `refundable`) and `total`, both absent or null on a
table; from 1.3 a check-out's `payload.invoice` (`kind`, `number`, `total`, `pdf_base64`); from 1.4
the stay's `rate_plan_name`; from 1.5 an appointment's `appointment` (`service_name`, `staff.name`);
from 1.6 a reservation's `reservation` (`resource.name`, `occurrences` with `starts_at` and `ends_at`,
`conflicts` with `start`, `reason` and `message`), and the waitlist's events, whose `before`/`after`
are an entry: `id`, `venue`, `venue_name`, `timezone`, `resource.name`, `starts_at`,
`offer_expires_at`, `customer.first_name`, `customer.email` (`waitlist.joined` sends the entry's
link, to leave the list; `waitlist.offered` sends the offer)); from 1.7 a class's
`appointment.class_session.places` (absent or null: one person's appointment).
"""

from __future__ import annotations

BOOKING_PRODUCER = "booking"
BOOKING_EVENTS_MAJOR = 1
GROUP = "notification"
QUEUE = "notification"  # the worker's queue, where each event becomes one task
BOOKING_EVENT_TASK = "notification.handle_booking_event"
