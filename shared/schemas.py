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
