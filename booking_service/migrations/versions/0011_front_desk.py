"""The front desk: a stay's room (its number, as the availability service gave it), when the
guest checked in and out (docs/stays.md, "The front desk").

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.add_column(sa.Column("assigned_room", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("checked_in_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("checked_out_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        for column in ("checked_out_at", "checked_in_at", "assigned_room"):
            batch_op.drop_column(column)
