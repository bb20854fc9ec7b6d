from marshmallow import fields, validate

from shared.schemas import MAX_UNITS, PlainText, Slug, StrictSchema, WallClockTime

MAX_SPECIAL_REQUESTS = 1000


class CustomerSchema(StrictSchema):
    title = PlainText(validate=validate.Length(max=20), allow_none=True)
    first_name = PlainText(required=True, validate=validate.Length(min=1, max=100))
    surname = PlainText(required=True, validate=validate.Length(min=1, max=100))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    mobile = PlainText(validate=validate.Length(max=40), allow_none=True)


class BookingCreateSchema(StrictSchema):
    venue = Slug(required=True)
    date = fields.Date(required=True)
    time = WallClockTime(required=True)
    party_size = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=MAX_UNITS))
    customer = fields.Nested(CustomerSchema, required=True)
    special_requests = PlainText(multiline=True, validate=validate.Length(max=MAX_SPECIAL_REQUESTS),
                                 allow_none=True)
    channel = PlainText(validate=validate.Length(min=1, max=32))


class BookingLookupArgsSchema(StrictSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))


class BookingSchema(StrictSchema):
    reference = fields.String()
    status = fields.String()
    venue = fields.String()
    date = fields.String()
    time = fields.String()
    starts_at = fields.String()
    ends_at = fields.String()
    party_size = fields.Integer()
    special_requests = fields.String(allow_none=True)
    channel = fields.String()
    customer = fields.Nested(CustomerSchema)
    created_at = fields.String()
    updated_at = fields.String()


class HoldReferenceSchema(StrictSchema):
    booking_id = fields.String()
    reference = fields.String()
    status = fields.String()
