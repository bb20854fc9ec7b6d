"""A stay keeps its rate plan's name as sold, beside its code, for the guest and the desk
(docs/stays.md, "Rates"); older stays show their code until then.

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.add_column(sa.Column("rate_plan_name", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.drop_column("rate_plan_name")
