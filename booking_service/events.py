"""The booking service's events: their types, and the one versioned payload schema they share
(docs/architecture.md, "Events"). This module is the contract: the service validates every event
against it in its tests, consumers' tests build their events with `booking_event`, and a consumer
refuses a major version it does not know.

    payload = {"venue": slug, "before": Snapshot | null, "after": Snapshot}

A snapshot is the booking as the API shows it, plus what consumers need so they never call
back: the booking's id and version, the venue's name, address and time zone.
"""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from shared.events import make_event

PRODUCER = "booking"
# major.minor: a consumer accepts every minor of a major it knows. 1.1 added a booking's `kind`,
# a stay's `stay` and a priced booking's `total`; a 1.0 snapshot reads as a table's. 1.2 added a
# stay's `room`, `checked_in_at` and `checked_out_at`, and the events of the front desk; 1.3 a
# check-out's `invoice` (beside `before` and `after`), its PDF included; 1.4 a stay's `rate_plan_name`;
# 1.5 an appointment's `appointment` (`kind` "appointment"); 1.6 a reservation's `reservation` (`kind`
# "reservation") and the waitlist's events, whose `before` and `after` are a waitlist entry; 1.7 a
# class's `appointment.class_session` (`id`, `capacity`, `places`: this booking's), null otherwise.
VERSION = "1.7"
MAJOR = 1

CREATED = "booking.created"
UPDATED = "booking.updated"
CANCELLED = "booking.cancelled"
COMPLETED = "booking.completed"
NO_SHOW = "booking.no_show"
REMINDER_DUE = "booking.reminder_due"
CHECKED_IN = "booking.checked_in"
CHECKED_OUT = "booking.checked_out"
WAITLIST_JOINED = "waitlist.joined"
WAITLIST_OFFERED = "waitlist.offered"  # a hold is kept for them: the e-mail with the link to take it
WAITLIST_OFFER_EXPIRED = "waitlist.offer_expired"
WAITLIST_BOOKED = "waitlist.booked"
WAITLIST_LAPSED = "waitlist.lapsed"
WAITLIST_DECLINED = "waitlist.declined"  # the offer turned down: it passed to the next at once
WAITLIST_LEFT = "waitlist.left"  # left the list, or removed by staff (the actor says which)
WAITLIST_EVENT_TYPES = (
    WAITLIST_JOINED,
    WAITLIST_OFFERED,
    WAITLIST_OFFER_EXPIRED,
    WAITLIST_BOOKED,
    WAITLIST_LAPSED,
    WAITLIST_DECLINED,
    WAITLIST_LEFT,
)
EVENT_TYPES = (
    CREATED,
    UPDATED,
    CANCELLED,
    COMPLETED,
    NO_SHOW,
    REMINDER_DUE,
    CHECKED_IN,
    CHECKED_OUT,
    *WAITLIST_EVENT_TYPES,
)


class CustomerSnapshotSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(allow_none=True, required=True)
    first_name = fields.String(allow_none=True, required=True)
    surname = fields.String(allow_none=True, required=True)
    email = fields.String(allow_none=True, required=True)
    mobile = fields.String(allow_none=True, required=True)
    mobile_country_code = fields.String(allow_none=True, required=True)
    phone = fields.String(allow_none=True, required=True)
    phone_country_code = fields.String(allow_none=True, required=True)
    marketing_email = fields.Boolean(required=True)
    marketing_sms = fields.Boolean(required=True)
    venue_marketing_email = fields.Boolean(required=True)
    venue_marketing_sms = fields.Boolean(required=True)


class MoneySnapshotSchema(Schema):
    amount = fields.String(required=True)
    currency = fields.String(required=True)


class PriceLineSnapshotSchema(Schema):
    kind = fields.String(required=True)
    description = fields.String(required=True)
    night = fields.String(allow_none=True, required=True)
    quantity = fields.Integer(required=True)
    unit_amount = fields.String(required=True)
    amount = fields.Nested(MoneySnapshotSchema, required=True)


class StaySnapshotSchema(Schema):
    room_type = fields.String(required=True)
    room_type_name = fields.String(allow_none=True, required=True)
    rate_plan = fields.String(required=True)
    rate_plan_name = fields.String(load_default=None)
    refundable = fields.Boolean(allow_none=True, required=True)
    arrival = fields.String(required=True)
    departure = fields.String(required=True)
    nights = fields.Integer(required=True)
    guests = fields.Integer(required=True)
    lines = fields.List(fields.Nested(PriceLineSnapshotSchema), required=True)
    room = fields.String(allow_none=True, load_default=None)
    checked_in_at = fields.String(allow_none=True, load_default=None)
    checked_out_at = fields.String(allow_none=True, load_default=None)


class NamedSnapshotSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = fields.String(load_default=None)


class ClassSessionSnapshotSchema(Schema):
    id = fields.Integer(required=True)
    capacity = fields.Integer(required=True)
    places = fields.Integer(required=True)


class AppointmentSnapshotSchema(Schema):
    service = fields.String(required=True)
    service_name = fields.String(required=True)
    staff = fields.Nested(NamedSnapshotSchema, required=True)
    resources = fields.List(fields.Nested(NamedSnapshotSchema), required=True)
    class_session = fields.Nested(ClassSessionSnapshotSchema, allow_none=True, load_default=None)


class OccurrenceSnapshotSchema(Schema):
    start = fields.String(required=True)
    end = fields.String(required=True)
    starts_at = fields.String(required=True)
    ends_at = fields.String(required=True)


class ConflictSnapshotSchema(Schema):
    start = fields.String(required=True)
    end = fields.String(required=True)
    reason = fields.String(required=True)
    message = fields.String(load_default=None)


class ReservationSnapshotSchema(Schema):
    resource = fields.Nested(NamedSnapshotSchema, required=True)
    start = fields.String(required=True)
    end = fields.String(required=True)
    recurrence = fields.String(allow_none=True, required=True)
    mode = fields.String(required=True)
    occurrences = fields.List(fields.Nested(OccurrenceSnapshotSchema), required=True)
    conflicts = fields.List(fields.Nested(ConflictSnapshotSchema), required=True)


class BookingSnapshotSchema(Schema):
    id = fields.String(required=True)
    kind = fields.String(load_default="slot", validate=validate.OneOf(("slot", "stay", "appointment", "reservation")))
    booking_id = fields.String(required=True)
    version = fields.Integer(required=True)
    reference = fields.String(required=True)
    status = fields.String(required=True)
    venue = fields.String(required=True)
    venue_name = fields.String(allow_none=True, required=True)
    venue_address = fields.String(allow_none=True, required=True)
    timezone = fields.String(allow_none=True, required=True)
    date = fields.String(required=True)
    time = fields.String(required=True)
    starts_at = fields.String(required=True)
    ends_at = fields.String(required=True)
    party_size = fields.Integer(required=True)
    special_requests = fields.String(allow_none=True, required=True)
    room_number = fields.String(allow_none=True, required=True)
    is_leave_time_confirmed = fields.Boolean(required=True)
    channel = fields.String(required=True)
    cancellation_reason_id = fields.Integer(allow_none=True, required=True)
    customer = fields.Nested(CustomerSnapshotSchema, required=True)
    stay = fields.Nested(StaySnapshotSchema, allow_none=True, load_default=None)
    appointment = fields.Nested(AppointmentSnapshotSchema, allow_none=True, load_default=None)
    reservation = fields.Nested(ReservationSnapshotSchema, allow_none=True, load_default=None)
    total = fields.Nested(MoneySnapshotSchema, allow_none=True, load_default=None)
    created_at = fields.String(required=True)
    updated_at = fields.String(required=True)


class InvoiceSnapshotSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(("invoice", "credit_note")))
    number = fields.Integer(required=True)
    total = fields.Nested(MoneySnapshotSchema, required=True)
    pdf_base64 = fields.String(required=True)


class BookingEventPayloadSchema(Schema):
    venue = fields.String(required=True)
    before = fields.Nested(BookingSnapshotSchema, allow_none=True, required=True)
    after = fields.Nested(BookingSnapshotSchema, required=True)
    invoice = fields.Nested(InvoiceSnapshotSchema, allow_none=True, load_default=None)


class CustomerNameSnapshotSchema(Schema):
    first_name = fields.String(allow_none=True, required=True)
    surname = fields.String(allow_none=True, required=True)
    email = fields.String(allow_none=True, required=True)


class WaitlistSnapshotSchema(Schema):
    """Someone waiting for a resource at a time (docs/appointments.md, "Waitlist")."""

    id = fields.String(required=True)
    status = fields.String(required=True)
    venue = fields.String(required=True)
    venue_name = fields.String(allow_none=True, required=True)
    timezone = fields.String(required=True)
    resource = fields.Nested(NamedSnapshotSchema, required=True)
    start = fields.String(required=True)
    end = fields.String(required=True)
    starts_at = fields.String(required=True)
    ends_at = fields.String(required=True)
    customer = fields.Nested(CustomerNameSnapshotSchema, required=True)
    offer_expires_at = fields.String(allow_none=True, required=True)
    booking_reference = fields.String(allow_none=True, required=True)
    created_at = fields.String(required=True)


class WaitlistEventPayloadSchema(Schema):
    venue = fields.String(required=True)
    before = fields.Nested(WaitlistSnapshotSchema, allow_none=True, required=True)
    after = fields.Nested(WaitlistSnapshotSchema, required=True)


class BookingEventSchema(Schema):
    """The whole envelope of a booking event, version 1; a waitlist event's payload holds a
    waitlist entry instead of a booking."""

    event_id = fields.UUID(required=True)
    event_type = fields.String(required=True, validate=validate.OneOf(EVENT_TYPES))
    version = fields.String(required=True, validate=validate.Regexp(rf"^{MAJOR}\.\d+$"))
    occurred_at = fields.AwareDateTime(required=True)
    aggregate_id = fields.String(required=True)
    request_id = fields.String(allow_none=True, required=True)
    actor = fields.Dict(required=True)
    payload = fields.Dict(required=True)

    @validates_schema
    def _payload_of_its_type(self, data, **_kwargs):
        waitlist = str(data.get("event_type", "")).startswith("waitlist.")
        schema = WaitlistEventPayloadSchema() if waitlist else BookingEventPayloadSchema()
        errors = schema.validate(data.get("payload") or {})
        if errors:
            raise ValidationError({"payload": errors})


def waitlist_event(
    event_type: str, entry_id: str, venue: str, before: dict | None, after: dict, *, actor: dict, request_id: str | None
) -> dict:
    """A waitlist entry's event of this schema's current version."""
    payload = {"venue": venue, "before": before, "after": after}
    return make_event(event_type, entry_id, payload, version=VERSION, actor=actor, request_id=request_id)


def booking_event(
    event_type: str,
    booking_id: str,
    venue: str,
    before: dict | None,
    after: dict,
    *,
    actor: dict,
    request_id: str | None,
    invoice: dict | None = None,
) -> dict:
    """An event of this schema's current version; a check-out's carries its invoice."""
    payload = {"venue": venue, "before": before, "after": after}
    if invoice is not None:
        payload["invoice"] = invoice
    return make_event(
        event_type,
        booking_id,
        payload,
        version=VERSION,
        actor=actor,
        request_id=request_id,
    )
