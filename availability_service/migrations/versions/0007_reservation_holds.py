"""reservations of resources (docs/appointments.md, "Reservations"): a reservation group's first hold
keeps what was asked (start, end, recurrence, mode) and the occurrences that could not be held

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("holds", sa.Column("reservation", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("holds") as batch_op:
        batch_op.drop_column("reservation")
