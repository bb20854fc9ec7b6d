from marshmallow import fields, validate

from shared.schemas import AnswerSchema, Slug, StrictSchema


class AuditQueryArgsSchema(StrictSchema):
    venue = Slug()
    entity = fields.String(validate=validate.Length(max=32))
    entity_id = fields.String(validate=validate.Length(max=64))
    from_ = fields.NaiveDateTime(data_key="from")
    to = fields.NaiveDateTime()
    # <microseconds since 1970>-<id>: 16 digits reach the year 2286, more would not be a date.
    cursor = fields.String(validate=validate.Regexp(r"^\d{1,16}-\d{1,18}$", error="Not a cursor from this API."))
    limit = fields.Integer(strict=False, load_default=100, validate=validate.Range(min=1, max=500))


class AuditEntrySchema(AnswerSchema):
    id = fields.Integer()
    event_id = fields.String()
    occurred_at = fields.String()
    actor = fields.Dict()
    venue = fields.String(allow_none=True)
    entity = fields.String()
    entity_id = fields.String()
    action = fields.String()
    before = fields.Dict(allow_none=True)
    after = fields.Dict(allow_none=True)
    request_id = fields.String(allow_none=True)


class AuditPageSchema(AnswerSchema):
    items = fields.List(fields.Nested(AuditEntrySchema))
    next_cursor = fields.String(allow_none=True)
