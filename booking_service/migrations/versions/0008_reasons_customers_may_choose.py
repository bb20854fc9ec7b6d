"""Which cancellation reasons a customer may give when cancelling their own booking: their own
request, the weather, an emergency; "Restaurant Closure" and "No Show" are the venue's to record.

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CUSTOMERS_MAY_CHOOSE = (1, 3, 4)


def upgrade() -> None:
    with op.batch_alter_table("cancellation_reasons") as batch_op:
        batch_op.add_column(sa.Column("customer_may_choose", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.execute(f"UPDATE cancellation_reasons SET customer_may_choose = true WHERE id IN {CUSTOMERS_MAY_CHOOSE}")


def downgrade() -> None:
    with op.batch_alter_table("cancellation_reasons") as batch_op:
        batch_op.drop_column("customer_may_choose")
