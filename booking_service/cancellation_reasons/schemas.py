from marshmallow import fields

from shared.schemas import StrictSchema


class CancellationReasonSchema(StrictSchema):
    id = fields.Integer(metadata={"description": "What `reason_id` of a cancel names"})
    reason = fields.String()
    description = fields.String()


class CancellationReasonListSchema(StrictSchema):
    items = fields.List(fields.Nested(CancellationReasonSchema))
    next_cursor = fields.String(allow_none=True, metadata={"description": "Always null: the list is short"})
