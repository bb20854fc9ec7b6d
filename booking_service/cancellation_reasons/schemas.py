from marshmallow import fields

from shared.schemas import AnswerSchema


class CancellationReasonSchema(AnswerSchema):
    id = fields.Integer(metadata={"description": "What `reason_id` of a cancel names"})
    reason = fields.String()
    description = fields.String()
    customer_may_choose = fields.Boolean(
        metadata={
            "description": "A customer cancelling their own booking may give "
            "it; the others are for staff and integrations"
        }
    )


class CancellationReasonListSchema(AnswerSchema):
    items = fields.List(fields.Nested(CancellationReasonSchema))
    next_cursor = fields.String(allow_none=True, metadata={"description": "Always null: the list is short"})
