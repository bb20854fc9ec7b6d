"""Marshmallow building blocks every service uses for its inputs."""
from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields

MAX_UNITS = 10_000


class StrictSchema(Schema):
    """Inputs reject unknown fields."""

    class Meta:
        unknown = RAISE


class Slug(fields.String):
    """A venue slug: short, printable, no path separators."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not (1 <= len(text) <= 64) or not all(ch.isalnum() or ch in "-_" for ch in text):
            raise ValidationError("Not a valid venue name.")
        return text


class WallClockTime(fields.Time):
    """`HH:MM` or `HH:MM:SS`, no time zone, seconds dropped."""

    def _deserialize(self, value, attr, data, **kwargs):
        parsed = super()._deserialize(value, attr, data, **kwargs)
        if parsed.tzinfo is not None:
            raise ValidationError("Give a local time without a time zone.")
        return parsed.replace(second=0, microsecond=0)


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
