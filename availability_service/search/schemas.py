from datetime import timedelta

from marshmallow import ValidationError, fields, validate, validates_schema

from shared.schemas import MAX_UNITS, AnswerSchema, CalendarDate, StrictSchema

MAX_SPAN_DAYS = 92


class AvailabilityQueryArgsSchema(StrictSchema):
    """`date` for one day, or `from` and `to` (inclusive, at most 92 days) for a calendar."""

    date = CalendarDate()
    from_ = CalendarDate(data_key="from")
    to = CalendarDate()
    party_size = fields.Integer(required=True, strict=False, validate=validate.Range(min=1, max=MAX_UNITS))

    @validates_schema
    def _one_day_or_a_span(self, data, **_kwargs):
        span = [name for name in ("from_", "to") if name in data]
        if "date" in data and span:
            raise ValidationError("Give either date, or from and to.")
        if "date" not in data and len(span) != 2:
            raise ValidationError({"date": ["Give a date, or from and to."]})
        if span:
            if data["from_"] > data["to"]:
                raise ValidationError({"to": ["Must not be before from."]})
            if data["to"] - data["from_"] >= timedelta(days=MAX_SPAN_DAYS):
                raise ValidationError({"to": [f"A search covers at most {MAX_SPAN_DAYS} days."]})


class AvailableSlotSchema(AnswerSchema):
    time = fields.String(metadata={"description": "Venue-local start, HH:MM"})
    starts_at = fields.String(metadata={"description": "ISO-8601 UTC instant"})
    remaining = fields.Integer(metadata={"description": "Units (covers) still free"})
    bookable = fields.Boolean(
        metadata={"description": "Open, far enough ahead, within the horizon and with room for the party"}
    )
    confirmed_holds = fields.Integer(
        metadata={"description": "Confirmed holds starting then: one per confirmed booking (not covers)"}
    )


class AvailableDaySchema(AnswerSchema):
    date = fields.String()
    slots = fields.List(fields.Nested(AvailableSlotSchema))


class AvailabilitySchema(StrictSchema):
    """One day (`date` and `slots`) or a calendar (`from`, `to` and `days`)."""

    venue = fields.String()
    venue_id = fields.Integer()
    max_party_size = fields.Integer(metadata={"description": "The venue's largest party"})
    party_size = fields.Integer()
    date = fields.String()
    slots = fields.List(fields.Nested(AvailableSlotSchema))
    from_ = fields.String(data_key="from")
    to = fields.String()
    days = fields.List(fields.Nested(AvailableDaySchema))
