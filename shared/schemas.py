"""Marshmallow building blocks every service uses for its inputs."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from zoneinfo import available_timezones

from marshmallow import RAISE, Schema, ValidationError, fields, validates_schema

from shared.errors import ValidationFailed

MAX_UNITS = 10_000


class StrictSchema(Schema):
    """Inputs reject unknown fields."""

    class Meta:
        unknown = RAISE


class AnswerSchema(Schema):
    """An answer's shape: every field is always there (null where it has no value), and the
    document says so, so generated clients need not treat each one as optional."""

    def on_bind_field(self, field_name, field_obj):
        field_obj.required = True


class PatchSchema(StrictSchema):
    """A partial update: any of its fields, but at least one."""

    @validates_schema
    def _at_least_one_field(self, data, **_kwargs):
        if not data:
            raise ValidationError("Give at least one field to change.")


class Slug(fields.String):
    """A venue slug (or another code of that form, named by `noun`): short, printable, no path
    separators."""

    def __init__(self, *args, noun: str = "venue name", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.noun = noun

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not (1 <= len(text) <= 64) or not all(ch.isalnum() or ch in "-_" for ch in text):
            raise ValidationError(f"Not a valid {self.noun}.")
        return text


class WallClockTime(fields.Time):
    """A wall-clock minute: `HH:MM` (or `HH:MM:00`); no seconds, fractions or time zone, which
    would otherwise be dropped without a word."""

    FORM = re.compile(r"\d{2}:\d{2}(:00)?")

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or self.FORM.fullmatch(value) is None:
            raise ValidationError("Give a time as HH:MM.")
        return super()._deserialize(value, attr, data, **kwargs)


EARLIEST_DATE = date(2000, 1, 1)
YEARS_AHEAD = 5


def latest_date() -> date:
    return date.today() + timedelta(days=366 * YEARS_AHEAD)


class CalendarDate(fields.Date):
    """A date as `YYYY-MM-DD`, from 2000-01-01 to five years ahead: anything outside that is a
    typo or a probe, not a booking, a closure or a report."""

    FORM = re.compile(r"\d{4}-\d{2}-\d{2}")

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or self.FORM.fullmatch(value) is None:
            raise ValidationError("Give a date as YYYY-MM-DD.")
        parsed = super()._deserialize(value, attr, data, **kwargs)
        if not EARLIEST_DATE <= parsed <= latest_date():
            raise ValidationError(f"Give a date from {EARLIEST_DATE.isoformat()} to {latest_date().isoformat()}.")
        return parsed


class LocalMinute(fields.NaiveDateTime):
    """A venue wall-clock minute, `YYYY-MM-DDTHH:MM` (or `:00` seconds), within the dates any
    booking may name: no zone, no seconds that would be dropped without a word."""

    FORM = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:00)?")

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or self.FORM.fullmatch(value) is None:
            raise ValidationError("Give a venue-local time as YYYY-MM-DDTHH:MM.")
        parsed = super()._deserialize(value, attr, data, **kwargs)
        if not EARLIEST_DATE <= parsed.date() <= latest_date():
            raise ValidationError(f"Give a date from {EARLIEST_DATE.isoformat()} to {latest_date().isoformat()}.")
        return parsed


class Instant(fields.AwareDateTime):
    """An ISO 8601 instant with its offset (`2027-03-01T15:00:00Z`), within the dates any booking may name."""

    def _deserialize(self, value, attr, data, **kwargs):
        parsed = super()._deserialize(value, attr, data, **kwargs)
        if not EARLIEST_DATE <= parsed.date() <= latest_date():
            raise ValidationError(f"Give a date from {EARLIEST_DATE.isoformat()} to {latest_date().isoformat()}.")
        return parsed


class StrictBoolean(fields.Boolean):
    """JSON `true` or `false` only: not `"yes"`, `1` or `"on"`, which marshmallow would take."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise ValidationError("Give true or false.")
        return value


class DecimalString(fields.String):
    """An exact decimal written as a JSON string (`"120.00"`), with at most `places` decimals:
    a JSON number is refused, as the parser has already made it a float. Bounds go in
    `validate` (`validate.Range`)."""

    FORM = re.compile(r"-?[0-9]+(\.[0-9]+)?")
    MAX_LENGTH = 40

    def __init__(self, *args, places: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.places = places

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or len(value) > self.MAX_LENGTH or self.FORM.fullmatch(value) is None:
            raise ValidationError('Give a decimal number as a string, such as "120.00".')
        if len(value.partition(".")[2]) > self.places:
            raise ValidationError(f"Give at most {self.places} decimal places.")
        return Decimal(value)


class PlainText(fields.String):
    """Free text without control characters (newlines and tabs allowed where `multiline`)."""

    def __init__(self, *args, multiline: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.multiline = multiline

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        allowed = "\n\r\t" if self.multiline else ""
        if any((ord(ch) < 32 or 127 <= ord(ch) < 160) and ch not in allowed for ch in text):
            raise ValidationError("Must not contain control characters.")
        return text


@cache
def _known_time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


class TimeZoneName(fields.String):
    """An IANA time zone name such as `Europe/London`."""

    def _deserialize(self, value, attr, data, **kwargs):
        name = super()._deserialize(value, attr, data, **kwargs)
        if name not in _known_time_zones():
            raise ValidationError("Not a known IANA time zone.")
        return name


def path_value(field: fields.Field, text: str, name: str):
    """A URL path segment read with a marshmallow field; a malformed one is a 422, not a 404."""
    try:
        return field.deserialize(text)
    except ValidationError as exc:
        raise ValidationFailed(details={name: exc.messages}) from None


class PhoneNumber(fields.String):
    """A phone number as people write it: an optional leading `+` and country code, then
    digits with spaces, dashes, dots or brackets; 6 to 15 digits in all (E.164's limit)."""

    ALLOWED = set("0123456789 -.()")

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        body = text[1:] if text.startswith("+") else text
        digits = sum(ch.isdigit() for ch in body)
        if not body or any(ch not in self.ALLOWED for ch in body) or not 6 <= digits <= 15:
            raise ValidationError("Not a valid phone number.")
        return text
