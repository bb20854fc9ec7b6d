from datetime import timedelta

from marshmallow import ValidationError, fields, validate, validates_schema

from availability_service.models import RESOURCE_KINDS
from shared.schemas import MAX_UNITS, AnswerSchema, PatchSchema, PlainText, StrictBoolean, StrictSchema

MAX_SPAN = timedelta(days=92)


def _tags(**kwargs):
    return fields.List(PlainText(validate=validate.Length(min=1, max=50)), validate=validate.Length(max=20), **kwargs)


class ResourceCreateSchema(StrictSchema):
    name = PlainText(required=True, validate=validate.Length(min=1, max=200))
    kind = fields.String(required=True, validate=validate.OneOf(RESOURCE_KINDS))
    capacity = fields.Integer(
        strict=True,
        load_default=1,
        validate=validate.Range(min=1, max=MAX_UNITS),
        metadata={"description": "Units, e.g. rooms of a room type; 1 for a single room"},
    )
    tags = _tags(load_default=list)
    active = StrictBoolean(load_default=True)


class ResourceUpdateSchema(PatchSchema):
    name = PlainText(validate=validate.Length(min=1, max=200))
    kind = fields.String(validate=validate.OneOf(RESOURCE_KINDS))
    capacity = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_UNITS))
    tags = _tags()
    active = StrictBoolean()


class ResourceSchema(AnswerSchema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    capacity = fields.Integer()
    tags = fields.List(fields.String())
    active = fields.Boolean()


class RangeQueryArgsSchema(StrictSchema):
    start = fields.NaiveDateTime(required=True, metadata={"description": "Venue-local, YYYY-MM-DDTHH:MM"})
    end = fields.NaiveDateTime(required=True, metadata={"description": "Venue-local, exclusive"})

    @validates_schema
    def _ordered(self, data, **_kwargs):
        if "start" in data and "end" in data:
            if data["end"] <= data["start"]:
                raise ValidationError({"end": ["Must be after start."]})
            if data["end"] - data["start"] > MAX_SPAN:
                raise ValidationError({"end": [f"A range covers at most {MAX_SPAN.days} days."]})


class ResourceAvailabilitySchema(StrictSchema):
    resource = fields.Nested(ResourceSchema)
    start = fields.String()
    end = fields.String()
    starts_at = fields.String()
    ends_at = fields.String()
    remaining = fields.Integer(metadata={"description": "Units free for the whole range"})
