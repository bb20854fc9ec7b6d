"""A booking's kind, and what a stay keeps: its departure, room type, rate plan and the price it
was sold at, as its lines and their total (docs/stays.md, "Booking a stay").

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=16), server_default="slot", nullable=False))
        batch_op.add_column(sa.Column("departure_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("room_type", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("room_type_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("rate_plan", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("refundable", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("currency", sa.String(length=3), nullable=True))
        batch_op.add_column(
            sa.Column("total_amount", sa.Numeric().with_variant(sa.String(length=40), "sqlite"), nullable=True)
        )
        batch_op.add_column(sa.Column("price_lines", sa.JSON(), nullable=True))
        batch_op.create_check_constraint(
            "ck_bookings_stay_has_its_fields",
            "kind <> 'stay' OR (departure_date > local_date AND room_type IS NOT NULL AND rate_plan IS NOT NULL "
            "AND currency IS NOT NULL AND total_amount IS NOT NULL AND price_lines IS NOT NULL)",
        )


def downgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.drop_constraint("ck_bookings_stay_has_its_fields", type_="check")
        for column in ("price_lines", "total_amount", "currency", "refundable", "rate_plan", "room_type_name", "room_type",
                       "departure_date", "kind"):
            batch_op.drop_column(column)
