from datetime import timedelta

from marshmallow import ValidationError, fields, validate, validates_schema

from booking_service.models import BookingKind, BookingStatus
from booking_service.shapes import SHAPES, shape_of
from shared.pagination import MAX_PAGE_SIZE
from shared.schemas import (
    MAX_UNITS,
    AnswerSchema,
    CalendarDate,
    Instant,
    LocalMinute,
    PatchSchema,
    PhoneNumber,
    PlainText,
    Slug,
    StrictBoolean,
    StrictSchema,
    WallClockTime,
)

MAX_SPECIAL_REQUESTS = 1000
MAX_PHONE = 40
MAX_COUNTRY_CODE = 8
MAX_ROOM_NUMBER = 20
COUNTRY_CODE = r"^\+?[0-9]{1,4}$"
MAX_OFFSET = 2**63 - 1
MAX_LIST_SPAN = timedelta(days=366)
MAX_SEARCH_WORDS = 5
MAX_GUESTS = 20


def _few_words(text: str) -> None:
    if len(text.split()) > MAX_SEARCH_WORDS:
        raise ValidationError(f"Search with at most {MAX_SEARCH_WORDS} words.")


def _party_size(**kwargs):
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_UNITS), **kwargs)


def _special_requests():
    return PlainText(multiline=True, validate=validate.Length(max=MAX_SPECIAL_REQUESTS), allow_none=True)


def _room_number():
    return PlainText(validate=validate.Length(max=MAX_ROOM_NUMBER), allow_none=True)


class CustomerSchema(StrictSchema):
    """A guest as staff and integrations may give one: any of the fields, phone numbers as
    their source system holds them. A customer booking for themselves gives more
    (SelfServiceCustomerSchema)."""

    title = PlainText(validate=validate.Length(max=20), allow_none=True)
    first_name = PlainText(validate=validate.Length(min=1, max=100), allow_none=True)
    surname = PlainText(validate=validate.Length(min=1, max=100), allow_none=True)
    email = fields.Email(validate=validate.Length(max=254), allow_none=True)
    mobile = PlainText(validate=validate.Length(max=MAX_PHONE), allow_none=True)
    mobile_country_code = PlainText(validate=validate.Length(max=MAX_COUNTRY_CODE), allow_none=True)
    phone = PlainText(validate=validate.Length(max=MAX_PHONE), allow_none=True)
    phone_country_code = PlainText(validate=validate.Length(max=MAX_COUNTRY_CODE), allow_none=True)
    marketing_email = StrictBoolean(metadata={"description": "Marketing e-mail from Tessera venues"})
    marketing_sms = StrictBoolean()
    venue_marketing_email = StrictBoolean(metadata={"description": "Marketing e-mail from this venue"})
    venue_marketing_sms = StrictBoolean()


class SelfServiceCustomerSchema(CustomerSchema):
    """What a customer booking for themselves must give: a name, the e-mail they reach the
    booking with, and phone numbers that look like phone numbers."""

    first_name = PlainText(required=True, validate=validate.Length(min=1, max=100))
    surname = PlainText(required=True, validate=validate.Length(min=1, max=100))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    mobile = PhoneNumber(allow_none=True)
    mobile_country_code = fields.String(validate=validate.Regexp(COUNTRY_CODE), allow_none=True)
    phone = PhoneNumber(allow_none=True)
    phone_country_code = fields.String(validate=validate.Regexp(COUNTRY_CODE), allow_none=True)


def _staff_id(**kwargs):
    return fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=1, max=2**31 - 1), **kwargs)


def _one_kind(data: dict) -> None:
    """A booking gives its own kind's fields: a table's, a stay's, an appointment's or a
    reservation's (docs/architecture.md, booking_service/shapes.py)."""
    kind = data.get("kind", BookingKind.SLOT)
    own = shape_of(kind)
    foreign = {name for shape in SHAPES.values() for name in shape.fields} - set(own.fields)
    errors = {name: [f"Not a field of a {kind} booking."] for name in sorted(foreign) if name in data}
    errors |= {name: ["Missing data for required field."] for name in own.required if name not in data}
    if "customer" not in data and kind != BookingKind.RESERVATION:
        errors["customer"] = ["Missing data for required field."]
    if errors:
        raise ValidationError(errors)
    if kind == BookingKind.STAY and data["departure"] <= data["arrival"]:
        raise ValidationError({"departure": ["Must be after the arrival."]})
    if kind == BookingKind.RESERVATION:
        _one_range(data, required=True)


def _one_range(data: dict, *, required: bool) -> None:
    """A reservation's range: venue-local `start` and `end`, or the instants `starts_at` and
    `ends_at`; never both forms, the end after the start."""
    local = [name for name in ("start", "end") if name in data]
    instants = [name for name in ("starts_at", "ends_at") if name in data]
    if local and instants:
        raise ValidationError("Give start and end (venue-local) or starts_at and ends_at (instants), not both.")
    if instants and len(instants) < 2:
        raise ValidationError({name: ["Give starts_at and ends_at together."] for name in ("starts_at", "ends_at")})
    if required and not local and not instants:
        raise ValidationError({name: ["Missing data for required field."] for name in ("start", "end")})
    if required and len(local) == 1:
        raise ValidationError({name: ["Missing data for required field."] for name in ("start", "end")})
    names = ("starts_at", "ends_at") if instants else ("start", "end")
    if all(name in data for name in names) and data[names[1]] <= data[names[0]]:
        raise ValidationError({names[1]: [f"Must be after {names[0]}."]})


class BookingCreateSchema(StrictSchema):
    kind = fields.String(
        validate=validate.OneOf(BookingKind.ALL),
        metadata={
            "description": "`slot` (a table: the default), `stay` (a room type for some nights), `appointment` "
            "(a service with a staff member) or `reservation` (a resource for a time range, or a series)"
        },
    )
    venue = Slug(required=True)
    date = CalendarDate(metadata={"description": "Slot: the venue-local date"})
    time = WallClockTime(metadata={"description": "Slot: the venue-local time"})
    party_size = _party_size(metadata={"description": "Slot; a class (an appointment): its places, 1 if left out"})
    room_type = Slug(metadata={"description": "Stay: the room type's code"})
    rate_plan = Slug(
        metadata={"description": "Stay: the rate plan's code; the first plan that sells the stay if left out"}
    )
    arrival = CalendarDate(metadata={"description": "Stay: the first night"})
    departure = CalendarDate(metadata={"description": "Stay: the morning the guests leave"})
    guests = fields.Integer(
        strict=True, validate=validate.Range(min=1, max=MAX_GUESTS), metadata={"description": "Stay"}
    )
    service = Slug(metadata={"description": "Appointment: the service's code"})
    staff = _staff_id(metadata={"description": "Appointment: the staff member's id; any who performs it if null"})
    resource = fields.Integer(
        strict=True, validate=validate.Range(min=1, max=2**31 - 1), metadata={"description": "Reservation"}
    )
    start = LocalMinute(metadata={"description": "Reservation: venue-local start, YYYY-MM-DDTHH:MM"})
    end = LocalMinute(metadata={"description": "Reservation: venue-local end (exclusive)"})
    starts_at = Instant(metadata={"description": "Reservation: or the start as an instant with its offset"})
    ends_at = Instant(metadata={"description": "Reservation: or the end as an instant"})
    recurrence = PlainText(
        allow_none=True,
        validate=validate.Length(min=1, max=200),
        metadata={
            "description": "Reservation: an RFC 5545 RRULE repeating it from its start, with COUNT or UNTIL and at "
            'most 366 occurrences ("FREQ=WEEKLY;COUNT=26", "FREQ=DAILY;UNTIL=20270301")'
        },
    )
    mode = fields.String(
        validate=validate.OneOf(("all_or_nothing", "partial")),
        metadata={
            "description": "Reservation series: `all_or_nothing` (the default) refuses it if any occurrence is "
            "taken; `partial` books the free ones and reports the others in `reservation.conflicts`"
        },
    )
    customer = fields.Nested(
        CustomerSchema,
        metadata={
            "description": "Required, except for a staff member reserving a resource for themselves. Anonymous "
            "callers must give first_name, surname and email, and phone numbers in a phone number's form; staff "
            "and integrations may leave any field out"
        },
    )
    special_requests = _special_requests()
    channel = PlainText(validate=validate.Length(min=1, max=32))
    room_number = _room_number()
    is_leave_time_confirmed = StrictBoolean()

    @validates_schema
    def _kind_fields(self, data, **_kwargs):
        _one_kind(data)


class BookingUpdateSchema(PatchSchema):
    """A move (a table's date, time, party size; a stay's dates, room type, rate plan, guests)
    and/or new special requests."""

    date = CalendarDate(metadata={"description": "Slot"})
    time = WallClockTime(metadata={"description": "Slot"})
    party_size = _party_size(metadata={"description": "Slot; a class: its places (a new hold)"})
    room_type = Slug(metadata={"description": "Stay: another room type (a new hold)"})
    rate_plan = Slug(metadata={"description": "Stay: another rate plan of the room type"})
    arrival = CalendarDate(metadata={"description": "Stay: a new first night (a new hold)"})
    departure = CalendarDate(metadata={"description": "Stay: a new departure (a new hold)"})
    guests = fields.Integer(
        strict=True, validate=validate.Range(min=1, max=MAX_GUESTS), metadata={"description": "Stay"}
    )
    staff = _staff_id(
        metadata={"description": "Appointment: another staff member (a new hold); null: any who performs it"}
    )
    start = LocalMinute(metadata={"description": "Reservation: a new venue-local start (a series moves whole)"})
    end = LocalMinute(metadata={"description": "Reservation: a new venue-local end; the same length if left out"})
    starts_at = Instant(metadata={"description": "Reservation: or a new start as an instant"})
    ends_at = Instant(metadata={"description": "Reservation: or a new end as an instant"})
    special_requests = _special_requests()
    room_number = _room_number()
    is_leave_time_confirmed = StrictBoolean()

    @validates_schema
    def _range(self, data, **_kwargs):
        _one_range(data, required=False)


class BookingCancelSchema(StrictSchema):
    reason_id = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=1, max=1000),
        metadata={"description": "1-5 as in GET cancellation reasons of the contract"},
    )


class CustomerAccessArgsSchema(StrictSchema):
    email = fields.Email(
        validate=validate.Length(max=254), metadata={"description": "The customer's e-mail; staff leave it out"}
    )


class BookingListArgsSchema(StrictSchema):
    venue = Slug()
    kind = fields.String(validate=validate.OneOf(BookingKind.ALL))
    resource = fields.Integer(
        strict=False,
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "A reservation's resource: its history"},
    )
    from_ = CalendarDate(data_key="from")
    to = CalendarDate()
    status = fields.String(validate=validate.OneOf(BookingStatus.ALL))
    email = fields.Email(validate=validate.Length(max=254))
    q = PlainText(
        validate=[validate.Length(min=1, max=100), _few_words],
        metadata={
            "description": "Free text: every word must appear in the reference or in the booker's "
            f"name or e-mail (at most {MAX_SEARCH_WORDS} words)"
        },
    )
    cursor = fields.String(validate=validate.Length(max=200))
    limit = fields.Integer(strict=False, load_default=50, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))
    order = fields.String(
        load_default="asc",
        validate=validate.OneOf(("asc", "desc")),
        metadata={"description": "By start: `asc` (soonest first) or `desc` (latest first)"},
    )
    offset = fields.Integer(
        strict=False,
        load_default=0,
        validate=validate.Range(min=0, max=MAX_OFFSET),
        metadata={"description": "Rows to skip (after the cursor, if any)"},
    )

    @validates_schema
    def _span(self, data, **_kwargs):
        if "from_" in data and "to" in data:
            if data["from_"] > data["to"]:
                raise ValidationError({"to": ["Must not be before from."]})
            if data["to"] - data["from_"] > MAX_LIST_SPAN:
                raise ValidationError({"to": ["A list covers at most 366 days."]})


class BookingCountArgsSchema(StrictSchema):
    venue = Slug(required=True)
    date = CalendarDate(required=True)
    status = fields.String(load_default=BookingStatus.CONFIRMED, validate=validate.OneOf(BookingStatus.ALL))


class TimeCountSchema(StrictSchema):
    time = fields.String(metadata={"description": "Venue-local start, HH:MM"})
    bookings = fields.Integer()


class BookingCountsSchema(StrictSchema):
    venue = fields.String()
    date = fields.String()
    status = fields.String()
    times = fields.List(fields.Nested(TimeCountSchema), metadata={"description": "Only times with bookings"})


class CustomerViewSchema(AnswerSchema):
    id = fields.Integer()
    title = fields.String(allow_none=True)
    first_name = fields.String(allow_none=True)
    surname = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    mobile = fields.String(allow_none=True)
    mobile_country_code = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    phone_country_code = fields.String(allow_none=True)
    marketing_email = fields.Boolean()
    marketing_sms = fields.Boolean()
    venue_marketing_email = fields.Boolean()
    venue_marketing_sms = fields.Boolean()


class MoneySchema(AnswerSchema):
    amount = fields.String(metadata={"description": "A decimal string, e.g. `437.40`; never a float"})
    currency = fields.String(metadata={"description": "ISO 4217"})


class PriceLineSchema(AnswerSchema):
    kind = fields.String(metadata={"description": "night, extra_guests, discount, tax or city_tax"})
    description = fields.String()
    night = fields.String(allow_none=True, metadata={"description": "A night line's date"})
    quantity = fields.Integer()
    unit_amount = fields.String(metadata={"description": "Unrounded: amount = quantity x unit_amount, rounded once"})
    amount = fields.Nested(MoneySchema)


class StayViewSchema(AnswerSchema):
    room_type = fields.String()
    room_type_name = fields.String(allow_none=True)
    rate_plan = fields.String()
    rate_plan_name = fields.String(metadata={"description": "The plan's name when the stay was sold"})
    refundable = fields.Boolean()
    arrival = fields.String()
    departure = fields.String()
    nights = fields.Integer()
    guests = fields.Integer()
    lines = fields.List(fields.Nested(PriceLineSchema), metadata={"description": "What the total is the sum of"})
    room = fields.String(allow_none=True, metadata={"description": "The room's number, once the front desk gave one"})
    checked_in_at = fields.String(allow_none=True)
    checked_out_at = fields.String(allow_none=True)


class AppointmentStaffSchema(AnswerSchema):
    id = fields.Integer()
    name = fields.String()


class AppointmentResourceSchema(AnswerSchema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()


class ClassSessionViewSchema(AnswerSchema):
    id = fields.Integer(metadata={"description": "The class session the places are in"})
    capacity = fields.Integer(metadata={"description": "Places in the session"})
    places = fields.Integer(metadata={"description": "The places this booking takes (its party_size)"})


class AppointmentViewSchema(AnswerSchema):
    service = fields.String(metadata={"description": "The service's code"})
    service_name = fields.String()
    staff = fields.Nested(AppointmentStaffSchema)
    resources = fields.List(fields.Nested(AppointmentResourceSchema), metadata={"description": "What it holds"})
    class_session = fields.Nested(
        ClassSessionViewSchema, allow_none=True, metadata={"description": "A class's places; null for one person"}
    )


class ReservationOccurrenceSchema(AnswerSchema):
    start = fields.String(metadata={"description": "Venue-local, YYYY-MM-DDTHH:MM"})
    end = fields.String()
    starts_at = fields.String()
    ends_at = fields.String()


class ReservationConflictSchema(AnswerSchema):
    start = fields.String(metadata={"description": "Venue-local start of an occurrence not booked"})
    end = fields.String()
    reason = fields.String(metadata={"description": "taken, outside_hours, too_soon, beyond_horizon, nonexistent_time"})
    message = fields.String()


class ReservationResourceSchema(AnswerSchema):
    id = fields.Integer()
    name = fields.String()


class ReservationViewSchema(AnswerSchema):
    resource = fields.Nested(ReservationResourceSchema)
    start = fields.String(metadata={"description": "The (first) range asked for, venue-local"})
    end = fields.String()
    recurrence = fields.String(allow_none=True)
    mode = fields.String(metadata={"description": "all_or_nothing or partial"})
    occurrences = fields.List(fields.Nested(ReservationOccurrenceSchema), metadata={"description": "What is booked"})
    conflicts = fields.List(
        fields.Nested(ReservationConflictSchema), metadata={"description": "A partial series' occurrences not booked"}
    )


class BookingSchema(AnswerSchema):
    id = fields.String(metadata={"description": "UUID"})
    reference = fields.String()
    kind = fields.String(metadata={"description": "`slot`, `stay`, `appointment` or `reservation`"})
    status = fields.String(metadata={"description": ", ".join(BookingStatus.ALL)})
    venue = fields.String()
    date = fields.String()
    time = fields.String()
    starts_at = fields.String()
    ends_at = fields.String()
    party_size = fields.Integer()
    special_requests = fields.String(allow_none=True)
    room_number = fields.String(allow_none=True)
    is_leave_time_confirmed = fields.Boolean()
    channel = fields.String()
    cancellation_reason_id = fields.Integer(allow_none=True)
    customer = fields.Nested(CustomerViewSchema)
    stay = fields.Nested(StayViewSchema, allow_none=True, metadata={"description": "A stay's; null otherwise"})
    appointment = fields.Nested(
        AppointmentViewSchema, allow_none=True, metadata={"description": "An appointment's; null otherwise"}
    )
    reservation = fields.Nested(
        ReservationViewSchema, allow_none=True, metadata={"description": "A reservation's; null otherwise"}
    )
    total = fields.Nested(MoneySchema, allow_none=True, metadata={"description": "What a priced booking costs"})
    created_at = fields.String()
    updated_at = fields.String()


class BookingPageSchema(AnswerSchema):
    items = fields.List(fields.Nested(BookingSchema))
    next_cursor = fields.String(allow_none=True)


class HoldReferenceSchema(StrictSchema):
    booking_id = fields.String()
    reference = fields.String()
    status = fields.String()
