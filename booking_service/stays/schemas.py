from marshmallow import ValidationError, fields, validate, validates_schema

from booking_service.bookings.schemas import MAX_GUESTS, BookingSchema, MoneySchema, PriceLineSchema
from shared.schemas import AnswerSchema, CalendarDate, StrictSchema

ROOM_NUMBER = r"^[A-Za-z0-9][A-Za-z0-9-]{0,19}$"  # as the availability service writes room numbers


class StaySearchArgsSchema(StrictSchema):
    arrival = CalendarDate(required=True, metadata={"description": "The first night"})
    departure = CalendarDate(required=True, metadata={"description": "The morning the guests leave"})
    guests = fields.Integer(strict=False, required=True, validate=validate.Range(min=1, max=MAX_GUESTS))

    @validates_schema
    def _ordered(self, data, **_kwargs):
        if "arrival" in data and "departure" in data and data["departure"] <= data["arrival"]:
            raise ValidationError({"departure": ["Must be after the arrival."]})


class NightPriceSchema(AnswerSchema):
    date = fields.String()
    price = fields.Nested(MoneySchema)


class RatePlanOfferSchema(AnswerSchema):
    rate_plan = fields.String()
    name = fields.String()
    refundable = fields.Boolean()
    bookable = fields.Boolean(metadata={"description": "False when the plan does not sell this stay: see `reason`"})
    reason = fields.String(allow_none=True, metadata={"description": "Why the plan does not sell the stay"})
    nightly = fields.List(fields.Nested(NightPriceSchema))
    lines = fields.List(fields.Nested(PriceLineSchema), metadata={"description": "What the total is the sum of"})
    total = fields.Nested(MoneySchema, allow_none=True, metadata={"description": "Taxes included"})


class RoomTypeOfferSchema(AnswerSchema):
    room_type = fields.String()
    name = fields.String()
    description = fields.String(allow_none=True)
    max_occupancy = fields.Integer()
    bed_setup = fields.String(allow_none=True)
    amenities = fields.List(fields.String())
    available = fields.Integer(metadata={"description": "Rooms of this type free on every night of the stay"})
    rate_plans = fields.List(fields.Nested(RatePlanOfferSchema))


class StaySearchSchema(AnswerSchema):
    venue = fields.String()
    timezone = fields.String()
    arrival = fields.String()
    departure = fields.String()
    nights = fields.Integer()
    guests = fields.Integer()
    room_types = fields.List(
        fields.Nested(RoomTypeOfferSchema), metadata={"description": "The room types that sleep the guests"}
    )


def _room(**kwargs):
    return fields.String(allow_none=True, validate=validate.Regexp(ROOM_NUMBER), **kwargs)


class RoomAssignSchema(StrictSchema):
    room = _room(metadata={"description": "The room's number; the best free room of the stay's type if left out"})


class CheckInSchema(StrictSchema):
    room = _room(metadata={"description": "A room to check in to; else the stay's own, or the best free one"})


class FrontDeskArgsSchema(StrictSchema):
    date = CalendarDate(required=True)


class FrontDeskSchema(AnswerSchema):
    venue = fields.String()
    date = fields.String()
    arrivals = fields.List(fields.Nested(BookingSchema), metadata={"description": "Stays arriving on the date"})
    in_house = fields.List(fields.Nested(BookingSchema), metadata={"description": "Guests checked in"})
    departures = fields.List(fields.Nested(BookingSchema), metadata={"description": "Stays leaving on the date"})
