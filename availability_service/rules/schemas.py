from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from availability_service.rules.service import WEEKDAYS
from shared.schemas import MAX_UNITS, CalendarDate, PatchSchema, PlainText, StrictSchema, WallClockTime

MINUTES_PER_DAY = 24 * 60


def _period_fields(required: bool) -> dict:
    return {
        "weekday": fields.String(validate=validate.OneOf(WEEKDAYS), metadata={"description": "Weekly rule"}),
        "date": CalendarDate(metadata={"description": "Exceptional opening: replaces the weekly rules that day"}),
        "first_start": WallClockTime(required=required),
        "last_start": WallClockTime(required=required),
        "interval_minutes": fields.Integer(
            required=required, strict=True, validate=validate.Range(min=5, max=MINUTES_PER_DAY)
        ),
        "duration_minutes": fields.Integer(
            strict=True,
            validate=validate.Range(min=5, max=MINUTES_PER_DAY),
            metadata={"description": "Defaults to the venue's slot length"},
        ),
        "capacity": fields.Integer(
            strict=True,
            validate=validate.Range(min=0, max=MAX_UNITS),
            metadata={"description": "Units per slot; defaults to the venue's"},
        ),
    }


class _RuleSchema(StrictSchema):
    @validates_schema
    def _weekday_or_date(self, data, **_kwargs):
        if "weekday" in data and "date" in data:
            raise ValidationError("Give a weekday or a date, not both.")

    @post_load
    def _to_columns(self, data, **_kwargs):
        if "weekday" in data:
            data["weekday"] = WEEKDAYS.index(data["weekday"])
        if "date" in data:
            data["on_date"] = data.pop("date")
        return data


class RuleCreateSchema(_RuleSchema.from_dict(_period_fields(required=True))):
    """A weekly period (`weekday`) or an exceptional opening (`date`)."""

    @validates_schema
    def _has_day(self, data, **_kwargs):
        if "weekday" not in data and "date" not in data:
            raise ValidationError({"weekday": ["Give a weekday, or a date for an exceptional opening."]})


class RuleUpdateSchema(PatchSchema, _RuleSchema.from_dict(_period_fields(required=False))):
    """Any of a period's fields; moving it between a weekday and a date is allowed."""


class RuleSchema(StrictSchema):
    id = fields.Integer()
    weekday = fields.String(allow_none=True)
    date = fields.String(allow_none=True)
    first_start = fields.String()
    last_start = fields.String()
    interval_minutes = fields.Integer()
    duration_minutes = fields.Integer()
    capacity = fields.Integer()
    slot_changes = fields.Dict(metadata={"description": "Slots created, updated and withdrawn by this change"})


class SlotChangesSchema(StrictSchema):
    slot_changes = fields.Dict()


class ClosureCreateSchema(StrictSchema):
    date = CalendarDate(required=True)
    note = PlainText(allow_none=True, validate=validate.Length(max=500))


class ClosureSchema(StrictSchema):
    id = fields.Integer()
    date = fields.String()
    note = fields.String(allow_none=True)
    slot_changes = fields.Dict()
