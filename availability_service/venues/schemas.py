from marshmallow import fields, validate

from shared.schemas import MAX_UNITS, StrictSchema


class AvailabilityQueryArgsSchema(StrictSchema):
    date = fields.Date(required=True)
    party_size = fields.Integer(required=True, strict=False, validate=validate.Range(min=1, max=MAX_UNITS))


class AvailableSlotSchema(StrictSchema):
    time = fields.String()
    starts_at = fields.String()
    remaining = fields.Integer()
    bookable = fields.Boolean()


class AvailabilitySchema(StrictSchema):
    venue = fields.String()
    date = fields.String()
    party_size = fields.Integer()
    slots = fields.List(fields.Nested(AvailableSlotSchema))
