"""Rate plans, their seasons and each venue's stay taxes: what a stay is priced by
(docs/stays.md, "Rate plans and taxes").

Amounts are exact decimals: NUMERIC on PostgreSQL, their decimal text on SQLite, whose NUMERIC
goes through a float (shared/db_types.py); checks on them cast the text to a number.

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def exact_decimal():
    return sa.Numeric().with_variant(sa.String(length=40), "sqlite")


def not_negative(table, *columns):
    return sa.CheckConstraint(" AND ".join(f"CAST({column} AS NUMERIC) >= 0" for column in columns),
                              name=f"ck_{table}_prices_not_negative")


def upgrade() -> None:
    op.create_table("rate_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venue", sa.String(length=64), nullable=False),
        sa.Column("room_type", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("weekday_price", exact_decimal(), nullable=False),
        sa.Column("weekend_price", exact_decimal(), nullable=False),
        sa.Column("weekend_nights", sa.JSON(), nullable=False),
        sa.Column("included_guests", sa.Integer(), nullable=False),
        sa.Column("extra_guest_price", exact_decimal(), nullable=False),
        sa.Column("min_nights", sa.Integer(), nullable=False),
        sa.Column("closed_to_arrival", sa.JSON(), nullable=False),
        sa.Column("discount_percent", exact_decimal(), nullable=False),
        sa.Column("refundable", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("venue", "room_type", "code", name="uq_rate_plans_venue_room_type_code"),
        not_negative("rate_plans", "weekday_price", "weekend_price", "extra_guest_price"),
        sa.CheckConstraint("included_guests >= 1", name="ck_rate_plans_included_guests_positive"),
        sa.CheckConstraint("min_nights >= 1", name="ck_rate_plans_min_nights_positive"),
        sa.CheckConstraint("CAST(discount_percent AS NUMERIC) >= 0 AND CAST(discount_percent AS NUMERIC) < 100",
                           name="ck_rate_plans_discount_percent_range"),
    )
    op.create_table("rate_plan_seasons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rate_plan_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("first_night", sa.Date(), nullable=False),
        sa.Column("last_night", sa.Date(), nullable=False),
        sa.Column("weekday_price", exact_decimal(), nullable=False),
        sa.Column("weekend_price", exact_decimal(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["rate_plan_id"], ["rate_plans.id"], ondelete="CASCADE"),
        sa.CheckConstraint("first_night <= last_night", name="ck_rate_plan_seasons_nights_in_order"),
        not_negative("rate_plan_seasons", "weekday_price", "weekend_price"),
    )
    with op.batch_alter_table("rate_plan_seasons") as batch_op:
        batch_op.create_index("ix_rate_plan_seasons_rate_plan_id", ["rate_plan_id"], unique=False)
    op.create_table("stay_taxes",
        sa.Column("venue", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("percent", exact_decimal(), nullable=False),
        sa.Column("city_tax_per_guest_night", exact_decimal(), nullable=False),
        sa.Column("city_tax_max_nights", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("venue"),
        sa.CheckConstraint("CAST(percent AS NUMERIC) >= 0 AND CAST(percent AS NUMERIC) < 100",
                           name="ck_stay_taxes_percent_range"),
        not_negative("stay_taxes", "city_tax_per_guest_night"),
        sa.CheckConstraint("city_tax_max_nights >= 1", name="ck_stay_taxes_city_tax_max_nights_positive"),
    )


def downgrade() -> None:
    op.drop_table("stay_taxes")
    with op.batch_alter_table("rate_plan_seasons") as batch_op:
        batch_op.drop_index("ix_rate_plan_seasons_rate_plan_id")
    op.drop_table("rate_plan_seasons")
    op.drop_table("rate_plans")
