from marshmallow import ValidationError, fields, validate, validates_schema

from booking_service.bookings.schemas import MAX_GUESTS, BookingSchema, MoneySchema, PriceLineSchema
from booking_service.rates.schemas import MONEY_PLACES
from shared.money import CurrencyCode
from shared.schemas import (
    AnswerSchema,
    CalendarDate,
    DecimalString,
    PatchSchema,
    PlainText,
    Slug,
    StrictBoolean,
    StrictSchema,
)

ROOM_NUMBER = r"^[A-Za-z0-9][A-Za-z0-9-]{0,19}$"  # as the availability service writes room numbers
MAX_PRICE = 100_000
MAX_STOCK = 1_000_000
MAX_CHARGE_QUANTITY = 100
MAX_REPORT_NIGHTS = 92  # as the availability service's room nights


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


class CatalogueItemCreateSchema(StrictSchema):
    code = Slug(required=True, metadata={"description": "Names the item on charges, e.g. `minibar-water`"})
    name = PlainText(required=True, validate=validate.Length(min=1, max=200))
    unit_price = DecimalString(
        data_key="price",
        places=MONEY_PLACES,
        required=True,
        validate=validate.Range(min=0, max=MAX_PRICE),
        metadata={"description": 'Taxes included, e.g. "3.50"'},
    )
    currency = CurrencyCode(required=True)
    stock = fields.Integer(
        strict=True,
        allow_none=True,
        load_default=None,
        validate=validate.Range(min=0, max=MAX_STOCK),
        metadata={"description": "How many are left; null when not counted (a dinner, a service)"},
    )
    active = StrictBoolean(load_default=True)


class CatalogueItemUpdateSchema(PatchSchema):
    name = PlainText(validate=validate.Length(min=1, max=200))
    unit_price = DecimalString(data_key="price", places=MONEY_PLACES, validate=validate.Range(min=0, max=MAX_PRICE))
    stock = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=0, max=MAX_STOCK))
    active = StrictBoolean()


class CatalogueItemSchema(AnswerSchema):
    code = fields.String()
    name = fields.String()
    price = fields.Nested(MoneySchema)
    stock = fields.Integer(allow_none=True)
    active = fields.Boolean()


class CatalogueSchema(AnswerSchema):
    items = fields.List(fields.Nested(CatalogueItemSchema))


class ChargeSchema(StrictSchema):
    item = Slug(required=True, metadata={"description": "The catalogue item's code"})
    quantity = fields.Integer(strict=True, required=True, validate=validate.Range(min=1, max=MAX_CHARGE_QUANTITY))


class FolioLineSchema(PriceLineSchema):
    item = fields.String(allow_none=True, metadata={"description": "A charge's catalogue item"})
    posted_at = fields.String(allow_none=True, metadata={"description": "When a charge was posted"})


class FolioSchema(AnswerSchema):
    reference = fields.String()
    status = fields.String()
    lines = fields.List(fields.Nested(FolioLineSchema), metadata={"description": "The stay's lines, then its charges"})
    total = fields.Nested(MoneySchema)


class InvoiceSchema(AnswerSchema):
    kind = fields.String(metadata={"description": "`invoice` or `credit_note`"})
    number = fields.Integer(metadata={"description": "Per venue, from 1, no gaps"})
    issued_at = fields.String()
    venue = fields.String()
    venue_name = fields.String(allow_none=True)
    venue_address = fields.String(allow_none=True)
    booking = fields.String(metadata={"description": "The booking's reference"})
    guest = fields.String()
    arrival = fields.String()
    departure = fields.String(allow_none=True)
    room = fields.String(allow_none=True)
    lines = fields.List(fields.Nested(FolioLineSchema))
    total = fields.Nested(MoneySchema)
    credits = fields.Integer(allow_none=True, metadata={"description": "A credit note's invoice number"})


class ReportArgsSchema(StrictSchema):
    from_ = CalendarDate(data_key="from", required=True, metadata={"description": "The first night"})
    to = CalendarDate(required=True, metadata={"description": "The night after the last, exclusive"})

    @validates_schema
    def _span(self, data, **_kwargs):
        if "from_" in data and "to" in data:
            if data["to"] <= data["from_"]:
                raise ValidationError({"to": ["Must be after from."]})
            if (data["to"] - data["from_"]).days > MAX_REPORT_NIGHTS:
                raise ValidationError({"to": [f"A report covers at most {MAX_REPORT_NIGHTS} nights."]})


class FiguresSchema(AnswerSchema):
    available = fields.Integer(metadata={"description": "Rooms in service, less those out of order"})
    sold = fields.Integer(metadata={"description": "Rooms taken by stays booked, in house or over"})
    occupancy = fields.String(metadata={"description": "Sold / available, a percentage to 0.01"})
    room_revenue = fields.Nested(MoneySchema, metadata={"description": "Before taxes"})
    adr = fields.Nested(MoneySchema, metadata={"description": "Average daily rate: room revenue / sold"})
    revpar = fields.Nested(MoneySchema, metadata={"description": "Room revenue / available"})


class RoomTypeFiguresSchema(FiguresSchema):
    room_type = fields.String()


class DayFiguresSchema(AnswerSchema):
    date = fields.String()
    room_types = fields.List(fields.Nested(RoomTypeFiguresSchema))
    total = fields.Nested(FiguresSchema)


class KindRevenueSchema(AnswerSchema):
    kind = fields.String(metadata={"description": "night, extra_guests, discount, tax, city_tax or charge"})
    amount = fields.Nested(MoneySchema)


class StayReportSchema(AnswerSchema):
    venue = fields.String()
    from_ = fields.String(data_key="from")
    to = fields.String()
    currency = fields.String()
    days = fields.List(fields.Nested(DayFiguresSchema))
    room_types = fields.List(fields.Nested(RoomTypeFiguresSchema), metadata={"description": "Over the whole range"})
    total = fields.Nested(FiguresSchema)
    revenue_by_kind = fields.List(fields.Nested(KindRevenueSchema))
