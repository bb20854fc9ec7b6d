"""classes (docs/appointments.md, "Classes"): a service's capacity (1: one person at a time; more: a
class), class sessions sharing one staff member and the resources among their places, and seat
holds naming a session instead of a slot or a resource

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ONE_OF_SLOT_RESOURCE_OR_SESSION = (
    "(CASE WHEN slot_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN resource_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN class_session_id IS NULL THEN 0 ELSE 1 END) = 1"
)


def upgrade() -> None:
    with op.batch_alter_table("services") as batch_op:
        batch_op.add_column(sa.Column("capacity", sa.Integer(), server_default="1", nullable=False))
        batch_op.create_check_constraint("ck_services_capacity_positive", "capacity >= 1")
    op.create_table(
        "class_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("venue_id", sa.Integer(), sa.ForeignKey("venues.id", ondelete="CASCADE"), nullable=False),
        sa.Column("service_id", sa.Integer(), sa.ForeignKey("services.id"), nullable=False),
        sa.Column("staff_id", sa.Integer(), sa.ForeignKey("resources.id"), nullable=False),
        sa.Column("local_start", sa.DateTime(), nullable=False),
        sa.Column("local_end", sa.DateTime(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.Column("hold_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.CheckConstraint("taken >= 0 AND taken <= capacity", name="ck_class_sessions_taken_within_capacity"),
    )
    op.create_index("ix_class_sessions_venue_id", "class_sessions", ["venue_id"])
    op.create_index("ix_class_sessions_staff_id", "class_sessions", ["staff_id"])
    op.create_index("ix_class_sessions_service_start", "class_sessions", ["service_id", "local_start"])
    with op.batch_alter_table("holds") as batch_op:
        batch_op.add_column(sa.Column("class_session_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_holds_class_session_id_class_sessions", "class_sessions", ["class_session_id"], ["id"]
        )
        batch_op.create_index("ix_holds_class_session_id", ["class_session_id"])
        batch_op.drop_constraint("ck_holds_slot_or_resource", type_="check")
        batch_op.create_check_constraint("ck_holds_slot_resource_or_session", ONE_OF_SLOT_RESOURCE_OR_SESSION)


def downgrade() -> None:
    with op.batch_alter_table("holds") as batch_op:
        batch_op.drop_constraint("ck_holds_slot_resource_or_session", type_="check")
        batch_op.create_check_constraint("ck_holds_slot_or_resource", "(slot_id IS NULL) <> (resource_id IS NULL)")
        batch_op.drop_index("ix_holds_class_session_id")
        batch_op.drop_constraint("fk_holds_class_session_id_class_sessions", type_="foreignkey")
        batch_op.drop_column("class_session_id")
    op.drop_table("class_sessions")
    with op.batch_alter_table("services") as batch_op:
        batch_op.drop_constraint("ck_services_capacity_positive", type_="check")
        batch_op.drop_column("capacity")
