from marshmallow import ValidationError, fields, validate, validates_schema

from availability_service.rooms.schemas import MAX_OCCUPANCY
from shared.schemas import AnswerSchema, CalendarDate, StrictSchema


class StayArgsSchema(StrictSchema):
    arrival = CalendarDate(required=True)
    departure = CalendarDate(required=True)
    guests = fields.Integer(strict=False, required=True, validate=validate.Range(min=1, max=MAX_OCCUPANCY))

    @validates_schema
    def _ordered(self, data, **_kwargs):
        if "arrival" in data and "departure" in data and data["departure"] <= data["arrival"]:
            raise ValidationError({"departure": ["Must be after the arrival."]})


class NightFreeSchema(AnswerSchema):
    date = fields.String()
    free = fields.Integer(metadata={"description": "Rooms of the type free that night"})
    out_of_order = fields.Integer(metadata={"description": "Rooms of the type out of order that night"})


class RoomTypeNightsSchema(AnswerSchema):
    code = fields.String()
    name = fields.String()
    units = fields.Integer()
    nights = fields.List(fields.Nested(NightFreeSchema))


class RoomNightsSchema(AnswerSchema):
    venue = fields.String()
    timezone = fields.String()
    from_ = fields.String(data_key="from")
    to = fields.String()
    room_types = fields.List(fields.Nested(RoomTypeNightsSchema))


class AvailableRoomTypeSchema(AnswerSchema):
    code = fields.String()
    name = fields.String()
    description = fields.String(allow_none=True)
    max_occupancy = fields.Integer()
    bed_setup = fields.String(allow_none=True)
    amenities = fields.List(fields.String())
    available = fields.Integer(metadata={"description": "Units free on every night of the stay"})


class StayAvailabilitySchema(AnswerSchema):
    venue = fields.String()
    timezone = fields.String()
    arrival = fields.String()
    departure = fields.String()
    nights = fields.Integer()
    guests = fields.Integer()
    room_types = fields.List(fields.Nested(AvailableRoomTypeSchema))
