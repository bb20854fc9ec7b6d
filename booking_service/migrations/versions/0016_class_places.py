"""classes (docs/appointments.md, "Classes"): an appointment booking's class session and its
capacity; its places are its party size

Revision ID: 0016
Revises: 0015
"""
from alembic import op
import sqlalchemy as sa

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.add_column(sa.Column("class_session_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("class_capacity", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.drop_column("class_capacity")
        batch_op.drop_column("class_session_id")
