from datetime import timedelta

from marshmallow import ValidationError, fields, validate, validates_schema

from availability_service.models import RESOURCE_KINDS
from shared.schemas import MAX_UNITS, AnswerSchema, PatchSchema, PlainText, StrictBoolean, StrictSchema

MAX_MINUTES = 92 * 24 * 60  # the longest range a hold may take
MAX_BUFFER_MINUTES = 24 * 60
MAX_SPAN = timedelta(days=92)


def _tags(**kwargs):
    return fields.List(PlainText(validate=validate.Length(min=1, max=50)), validate=validate.Length(max=20), **kwargs)


def _minutes(description: str, **kwargs):
    return fields.Integer(
        strict=True,
        allow_none=True,
        validate=validate.Range(min=1, max=MAX_MINUTES),
        metadata={"description": description},
        **kwargs,
    )


class _ReservationLimits(StrictSchema):
    """A reservation's limits on the resource (docs/appointments.md, "Reservations")."""

    description = PlainText(allow_none=True, multiline=True, validate=validate.Length(max=2000))
    min_minutes = _minutes("The shortest reservation; none if null")
    max_minutes = _minutes("The longest reservation; none if null")
    buffer_minutes = fields.Integer(
        strict=True,
        validate=validate.Range(min=0, max=MAX_BUFFER_MINUTES),
        metadata={"description": "Held after each reservation (turnaround), not shown as reserved"},
    )

    @validates_schema
    def _ordered_limits(self, data, **_kwargs):
        low, high = data.get("min_minutes"), data.get("max_minutes")
        if low is not None and high is not None and low > high:
            raise ValidationError({"max_minutes": ["Must not be below min_minutes."]})


class ResourceCreateSchema(_ReservationLimits):
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
    buffer_minutes = fields.Integer(
        strict=True,
        load_default=0,
        validate=validate.Range(min=0, max=MAX_BUFFER_MINUTES),
        metadata={"description": "Held after each reservation (turnaround), not shown as reserved"},
    )


class ResourceUpdateSchema(_ReservationLimits, PatchSchema):
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
    description = fields.String(allow_none=True)
    min_minutes = fields.Integer(allow_none=True, metadata={"description": "The shortest reservation"})
    max_minutes = fields.Integer(allow_none=True, metadata={"description": "The longest reservation"})
    buffer_minutes = fields.Integer(metadata={"description": "Held after each reservation"})


class RangeQueryArgsSchema(StrictSchema):
    """A venue-local range (a block of time away)."""

    start = fields.NaiveDateTime(required=True, metadata={"description": "Venue-local, YYYY-MM-DDTHH:MM"})
    end = fields.NaiveDateTime(required=True, metadata={"description": "Venue-local, exclusive"})

    @validates_schema
    def _ordered(self, data, **_kwargs):
        if "start" in data and "end" in data:
            if data["end"] <= data["start"]:
                raise ValidationError({"end": ["Must be after start."]})
            if data["end"] - data["start"] > MAX_SPAN:
                raise ValidationError({"end": [f"A range covers at most {MAX_SPAN.days} days."]})
