import re
from datetime import date, datetime

from marshmallow import ValidationError, fields, validate, validates_schema

from availability_service.reservations.placement import ALL_OR_NOTHING, MODES
from availability_service.resources.schemas import ResourceSchema
from shared.schemas import (
    EARLIEST_DATE,
    AnswerSchema,
    Instant,
    LocalMinute,
    Slug,
    StrictBoolean,
    StrictSchema,
    latest_date,
)

MAX_ID = 2**31 - 1
MAX_RECURRENCE = 200
MAX_TTL_SECONDS = 24 * 3600


def recurrence_field(**kwargs):
    return fields.String(
        validate=validate.Length(min=1, max=MAX_RECURRENCE),
        metadata={
            "description": "An RFC 5545 RRULE repeating the reservation from its start, with COUNT or UNTIL and "
            'at most 366 occurrences: "FREQ=WEEKLY;COUNT=26", "FREQ=DAILY;UNTIL=20270301", '
            '"FREQ=WEEKLY;BYDAY=MO,WE;COUNT=20"'
        },
        **kwargs,
    )


def mode_field(**kwargs):
    return fields.String(
        validate=validate.OneOf(MODES),
        metadata={
            "description": "A series: `all_or_nothing` (the default) refuses it if any occurrence can't be held; "
            "`partial` holds the free ones and reports the others"
        },
        **kwargs,
    )


def check_range(data: dict) -> None:
    """Either venue-local `start` and `end` or instants `starts_at` and `ends_at`, the end after the start."""
    local = "start" in data or "end" in data
    instants = "starts_at" in data or "ends_at" in data
    if local and instants:
        raise ValidationError("Give start and end (venue-local) or starts_at and ends_at (instants), not both.")
    names = ("starts_at", "ends_at") if instants else ("start", "end")
    missing = {name: ["Missing data for required field."] for name in names if name not in data}
    if missing:
        raise ValidationError(missing)
    if data[names[1]] <= data[names[0]]:
        raise ValidationError({names[1]: [f"Must be after {names[0]}."]})


class ReservationHoldCreateSchema(StrictSchema):
    hold_key = fields.String(required=True, validate=validate.Length(min=1, max=128))
    venue = Slug(required=True)
    resource = fields.Integer(strict=True, required=True, validate=validate.Range(min=1, max=MAX_ID))
    start = LocalMinute(metadata={"description": "Venue-local start, YYYY-MM-DDTHH:MM"})
    end = LocalMinute(metadata={"description": "Venue-local end (exclusive)"})
    starts_at = Instant(metadata={"description": "Or the start as an instant with its offset"})
    ends_at = Instant(metadata={"description": "Or the end as an instant"})
    recurrence = recurrence_field(load_default=None, allow_none=True)
    mode = mode_field(load_default=ALL_OR_NOTHING)
    replaces = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(equal=36),
        metadata={"description": "A move: the booking's current hold, whose time the new one may reuse"},
    )
    ttl_seconds = fields.Integer(
        strict=True,
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=60, max=MAX_TTL_SECONDS),
        metadata={"description": "How long the hold lasts unconfirmed; the venue's hold TTL if left out"},
    )
    dry_run = StrictBoolean(
        load_default=False,
        metadata={"description": "Check only: answer 200 with what would be held, or the same refusal; hold nothing"},
    )

    @validates_schema
    def _range(self, data, **_kwargs):
        check_range(data)


class DateOrMoment(fields.String):
    """`YYYY-MM-DD` (a venue-local day), `YYYY-MM-DDTHH:MM` (venue wall clock) or an instant with
    its offset."""

    DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or len(value) > 40:
            raise ValidationError("Give a date, a venue-local time or an instant.")
        value = super()._deserialize(value, attr, data, **kwargs)
        try:
            parsed: date | datetime = (
                date.fromisoformat(value)
                if self.DAY.fullmatch(value)
                else datetime.fromisoformat(value.replace("Z", "+00:00"))
            )
        except ValueError:
            raise ValidationError("Give a date (YYYY-MM-DD), a venue-local time or an instant.") from None
        day = parsed.date() if isinstance(parsed, datetime) else parsed
        if not EARLIEST_DATE <= day <= latest_date():
            raise ValidationError(f"Give a date from {EARLIEST_DATE.isoformat()} to {latest_date().isoformat()}.")
        return parsed


class ResourceCalendarArgsSchema(StrictSchema):
    from_ = DateOrMoment(
        required=True,
        data_key="from",
        metadata={"description": "A date (from its venue-local midnight), a venue-local time or an instant"},
    )
    to = DateOrMoment(
        required=True,
        metadata={"description": "A date (to the end of that day), a venue-local time or an instant; 92 days at most"},
    )

    @validates_schema
    def _ordered(self, data, **_kwargs):
        """What can be compared without the venue's zone (the service checks the rest)."""
        first, last = data.get("from_"), data.get("to")
        if first is None or last is None or type(first) is not type(last):
            return
        if isinstance(first, datetime) and (first.tzinfo is None) != (last.tzinfo is None):
            return
        if last < first or (isinstance(last, datetime) and last == first):
            raise ValidationError({"to": ["Must be after from."]})


class IntervalSchema(AnswerSchema):
    starts_at = fields.String()
    ends_at = fields.String()
    start = fields.String(metadata={"description": "Venue-local, YYYY-MM-DDTHH:MM"})
    end = fields.String(metadata={"description": "Venue-local"})


class ResourceCalendarSchema(AnswerSchema):
    resource = fields.Nested(ResourceSchema)
    timezone = fields.String()
    starts_at = fields.String(metadata={"description": "The range asked about, as instants"})
    ends_at = fields.String()
    free = fields.List(
        fields.Nested(IntervalSchema),
        metadata={"description": "Inside business hours, not held, not past, within the horizon"},
    )
    busy = fields.List(fields.Nested(IntervalSchema), metadata={"description": "Every unit held (buffers included)"})
