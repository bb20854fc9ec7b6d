from marshmallow import fields, validate

from availability_service.models import VENUE_KINDS
from shared.schemas import (
    MAX_UNITS,
    AnswerSchema,
    PatchSchema,
    PlainText,
    Slug,
    StrictBoolean,
    StrictSchema,
    TimeZoneName,
)

RULE_LIMITS = {
    "min_notice_minutes": (0, 60 * 24 * 30),
    "horizon_days": (1, 730),
    "hold_ttl_seconds": (60, 3600),
    "max_party_size": (1, MAX_UNITS),
    "default_slot_minutes": (5, 24 * 60),
    "default_slot_capacity": (0, MAX_UNITS),
    "max_stay_nights": (1, 92),
}


def _rule_fields() -> dict:
    return {
        name: fields.Integer(strict=True, validate=validate.Range(min=low, max=high))
        for name, (low, high) in RULE_LIMITS.items()
    }


PUBLIC_LOOKUP_DOC = {
    "description": "ConsumerApi customer routes (read, change, cancel a booking) open a booking by "
    "its reference alone; off, they need one of the venue's API keys"
}


class VenueUpdateSchema(
    PatchSchema.from_dict(
        {
            "name": PlainText(validate=validate.Length(min=1, max=200)),
            "kind": fields.String(validate=validate.OneOf(VENUE_KINDS)),
            "address": PlainText(allow_none=True, validate=validate.Length(max=500)),
            "consumerapi_public_lookup": StrictBoolean(metadata=PUBLIC_LOOKUP_DOC),
            **_rule_fields(),
        }
    )
):
    """Any of the venue's fields but its name in URLs (`slug`) and its time zone, which its
    slots' instants depend on."""


class VenueCreateSchema(
    StrictSchema.from_dict(
        {
            "slug": Slug(required=True),
            "name": PlainText(required=True, validate=validate.Length(min=1, max=200)),
            "kind": fields.String(load_default="restaurant", validate=validate.OneOf(VENUE_KINDS)),
            "timezone": TimeZoneName(required=True, metadata={"description": "IANA name, e.g. Europe/London"}),
            "address": PlainText(allow_none=True, validate=validate.Length(max=500)),
            "consumerapi_public_lookup": StrictBoolean(load_default=False, metadata=PUBLIC_LOOKUP_DOC),
            **_rule_fields(),
        }
    )
):
    """A venue; its rules default to the model's (a restaurant-like venue)."""


class VenueSchema(AnswerSchema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String()
    kind = fields.String()
    timezone = fields.String()
    address = fields.String(allow_none=True)
    min_notice_minutes = fields.Integer()
    horizon_days = fields.Integer()
    hold_ttl_seconds = fields.Integer()
    max_party_size = fields.Integer()
    default_slot_minutes = fields.Integer()
    default_slot_capacity = fields.Integer()
    consumerapi_public_lookup = fields.Boolean(metadata=PUBLIC_LOOKUP_DOC)
    max_stay_nights = fields.Integer(metadata={"description": "The longest stay a hotel takes"})
