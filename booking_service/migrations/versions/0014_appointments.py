"""Appointments (docs/appointments.md): a booking's service, the staff member who takes it and
the resources it holds, as the availability service named them when held.

Revision ID: 0014
Revises: 0013
"""
from alembic import op
import sqlalchemy as sa

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.add_column(sa.Column("service", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("service_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("staff_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("staff_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("resources", sa.JSON(), nullable=True))
        batch_op.create_index("ix_bookings_staff_id", ["staff_id"])


def downgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.drop_index("ix_bookings_staff_id")
        for column in ("resources", "staff_name", "staff_id", "service_name", "service"):
            batch_op.drop_column(column)
