"""appointments and reservations (docs/appointments.md): services with their staff and the
resources they need, the hours staff and resources keep (weekly, with dated exceptions), blocks
of time away, a reservation's limits on a resource, and hold groups (a booking's several holds)

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

from shared.db_types import ExactDecimal

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "services",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("venue_id", sa.Integer(), sa.ForeignKey("venues.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("buffer_before_minutes", sa.Integer(), nullable=False),
        sa.Column("buffer_after_minutes", sa.Integer(), nullable=False),
        sa.Column("interval_minutes", sa.Integer(), nullable=False),
        sa.Column("price", ExactDecimal(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("min_notice_minutes", sa.Integer(), nullable=True),
        sa.Column("horizon_days", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.UniqueConstraint("venue_id", "code", name="uq_services_venue_code"),
        sa.CheckConstraint("duration_minutes > 0", name="ck_services_duration_positive"),
        sa.CheckConstraint("buffer_before_minutes >= 0 AND buffer_after_minutes >= 0", name="ck_services_buffers"),
        sa.CheckConstraint("interval_minutes > 0", name="ck_services_interval_positive"),
    )
    op.create_index("ix_services_venue_id", "services", ["venue_id"])
    op.create_table(
        "service_staff",
        sa.Column("service_id", sa.Integer(), sa.ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("resource_id", sa.Integer(), sa.ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_table(
        "service_requirements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("service_id", sa.Integer(), sa.ForeignKey("services.id", ondelete="CASCADE"), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("service_id", "tag", name="uq_service_requirements_service_tag"),
    )
    op.create_index("ix_service_requirements_service_id", "service_requirements", ["service_id"])
    op.create_table(
        "working_hours",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("resource_id", sa.Integer(), sa.ForeignKey("resources.id", ondelete="CASCADE"), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("starts", sa.Time(), nullable=False),
        sa.Column("ends", sa.Time(), nullable=False),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_working_hours_weekday"),
        sa.CheckConstraint("ends > starts", name="ck_working_hours_order"),
    )
    op.create_index("ix_working_hours_resource_id", "working_hours", ["resource_id"])
    op.create_table(
        "hours_exceptions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("resource_id", sa.Integer(), sa.ForeignKey("resources.id", ondelete="CASCADE"), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("starts", sa.Time(), nullable=True),
        sa.Column("ends", sa.Time(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.CheckConstraint(
            "(starts IS NULL AND ends IS NULL) OR (starts IS NOT NULL AND ends > starts)",
            name="ck_hours_exceptions_closed_or_ordered",
        ),
    )
    op.create_index("ix_hours_exceptions_resource_date", "hours_exceptions", ["resource_id", "on_date"])
    op.create_table(
        "resource_blocks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("venue_id", sa.Integer(), sa.ForeignKey("venues.id", ondelete="CASCADE"), nullable=False),
        sa.Column("resource_id", sa.Integer(), sa.ForeignKey("resources.id"), nullable=False),
        sa.Column("hold_id", sa.String(length=36), sa.ForeignKey("holds.id"), nullable=False, unique=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
    )
    op.create_index("ix_resource_blocks_venue_id", "resource_blocks", ["venue_id"])
    op.create_index("ix_resource_blocks_resource_id", "resource_blocks", ["resource_id"])
    with op.batch_alter_table("resources") as batch_op:
        batch_op.add_column(sa.Column("description", sa.String(length=2000), nullable=True))
        batch_op.add_column(sa.Column("min_minutes", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("max_minutes", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("buffer_minutes", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("holds") as batch_op:
        batch_op.add_column(sa.Column("group_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("service_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("replaces_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("buffer_before_minutes", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("buffer_after_minutes", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_foreign_key("fk_holds_group_id_holds", "holds", ["group_id"], ["id"])
        batch_op.create_foreign_key("fk_holds_service_id_services", "services", ["service_id"], ["id"])
        batch_op.create_index("ix_holds_group_id", ["group_id"])


def downgrade() -> None:
    with op.batch_alter_table("holds") as batch_op:
        batch_op.drop_index("ix_holds_group_id")
        batch_op.drop_constraint("fk_holds_service_id_services", type_="foreignkey")
        batch_op.drop_constraint("fk_holds_group_id_holds", type_="foreignkey")
        batch_op.drop_column("buffer_after_minutes")
        batch_op.drop_column("buffer_before_minutes")
        batch_op.drop_column("replaces_id")
        batch_op.drop_column("service_id")
        batch_op.drop_column("group_id")
    with op.batch_alter_table("resources") as batch_op:
        for column in ("buffer_minutes", "max_minutes", "min_minutes", "description"):
            batch_op.drop_column(column)
    for table in ("resource_blocks", "hours_exceptions", "working_hours", "service_requirements", "service_staff"):
        op.drop_table(table)
    op.drop_table("services")
