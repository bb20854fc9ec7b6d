from marshmallow import ValidationError, fields, validate, validates_schema

from shared.schemas import MAX_UNITS, CalendarDate, Slug, StrictBoolean, StrictSchema, WallClockTime

SLOT_FIELDS = ("date", "time")
RANGE_FIELDS = ("resource", "start", "end")


class HoldCreateSchema(StrictSchema):
    """A slot hold (`date` + `time`) or a range hold (`resource` + `start` + `end`), never both."""

    hold_key = fields.String(required=True, validate=validate.Length(min=1, max=128))
    venue = Slug(required=True)
    units = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=MAX_UNITS))
    date = CalendarDate(metadata={"description": "Slot hold: the venue-local date."})
    time = WallClockTime(metadata={"description": "Slot hold: the venue-local start time, HH:MM."})
    on_the_day = StrictBoolean(
        load_default=False,
        metadata={
            "description": "Slot hold for staff booking a guest at the venue or on the phone: no minimum notice, and "
            "a slot that has started may be held until it ends."
        },
    )
    resource = fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Range hold: the resource id."},
    )
    start = fields.NaiveDateTime(metadata={"description": "Range hold: venue-local start, YYYY-MM-DDTHH:MM."})
    end = fields.NaiveDateTime(metadata={"description": "Range hold: venue-local end (exclusive)."})

    @validates_schema
    def _one_shape(self, data, **_kwargs):
        slot = [name for name in SLOT_FIELDS if name in data]
        ranged = [name for name in RANGE_FIELDS if name in data]
        if slot and ranged:
            raise ValidationError("Give date and time for a slot, or resource, start and end for a range; not both.")
        wanted = SLOT_FIELDS if slot or not ranged else RANGE_FIELDS
        missing = {name: ["Missing data for required field."] for name in wanted if name not in data}
        if missing:
            raise ValidationError(missing)
        if ranged and data["end"] <= data["start"]:
            raise ValidationError({"end": ["Must be after start."]})


class HoldResourceSchema(StrictSchema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()


class HoldSchema(StrictSchema):
    id = fields.String()
    hold_key = fields.String()
    kind = fields.String(metadata={"description": "`slot` or `range`"})
    status = fields.String(metadata={"description": "held, confirmed, released or expired"})
    units = fields.Integer()
    expires_at = fields.String()
    venue = fields.String()
    venue_name = fields.String()
    venue_address = fields.String(allow_none=True)
    timezone = fields.String()
    date = fields.String(metadata={"description": "Slot holds"})
    time = fields.String(metadata={"description": "Slot holds"})
    resource = fields.Nested(HoldResourceSchema, metadata={"description": "Range holds"})
    start = fields.String(metadata={"description": "Range holds: venue-local start"})
    end = fields.String(metadata={"description": "Range holds: venue-local end"})
    starts_at = fields.String()
    ends_at = fields.String()
