from marshmallow import ValidationError, fields, validate, validates_schema

from booking_service.bookings.schemas import CustomerSchema
from booking_service.models import WaitlistStatus
from shared.pagination import MAX_PAGE_SIZE
from shared.schemas import AnswerSchema, LocalMinute, StrictSchema


class WaitlistJoinSchema(StrictSchema):
    start = LocalMinute(required=True, metadata={"description": "Venue-local start, YYYY-MM-DDTHH:MM"})
    end = LocalMinute(required=True, metadata={"description": "Venue-local end (exclusive)"})
    customer = fields.Nested(
        CustomerSchema,
        metadata={
            "description": "Who waits: required, except for a staff member waiting themselves. Anonymous callers "
            "give first_name, surname and email (the offer is e-mailed to it)"
        },
    )

    @validates_schema
    def _ordered(self, data, **_kwargs):
        if "start" in data and "end" in data and data["end"] <= data["start"]:
            raise ValidationError({"end": ["Must be after start."]})


class WaitlistListArgsSchema(StrictSchema):
    status = fields.String(validate=validate.OneOf(WaitlistStatus.ALL))
    on_the_list = fields.Boolean(
        load_default=False, metadata={"description": "Only the entries still waiting or holding an offer"}
    )
    cursor = fields.String(validate=validate.Length(max=200))
    limit = fields.Integer(strict=False, load_default=50, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


class OfferTokenArgsSchema(StrictSchema):
    token = fields.String(
        validate=validate.Length(min=1, max=2000),
        metadata={"description": "The token of the offer's e-mailed link; staff leave it out"},
    )


class WaitlistAcceptSchema(StrictSchema):
    """Taking, declining or leaving: the link's token, or a staff credential."""

    token = fields.String(
        validate=validate.Length(min=1, max=2000),
        metadata={"description": "The token of the offer's e-mailed link; staff leave it out"},
    )


class WaitlistResourceSchema(AnswerSchema):
    id = fields.Integer()
    name = fields.String()


class WaitlistCustomerSchema(AnswerSchema):
    first_name = fields.String(allow_none=True)
    surname = fields.String(allow_none=True)
    email = fields.String(allow_none=True)


class WaitlistEntrySchema(AnswerSchema):
    id = fields.String()
    status = fields.String(metadata={"description": ", ".join(WaitlistStatus.ALL)})
    venue = fields.String()
    venue_name = fields.String(allow_none=True)
    timezone = fields.String()
    resource = fields.Nested(WaitlistResourceSchema)
    start = fields.String(metadata={"description": "Venue-local, YYYY-MM-DDTHH:MM"})
    end = fields.String()
    starts_at = fields.String()
    ends_at = fields.String()
    customer = fields.Nested(WaitlistCustomerSchema)
    offer_expires_at = fields.String(allow_none=True, metadata={"description": "An open offer's last moment"})
    booking_reference = fields.String(allow_none=True, metadata={"description": "The booking a taken offer became"})
    created_at = fields.String()


class WaitlistPageSchema(AnswerSchema):
    items = fields.List(fields.Nested(WaitlistEntrySchema))
    next_cursor = fields.String(allow_none=True)
