from marshmallow import ValidationError, fields, validate, validates_schema

from availability_service.resources.schemas import RangeQueryArgsSchema
from availability_service.schedules.hours import overlapping_periods
from shared.schemas import AnswerSchema, PlainText, StrictSchema, WallClockTime

MAX_PERIODS = 50


class PeriodSchema(StrictSchema):
    starts = WallClockTime(required=True, metadata={"description": "HH:MM, venue wall clock"})
    ends = WallClockTime(required=True, metadata={"description": "HH:MM, after starts (same day)"})

    @validates_schema
    def _ordered(self, data, **_kwargs):
        if "starts" in data and "ends" in data and data["ends"] <= data["starts"]:
            raise ValidationError({"ends": ["Must be after starts."]})


class WeeklyPeriodSchema(PeriodSchema):
    weekday = fields.Integer(
        strict=True, required=True, validate=validate.Range(min=0, max=6), metadata={"description": "Monday = 0"}
    )


def _no_overlap(periods: list[tuple], label: str) -> None:
    clashes = overlapping_periods((p["starts"], p["ends"]) for p in periods)
    if clashes:
        first, second = clashes[0]
        raise ValidationError(
            {"periods": [f"{label}: {first[0]:%H:%M}-{first[1]:%H:%M} overlaps {second[0]:%H:%M}-{second[1]:%H:%M}."]}
        )


class WeekSchema(StrictSchema):
    periods = fields.List(
        fields.Nested(WeeklyPeriodSchema),
        required=True,
        validate=validate.Length(max=MAX_PERIODS),
        metadata={"description": "The whole week; several periods on a day leave breaks. Empty: keeps no hours."},
    )

    @validates_schema
    def _no_overlaps(self, data, **_kwargs):
        for weekday in range(7):
            _no_overlap([p for p in data.get("periods", []) if p["weekday"] == weekday], f"weekday {weekday}")


class DayPeriodsSchema(StrictSchema):
    periods = fields.List(
        fields.Nested(PeriodSchema),
        required=True,
        validate=validate.Length(max=MAX_PERIODS),
        metadata={"description": "The date's open periods, replacing the week's; empty: closed that day"},
    )
    note = PlainText(load_default=None, allow_none=True, validate=validate.Length(max=500))

    @validates_schema
    def _no_overlaps(self, data, **_kwargs):
        _no_overlap(data.get("periods", []), "that date")


class PeriodAnswerSchema(AnswerSchema):
    starts = fields.String()
    ends = fields.String()


class WeeklyPeriodAnswerSchema(PeriodAnswerSchema):
    weekday = fields.Integer()


class ExceptionAnswerSchema(AnswerSchema):
    date = fields.String()
    periods = fields.List(fields.Nested(PeriodAnswerSchema), metadata={"description": "Empty: closed"})
    note = fields.String(allow_none=True)


class HoursSchema(AnswerSchema):
    resource = fields.Integer()
    periods = fields.List(fields.Nested(WeeklyPeriodAnswerSchema))
    exceptions = fields.List(fields.Nested(ExceptionAnswerSchema), metadata={"description": "From today on"})


class BlockCreateSchema(RangeQueryArgsSchema):
    reason = PlainText(load_default=None, allow_none=True, validate=validate.Length(max=500))


class BlockSchema(AnswerSchema):
    id = fields.Integer()
    resource = fields.Integer()
    start = fields.String()
    end = fields.String()
    reason = fields.String(allow_none=True)


class BlockListSchema(AnswerSchema):
    items = fields.List(fields.Nested(BlockSchema))
