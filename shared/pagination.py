"""Cursor pagination for lists: `?cursor=&limit=` in, `{"items", "next_cursor"}` out.

The cursor is the id of the last item returned (keyset pagination): stable while rows are
added, and one indexed range scan whatever the page number.
"""

from __future__ import annotations

from collections.abc import Callable

from marshmallow import Schema, fields, validate
from sqlalchemy import Select
from sqlalchemy.orm import Session

from shared.schemas import StrictSchema

MAX_PAGE_SIZE = 200


class PageArgsSchema(StrictSchema):
    cursor = fields.Integer(strict=False, validate=validate.Range(min=0, max=2**62))
    limit = fields.Integer(strict=False, load_default=50, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


def page_schema(item_schema: type[Schema]) -> type[Schema]:
    return type(
        f"{item_schema.__name__.removesuffix('Schema')}PageSchema",
        (Schema,),
        {
            "items": fields.List(fields.Nested(item_schema)),
            "next_cursor": fields.String(allow_none=True),
        },
    )


def keyset_page(
    session: Session, query: Select, id_column, *, after_id: int | None, limit: int, view: Callable
) -> dict:
    """One page of `query` in id order, after the cursor."""
    if after_id is not None:
        query = query.where(id_column > after_id)
    rows = session.scalars(query.order_by(id_column).limit(limit + 1)).all()
    next_cursor = str(rows[limit - 1].id) if len(rows) > limit else None
    return {"items": [view(row) for row in rows[:limit]], "next_cursor": next_cursor}
