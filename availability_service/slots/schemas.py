import re
from datetime import datetime, timedelta

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from shared.pagination import MAX_PAGE_SIZE
from shared.schemas import MAX_UNITS, AnswerSchema, CalendarDate, PatchSchema, StrictBoolean, StrictSchema

MAX_SPAN = timedelta(days=92)
SLOT_CURSOR = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")


class SlotListArgsSchema(StrictSchema):
    from_ = CalendarDate(data_key="from", required=True)
    to = CalendarDate(required=True)
    cursor = fields.String(validate=validate.Regexp(SLOT_CURSOR), metadata={"description": "From `next_cursor`"})
    limit = fields.Integer(strict=False, load_default=100, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))

    @validates_schema
    def _span(self, data, **_kwargs):
        if "from_" in data and "to" in data:
            if data["from_"] > data["to"]:
                raise ValidationError({"to": ["Must not be before from."]})
            if data["to"] - data["from_"] >= MAX_SPAN:
                raise ValidationError({"to": [f"A listing covers at most {MAX_SPAN.days} days."]})

    @post_load
    def _cursor(self, data, **_kwargs):
        if "cursor" in data:
            try:
                after = datetime.strptime(data["cursor"], "%Y-%m-%dT%H:%M")
            except ValueError:
                raise ValidationError({"cursor": ["Not a cursor this API gave out."]}) from None
            data["after"] = (after.date(), after.time())
        return data


class SlotUpdateSchema(PatchSchema):
    capacity = fields.Integer(strict=True, validate=validate.Range(min=0, max=MAX_UNITS))
    is_open = StrictBoolean()


class SlotSchema(AnswerSchema):
    date = fields.String()
    time = fields.String()
    starts_at = fields.String()
    ends_at = fields.String()
    capacity = fields.Integer()
    booked = fields.Integer(metadata={"description": "Units held or confirmed"})
    remaining = fields.Integer()
    is_open = fields.Boolean()
    staff_override = fields.Boolean(metadata={"description": "Staff changed it by hand; rule changes leave it be"})
