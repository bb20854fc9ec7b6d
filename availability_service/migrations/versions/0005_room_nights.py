"""which room a stay sleeps in: a room's nights, each taken by one stay or by the room's own
out-of-order block, never two (the primary key); blocks already made take their nights

Revision ID: 0005
Revises: 0004
"""
from datetime import timedelta

from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

room_blocks = sa.table(
    "room_blocks",
    sa.column("room_id", sa.Integer),
    sa.column("first_night", sa.Date),
    sa.column("end_night", sa.Date),
    sa.column("hold_id", sa.String),
)
holds = sa.table("holds", sa.column("id", sa.String), sa.column("status", sa.String))
room_nights = sa.table("room_nights", sa.column("room_id", sa.Integer), sa.column("night", sa.Date),
                       sa.column("hold_id", sa.String))


def upgrade() -> None:
    op.create_table(
        "room_nights",
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("hold_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"]),
        sa.ForeignKeyConstraint(["hold_id"], ["holds.id"]),
        sa.PrimaryKeyConstraint("room_id", "night"),
    )
    op.create_index("ix_room_nights_hold_id", "room_nights", ["hold_id"])
    active_blocks = sa.select(room_blocks).join(holds, holds.c.id == room_blocks.c.hold_id).where(
        holds.c.status.in_(("held", "confirmed")))
    rows = [
        {"room_id": block.room_id, "night": block.first_night + timedelta(days=n), "hold_id": block.hold_id}
        for block in op.get_bind().execute(active_blocks)
        for n in range((block.end_night - block.first_night).days)
    ]
    if rows:
        op.bulk_insert(room_nights, rows)


def downgrade() -> None:
    op.drop_table("room_nights")
