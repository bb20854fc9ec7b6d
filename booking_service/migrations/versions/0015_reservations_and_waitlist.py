"""Reservations of resources and their waitlist (docs/appointments.md, "Reservations"): a
booking's resource and its occurrences, and the people waiting for a resource at a time.

Revision ID: 0015
Revises: 0014
"""
from alembic import op
import sqlalchemy as sa

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.add_column(sa.Column("resource_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("resource_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("reservation", sa.JSON(), nullable=True))
        batch_op.create_index("ix_bookings_resource_id", ["resource_id"])
        batch_op.create_index("ix_bookings_kind_status_ends_at", ["kind", "status", "ends_at"])
    op.create_table(
        "waitlist_entries",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("venue", sa.String(length=64), nullable=False),
        sa.Column("venue_name", sa.String(length=200), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("resource_name", sa.String(length=200), nullable=False),
        sa.Column("local_start", sa.DateTime(), nullable=False),
        sa.Column("local_end", sa.DateTime(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("customer_id", sa.Integer(), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("contact_first_name", sa.String(length=100), nullable=True),
        sa.Column("contact_surname", sa.String(length=100), nullable=True),
        sa.Column("contact_email", sa.String(length=254), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("offer_due_at", sa.DateTime(), nullable=True),
        sa.Column("offer_hold_id", sa.String(length=36), nullable=True, unique=True),
        sa.Column("offered_at", sa.DateTime(), nullable=True),
        sa.Column("offer_expires_at", sa.DateTime(), nullable=True),
        sa.Column("booking_id", sa.String(length=36), sa.ForeignKey("bookings.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("local_end > local_start", name="ck_waitlist_entries_range_order"),
    )
    op.create_index("ix_waitlist_entries_customer_id", "waitlist_entries", ["customer_id"])
    op.create_index(
        "ix_waitlist_entries_queue", "waitlist_entries", ["venue", "resource_id", "status", "created_at"]
    )
    op.create_index("ix_waitlist_entries_offers", "waitlist_entries", ["status", "offer_expires_at"])


def downgrade() -> None:
    op.drop_table("waitlist_entries")
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.drop_index("ix_bookings_kind_status_ends_at")
        batch_op.drop_index("ix_bookings_resource_id")
        for column in ("reservation", "resource_name", "resource_id"):
            batch_op.drop_column(column)
