from marshmallow import ValidationError, fields, validate, validates_schema

from availability_service.appointments.schemas import MoneySchema, StaffRefSchema
from availability_service.rooms.schemas import MAX_OCCUPANCY
from shared.schemas import MAX_UNITS, CalendarDate, Slug, StrictBoolean, StrictSchema, WallClockTime

SLOT_FIELDS = ("date", "time")
RANGE_FIELDS = ("resource", "start", "end")
STAY_FIELDS = ("room_type", "arrival", "departure", "guests")
SHAPES = {"slot": SLOT_FIELDS, "range": RANGE_FIELDS, "stay": STAY_FIELDS}


class HoldCreateSchema(StrictSchema):
    """A slot hold (`date` + `time`), a range hold (`resource` + `start` + `end`) or a stay hold
    (`room_type` + `arrival` + `departure` + `guests`, one unit): one shape's fields only."""

    hold_key = fields.String(required=True, validate=validate.Length(min=1, max=128))
    venue = Slug(required=True)
    units = fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=MAX_UNITS),
        metadata={"description": "Slot and range holds; a stay hold is one unit"},
    )
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
    room_type = Slug(metadata={"description": "Stay hold: the room type's code."})
    arrival = CalendarDate(metadata={"description": "Stay hold: the first night."})
    departure = CalendarDate(metadata={"description": "Stay hold: the morning the guests leave."})
    guests = fields.Integer(
        strict=True, validate=validate.Range(min=1, max=MAX_OCCUPANCY), metadata={"description": "Stay hold"}
    )

    @validates_schema
    def _one_shape(self, data, **_kwargs):
        given = [shape for shape, names in SHAPES.items() if any(name in data for name in names)]
        if len(given) > 1:
            raise ValidationError(
                "Give date and time for a slot, resource, start and end for a range, or room_type, arrival, "
                "departure and guests for a stay; one of them."
            )
        shape = given[0] if given else "slot"
        wanted = SHAPES[shape] if shape == "stay" else (*SHAPES[shape], "units")
        if shape == "stay" and data.get("units", 1) != 1:
            raise ValidationError({"units": ["A stay holds one room: leave units out."]})
        missing = {name: ["Missing data for required field."] for name in wanted if name not in data}
        if missing:
            raise ValidationError(missing)
        if "end" in data and data["end"] <= data["start"]:
            raise ValidationError({"end": ["Must be after start."]})
        if "departure" in data and data["departure"] <= data["arrival"]:
            raise ValidationError({"departure": ["Must be after the arrival."]})


class HoldResourceSchema(StrictSchema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()


class HoldServiceSchema(StrictSchema):
    code = fields.String()
    name = fields.String()


class OccurrenceSchema(StrictSchema):
    start = fields.String(metadata={"description": "Venue-local start, YYYY-MM-DDTHH:MM"})
    end = fields.String(metadata={"description": "Venue-local end"})
    starts_at = fields.String()
    ends_at = fields.String(metadata={"description": "The reservation's end; the buffer after it is held too"})


class ConflictSchema(StrictSchema):
    start = fields.String(metadata={"description": "Venue-local start of the occurrence not held"})
    end = fields.String()
    reason = fields.String(
        metadata={"description": "taken, outside_hours, too_soon, beyond_horizon or nonexistent_time"}
    )
    message = fields.String()


class RequestedRangeSchema(StrictSchema):
    start = fields.String(metadata={"description": "Venue-local, YYYY-MM-DDTHH:MM"})
    end = fields.String()


class ClassSessionRefSchema(StrictSchema):
    id = fields.Integer()
    capacity = fields.Integer(metadata={"description": "Places in the session"})
    taken = fields.Integer(metadata={"description": "Places taken, this hold's included"})
    places_left = fields.Integer()


class HoldSchema(StrictSchema):
    id = fields.String()
    hold_key = fields.String()
    kind = fields.String(metadata={"description": "`slot`, `range`, `stay`, `appointment` or `reservation`"})
    status = fields.String(metadata={"description": "held, confirmed, released or expired"})
    units = fields.Integer(metadata={"description": "A class's: the places held"})
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
    room_type = fields.String(metadata={"description": "Stay holds: the room type's code"})
    room_type_name = fields.String(metadata={"description": "Stay holds: the room type's name"})
    arrival = fields.String(metadata={"description": "Stay holds: the first night"})
    departure = fields.String(metadata={"description": "Stay holds: the morning the guests leave"})
    service = fields.Nested(HoldServiceSchema, metadata={"description": "Appointment holds"})
    staff = fields.Nested(StaffRefSchema, metadata={"description": "Appointment holds: who takes it"})
    resources = fields.List(
        fields.Nested(HoldResourceSchema), metadata={"description": "Appointment holds: the resources it needs"}
    )
    price = fields.Nested(
        MoneySchema, allow_none=True, metadata={"description": "Appointment holds (a class: a place)"}
    )
    class_session = fields.Nested(
        ClassSessionRefSchema, metadata={"description": "A class's appointment holds: the session its places are in"}
    )
    requested = fields.Nested(
        RequestedRangeSchema, metadata={"description": "Reservation holds: the (first) range asked for"}
    )
    recurrence = fields.String(allow_none=True, metadata={"description": "Reservation holds: the series' RRULE"})
    mode = fields.String(metadata={"description": "Reservation holds: all_or_nothing or partial"})
    buffer_minutes = fields.Integer(metadata={"description": "Reservation holds: held after each occurrence"})
    occurrences = fields.List(
        fields.Nested(OccurrenceSchema), metadata={"description": "Reservation holds: each occurrence held"}
    )
    conflicts = fields.List(
        fields.Nested(ConflictSchema), metadata={"description": "Reservation holds: the occurrences not held, and why"}
    )


MAX_CONFIRMATIONS = 100


class HoldConfirmationsSchema(StrictSchema):
    hold_ids = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)),
        required=True,
        validate=validate.Length(min=1, max=MAX_CONFIRMATIONS),
        metadata={"description": "The holds to confirm, at most 100"},
    )


class HoldStatusesSchema(StrictSchema):
    statuses = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "Per hold id: `confirmed`, `released`, `expired` or `not_found`"},
    )
