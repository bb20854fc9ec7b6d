"""What staff send and get for a venue's rate plans and stay taxes. Amounts and percentages are
decimal strings, never JSON numbers; whether an amount fits its currency's minor unit is
checked by the service, against the plan as it will be stored (docs/stays.md, "Rate plans and
taxes")."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from marshmallow import ValidationError, fields, validate, validates_schema

from booking_service.stays.pricing import FRIDAY, SATURDAY
from shared.money import CurrencyCode
from shared.pagination import PageArgsSchema
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

MAX_AMOUNT = Decimal(1_000_000)
MONEY_PLACES = 4  # the most any ISO 4217 currency has
PERCENT_PLACES = 3  # 8.875 %
MAX_GUESTS = 100
MAX_MIN_NIGHTS = 365
MAX_SEASONS = 50
MAX_CLOSED_TO_ARRIVAL = 366
MAX_DESCRIPTION = 2000


def _each_once(values: list) -> None:
    if len(set(values)) != len(values):
        raise ValidationError("Give each one once.")


def _seasons_apart(seasons: list[dict]) -> None:
    ordered = sorted(seasons, key=lambda season: season["first_night"])
    for earlier, later in pairwise(ordered):
        if later["first_night"] <= earlier["last_night"]:
            raise ValidationError(
                f"Seasons {earlier['name']!r} ({earlier['first_night']} to {earlier['last_night']}) and "
                f"{later['name']!r} ({later['first_night']} to {later['last_night']}) overlap: "
                "a night can be in one season only."
            )


def _money(**kwargs):
    return DecimalString(
        places=MONEY_PLACES,
        validate=validate.Range(min=0, max=MAX_AMOUNT, error=f"Give an amount from 0 to {MAX_AMOUNT}."),
        metadata={"description": 'In the currency, e.g. "120.00"'},
        **kwargs,
    )


def _percent(**kwargs):
    return DecimalString(
        places=PERCENT_PLACES,
        validate=validate.Range(min=0, max=100, max_inclusive=False, error="Give a percentage from 0 to under 100."),
        metadata={"description": 'e.g. "10"'},
        **kwargs,
    )


class SeasonInputSchema(StrictSchema):
    name = PlainText(required=True, validate=validate.Length(min=1, max=100))
    first_night = CalendarDate(required=True)
    last_night = CalendarDate(required=True, metadata={"description": "Inclusive"})
    weekday_price = _money(required=True)
    weekend_price = _money(required=True)

    @validates_schema
    def _in_order(self, data, **_kwargs):
        if "first_night" in data and "last_night" in data and data["last_night"] < data["first_night"]:
            raise ValidationError({"last_night": ["Must not be before first_night."]})


def _name(**kwargs):
    return PlainText(validate=validate.Length(min=1, max=200), **kwargs)


def _description(**kwargs):
    return PlainText(multiline=True, validate=validate.Length(max=MAX_DESCRIPTION), allow_none=True, **kwargs)


def _weekend_nights(**kwargs):
    return fields.List(
        fields.Integer(
            strict=True, validate=validate.Range(min=0, max=6, error="Give a weekday from 0 (Monday) to 6.")
        ),
        validate=[validate.Length(max=7), _each_once],
        metadata={"description": "The weekdays whose nights take the weekend price, Monday = 0"},
        **kwargs,
    )


def _included_guests(**kwargs):
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_GUESTS), **kwargs)


def _min_nights(**kwargs):
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_MIN_NIGHTS), **kwargs)


def _closed_to_arrival(**kwargs):
    return fields.List(
        CalendarDate(),
        validate=[validate.Length(max=MAX_CLOSED_TO_ARRIVAL), _each_once],
        metadata={"description": "Dates a stay on this plan may not arrive on"},
        **kwargs,
    )


def _active(**kwargs):
    return StrictBoolean(metadata={"description": "On sale"}, **kwargs)


def _seasons(**kwargs):
    return fields.List(
        fields.Nested(SeasonInputSchema),
        validate=[validate.Length(max=MAX_SEASONS), _seasons_apart],
        metadata={"description": "All of the plan's seasons: a change replaces them as a whole"},
        **kwargs,
    )


class RatePlanCreateSchema(StrictSchema):
    room_type = Slug(
        required=True, noun="room type code", metadata={"description": "As the availability service names it"}
    )
    code = Slug(required=True, noun="rate plan code")
    name = _name(required=True)
    description = _description(load_default=None)
    currency = CurrencyCode(required=True)
    weekday_price = _money(required=True)
    weekend_price = _money(required=True)
    weekend_nights = _weekend_nights(load_default=lambda: [FRIDAY, SATURDAY])
    included_guests = _included_guests(load_default=2)
    extra_guest_price = _money(load_default=Decimal(0))
    min_nights = _min_nights(load_default=1)
    closed_to_arrival = _closed_to_arrival(load_default=list)
    discount_percent = _percent(load_default=Decimal(0))
    refundable = StrictBoolean(load_default=True)
    active = _active(load_default=True)
    seasons = _seasons(load_default=list)


class RatePlanUpdateSchema(PatchSchema):
    """Any of a plan's fields but its room type and code."""

    name = _name()
    description = _description()
    currency = CurrencyCode()
    weekday_price = _money()
    weekend_price = _money()
    weekend_nights = _weekend_nights()
    included_guests = _included_guests()
    extra_guest_price = _money()
    min_nights = _min_nights()
    closed_to_arrival = _closed_to_arrival()
    discount_percent = _percent()
    refundable = StrictBoolean()
    active = _active()
    seasons = _seasons()


class RatePlanListArgsSchema(PageArgsSchema):
    room_type = Slug(noun="room type code")


class SeasonSchema(AnswerSchema):
    name = fields.String()
    first_night = fields.String()
    last_night = fields.String()
    weekday_price = fields.String()
    weekend_price = fields.String()


class RatePlanSchema(AnswerSchema):
    venue = fields.String()
    room_type = fields.String()
    code = fields.String()
    name = fields.String()
    description = fields.String(allow_none=True)
    currency = fields.String()
    weekday_price = fields.String()
    weekend_price = fields.String()
    weekend_nights = fields.List(fields.Integer())
    included_guests = fields.Integer()
    extra_guest_price = fields.String()
    min_nights = fields.Integer()
    closed_to_arrival = fields.List(fields.String())
    discount_percent = fields.String()
    refundable = fields.Boolean()
    active = fields.Boolean()
    seasons = fields.List(fields.Nested(SeasonSchema))
    created_at = fields.String()
    updated_at = fields.String()


class StayTaxesSetSchema(StrictSchema):
    currency = CurrencyCode(required=True, metadata={"description": "The city tax's: the venue's plans' currency"})
    percent = _percent(required=True)
    city_tax_per_guest_night = _money(required=True)
    city_tax_max_nights = fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=MAX_MIN_NIGHTS),
        allow_none=True,
        load_default=None,
        metadata={"description": "The city tax stops after this many nights of a stay; null: it does not"},
    )


class StayTaxesSchema(AnswerSchema):
    venue = fields.String()
    currency = fields.String(allow_none=True, metadata={"description": "Null until the taxes are set"})
    percent = fields.String()
    city_tax_per_guest_night = fields.String()
    city_tax_max_nights = fields.Integer(allow_none=True)
