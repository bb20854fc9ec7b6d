from datetime import timedelta

from marshmallow import ValidationError, fields, validate, validates_schema

from booking_service.models import BookingStatus
from shared.pagination import MAX_PAGE_SIZE
from shared.schemas import MAX_UNITS, PatchSchema, PhoneNumber, PlainText, Slug, StrictSchema, WallClockTime

MAX_SPECIAL_REQUESTS = 1000
MAX_LIST_SPAN = timedelta(days=366)


def _party_size(**kwargs):
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_UNITS), **kwargs)


def _special_requests():
    return PlainText(multiline=True, validate=validate.Length(max=MAX_SPECIAL_REQUESTS), allow_none=True)


class CustomerSchema(StrictSchema):
    title = PlainText(validate=validate.Length(max=20), allow_none=True)
    first_name = PlainText(required=True, validate=validate.Length(min=1, max=100))
    surname = PlainText(required=True, validate=validate.Length(min=1, max=100))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    mobile = PhoneNumber(allow_none=True)
    phone = PhoneNumber(allow_none=True)
    marketing_email = fields.Boolean(metadata={"description": "Marketing e-mail from Tessera venues"})
    marketing_sms = fields.Boolean()
    venue_marketing_email = fields.Boolean(metadata={"description": "Marketing e-mail from this venue"})
    venue_marketing_sms = fields.Boolean()


class BookingCreateSchema(StrictSchema):
    venue = Slug(required=True)
    date = fields.Date(required=True)
    time = WallClockTime(required=True)
    party_size = _party_size(required=True)
    customer = fields.Nested(CustomerSchema, required=True)
    special_requests = _special_requests()
    channel = PlainText(validate=validate.Length(min=1, max=32))


class BookingUpdateSchema(PatchSchema):
    """A move (any of date, time, party size) and/or new special requests."""

    date = fields.Date()
    time = WallClockTime()
    party_size = _party_size()
    special_requests = _special_requests()


class BookingCancelSchema(StrictSchema):
    reason_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=1000),
                               metadata={"description": "1-5 as in GET cancellation reasons of the contract"})


class CustomerAccessArgsSchema(StrictSchema):
    email = fields.Email(validate=validate.Length(max=254),
                         metadata={"description": "The customer's e-mail; staff leave it out"})


class BookingListArgsSchema(StrictSchema):
    venue = Slug()
    from_ = fields.Date(data_key="from")
    to = fields.Date()
    status = fields.String(validate=validate.OneOf(BookingStatus.ALL))
    email = fields.Email(validate=validate.Length(max=254))
    cursor = fields.String(validate=validate.Length(max=200))
    limit = fields.Integer(strict=False, load_default=50, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))

    @validates_schema
    def _span(self, data, **_kwargs):
        if "from_" in data and "to" in data:
            if data["from_"] > data["to"]:
                raise ValidationError({"to": ["Must not be before from."]})
            if data["to"] - data["from_"] > MAX_LIST_SPAN:
                raise ValidationError({"to": ["A list covers at most 366 days."]})


class CustomerViewSchema(StrictSchema):
    title = fields.String(allow_none=True)
    first_name = fields.String()
    surname = fields.String()
    email = fields.String()
    mobile = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    marketing_email = fields.Boolean()
    marketing_sms = fields.Boolean()
    venue_marketing_email = fields.Boolean()
    venue_marketing_sms = fields.Boolean()


class BookingSchema(StrictSchema):
    reference = fields.String()
    status = fields.String(metadata={"description": ", ".join(BookingStatus.ALL)})
    venue = fields.String()
    date = fields.String()
    time = fields.String()
    starts_at = fields.String()
    ends_at = fields.String()
    party_size = fields.Integer()
    special_requests = fields.String(allow_none=True)
    channel = fields.String()
    cancellation_reason_id = fields.Integer(allow_none=True)
    customer = fields.Nested(CustomerViewSchema)
    created_at = fields.String()
    updated_at = fields.String()


class BookingPageSchema(StrictSchema):
    items = fields.List(fields.Nested(BookingSchema))
    next_cursor = fields.String(allow_none=True)


class HoldReferenceSchema(StrictSchema):
    booking_id = fields.String()
    reference = fields.String()
    status = fields.String()
