from marshmallow import ValidationError, fields, validate, validates_schema

from shared.money import CurrencyCode
from shared.pagination import PageArgsSchema
from shared.schemas import (
    MAX_UNITS,
    AnswerSchema,
    CalendarDate,
    DecimalString,
    PatchSchema,
    PlainText,
    Slug,
    StrictBoolean,
    StrictSchema,
    WallClockTime,
)

MAX_DURATION = 24 * 60
MAX_BUFFER = 240
MAX_LIST = 50
MAX_PRICE = 1_000_000
MAX_ID = 2**31 - 1
MAX_CLASS_CAPACITY = 200


def _ids(**kwargs):
    return fields.List(
        fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID)),
        validate=validate.Length(max=MAX_LIST),
        **kwargs,
    )


def _tags(**kwargs):
    return fields.List(PlainText(validate=validate.Length(min=1, max=50)), validate=validate.Length(max=10), **kwargs)


def _capacity(**kwargs):
    return fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=MAX_CLASS_CAPACITY),
        metadata={"description": "People one staff member takes at once: 1, or a class's places (a yoga class: 8)"},
        **kwargs,
    )


class _ServiceFields(StrictSchema):
    name = PlainText(validate=validate.Length(min=1, max=200))
    description = PlainText(allow_none=True, multiline=True, validate=validate.Length(max=2000))
    duration_minutes = fields.Integer(strict=True, validate=validate.Range(min=5, max=MAX_DURATION))
    buffer_before_minutes = fields.Integer(strict=True, validate=validate.Range(min=0, max=MAX_BUFFER))
    buffer_after_minutes = fields.Integer(strict=True, validate=validate.Range(min=0, max=MAX_BUFFER))
    interval_minutes = fields.Integer(
        strict=True, validate=validate.Range(min=5, max=MAX_DURATION), metadata={"description": "Between start times"}
    )
    price = DecimalString(
        places=4, allow_none=True, validate=validate.Range(min=0, max=MAX_PRICE), metadata={"description": '"45.00"'}
    )
    currency = CurrencyCode(allow_none=True)
    min_notice_minutes = fields.Integer(
        strict=True,
        allow_none=True,
        validate=validate.Range(min=0, max=30 * 24 * 60),
        metadata={"description": "The venue's when null"},
    )
    horizon_days = fields.Integer(
        strict=True, allow_none=True, validate=validate.Range(min=1, max=730), metadata={"description": "The venue's"}
    )
    staff = _ids(metadata={"description": "Ids of the staff members who perform it"})
    requires = _tags(metadata={"description": "Tags of the resources it needs, one of each (a treatment room)"})
    capacity = _capacity()
    active = StrictBoolean()

    @validates_schema
    def _priced_in_a_currency(self, data, **_kwargs):
        if data.get("price") is not None and data.get("currency") is None:
            raise ValidationError({"currency": ["A price needs its currency."]})
        for name in ("staff", "requires"):
            if len(set(data.get(name) or [])) != len(data.get(name) or []):
                raise ValidationError({name: ["Give each one once."]})


class ServiceCreateSchema(_ServiceFields):
    code = Slug(required=True)
    name = PlainText(required=True, validate=validate.Length(min=1, max=200))
    duration_minutes = fields.Integer(strict=True, required=True, validate=validate.Range(min=5, max=MAX_DURATION))
    buffer_before_minutes = fields.Integer(strict=True, load_default=0, validate=validate.Range(min=0, max=MAX_BUFFER))
    buffer_after_minutes = fields.Integer(strict=True, load_default=0, validate=validate.Range(min=0, max=MAX_BUFFER))
    interval_minutes = fields.Integer(strict=True, load_default=15, validate=validate.Range(min=5, max=MAX_DURATION))
    staff = _ids(required=True, metadata={"description": "Ids of the staff members who perform it"})
    requires = _tags(load_default=list, metadata={"description": "Tags of the resources it needs, one of each"})
    capacity = _capacity(load_default=1)
    active = StrictBoolean(load_default=True)


class ServiceUpdateSchema(_ServiceFields, PatchSchema):
    pass


class MoneySchema(AnswerSchema):
    amount = fields.String()
    currency = fields.String()


class StaffRefSchema(AnswerSchema):
    id = fields.Integer()
    name = fields.String()


class ServiceSchema(AnswerSchema):
    code = fields.String()
    name = fields.String()
    description = fields.String(allow_none=True)
    duration_minutes = fields.Integer()
    buffer_before_minutes = fields.Integer()
    buffer_after_minutes = fields.Integer()
    interval_minutes = fields.Integer()
    price = fields.Nested(MoneySchema, allow_none=True)
    min_notice_minutes = fields.Integer(metadata={"description": "In force: the service's or the venue's"})
    horizon_days = fields.Integer(metadata={"description": "In force: the service's or the venue's"})
    staff = fields.List(fields.Nested(StaffRefSchema))
    requires = fields.List(fields.String())
    capacity = fields.Integer(metadata={"description": "1, or a class's places per session"})
    active = fields.Boolean()


class StaffMemberSchema(AnswerSchema):
    id = fields.Integer()
    name = fields.String()
    description = fields.String(allow_none=True)
    services = fields.List(fields.String(), metadata={"description": "Codes of the services they perform"})


class AppointmentSearchArgsSchema(StrictSchema):
    service = Slug(required=True)
    date = CalendarDate(required=True)
    staff = fields.Integer(strict=False, validate=validate.Range(min=1, max=MAX_ID))


class InternalAppointmentSearchArgsSchema(AppointmentSearchArgsSchema):
    replacing = fields.String(
        validate=validate.Length(equal=36), metadata={"description": "A booking's hold: its own times count as free"}
    )


class AppointmentSlotSchema(AnswerSchema):
    time = fields.String(metadata={"description": "HH:MM, venue wall clock"})
    starts_at = fields.String()
    ends_at = fields.String(metadata={"description": "The appointment's end: its true duration later"})
    staff = fields.List(fields.Integer(), metadata={"description": "Who is free then (a class: who teaches it)"})
    places_left = fields.Integer(
        allow_none=True,
        metadata={
            "description": "A class's: the most places one booking can take then (0: full, not bookable); "
            "null for a service of one person at a time"
        },
    )


class AppointmentSearchSchema(AnswerSchema):
    venue = fields.String()
    service = fields.String()
    date = fields.String()
    timezone = fields.String()
    duration_minutes = fields.Integer()
    capacity = fields.Integer(metadata={"description": "1, or a class's places per session"})
    slots = fields.List(fields.Nested(AppointmentSlotSchema))


class ServiceListArgsSchema(PageArgsSchema):
    include_inactive = StrictBoolean(load_default=False, metadata={"description": "Staff: services taken off sale too"})


class AppointmentHoldCreateSchema(StrictSchema):
    hold_key = fields.String(required=True, validate=validate.Length(min=1, max=128))
    venue = Slug(required=True)
    service = Slug(required=True)
    date = CalendarDate(required=True)
    time = WallClockTime(required=True)
    staff = fields.Integer(strict=True, allow_none=True, load_default=None, validate=validate.Range(min=1, max=MAX_ID))
    places = fields.Integer(
        strict=True,
        load_default=1,
        validate=validate.Range(min=1, max=MAX_UNITS),
        metadata={"description": "A class's places; a service of one person at a time takes 1"},
    )
    replaces = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(equal=36),
        metadata={"description": "A move: the booking's current hold, whose time the new one may reuse"},
    )
