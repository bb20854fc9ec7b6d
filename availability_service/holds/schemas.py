from marshmallow import fields, validate

from shared.schemas import MAX_UNITS, Slug, StrictSchema, WallClockTime


class HoldCreateSchema(StrictSchema):
    hold_key = fields.String(required=True, validate=validate.Length(min=1, max=128))
    venue = Slug(required=True)
    date = fields.Date(required=True)
    time = WallClockTime(required=True)
    units = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=MAX_UNITS))


class HoldSchema(StrictSchema):
    id = fields.String()
    hold_key = fields.String()
    status = fields.String()
    units = fields.Integer()
    expires_at = fields.String()
    venue = fields.String()
    venue_name = fields.String()
    timezone = fields.String()
    date = fields.String()
    time = fields.String()
    starts_at = fields.String()
    ends_at = fields.String()
