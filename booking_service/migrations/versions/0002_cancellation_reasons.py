"""Seed the cancellation reasons 1-5 of the ConsumerApi contract (reference data).

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

REASONS = [
    (1, "Customer Request", "Customer requested cancellation"),
    (2, "Restaurant Closure", "Restaurant temporarily closed"),
    (3, "Weather", "Cancelled due to weather conditions"),
    (4, "Emergency", "Emergency cancellation"),
    (5, "No Show", "Customer did not show up"),
]


def upgrade() -> None:
    table = sa.table("cancellation_reasons", sa.column("id", sa.Integer), sa.column("reason", sa.String),
                     sa.column("description", sa.String))
    op.bulk_insert(table, [{"id": i, "reason": r, "description": d} for i, r, d in REASONS])


def downgrade() -> None:
    op.execute("DELETE FROM cancellation_reasons WHERE id BETWEEN 1 AND 5")
