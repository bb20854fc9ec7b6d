"""An index on bookings.updated_at: the reconciliation job asks every minute for the open
bookings changed in the last day, which without it scans the whole table (docs/performance.md).

Revision ID: 0006
Revises: 0005
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_bookings_updated_at", "bookings", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_bookings_updated_at", table_name="bookings")
