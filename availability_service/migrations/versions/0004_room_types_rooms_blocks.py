"""a hotel's room types, rooms and out-of-order blocks; a venue's longest stay

A room type's resource holds one unit per room in service, so a type with no room yet has
capacity 0: the resources' check becomes `capacity >= 0`.

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("venues") as batch_op:
        batch_op.add_column(sa.Column("max_stay_nights", sa.Integer(), server_default="30", nullable=False))
    with op.batch_alter_table("resources") as batch_op:
        batch_op.drop_constraint("ck_resources_capacity_positive", type_="check")
        batch_op.create_check_constraint("ck_resources_capacity_not_negative", "capacity >= 0")
    op.create_table(
        "room_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=True),
        sa.Column("max_occupancy", sa.Integer(), nullable=False),
        sa.Column("bed_setup", sa.String(length=200), nullable=True),
        sa.Column("amenities", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("max_occupancy > 0", name="ck_room_types_max_occupancy_positive"),
        sa.ForeignKeyConstraint(["venue_id"], ["venues.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["resource_id"], ["resources.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("resource_id"),
        sa.UniqueConstraint("venue_id", "code", name="uq_room_types_venue_code"),
    )
    op.create_index("ix_room_types_venue_id", "room_types", ["venue_id"])
    op.create_table(
        "rooms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("room_type_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("floor", sa.Integer(), nullable=True),
        sa.Column("housekeeping", sa.String(length=16), nullable=False),
        sa.Column("in_service", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("housekeeping IN ('clean', 'dirty', 'inspected')", name="ck_rooms_housekeeping"),
        sa.ForeignKeyConstraint(["venue_id"], ["venues.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["room_type_id"], ["room_types.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("venue_id", "number", name="uq_rooms_venue_number"),
    )
    op.create_index("ix_rooms_venue_id", "rooms", ["venue_id"])
    op.create_index("ix_rooms_room_type_id", "rooms", ["room_type_id"])
    op.create_table(
        "room_blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("hold_id", sa.String(length=36), nullable=False),
        sa.Column("first_night", sa.Date(), nullable=False),
        sa.Column("end_night", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("end_night > first_night", name="ck_room_blocks_night_order"),
        sa.ForeignKeyConstraint(["venue_id"], ["venues.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"]),
        sa.ForeignKeyConstraint(["hold_id"], ["holds.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("hold_id"),
    )
    op.create_index("ix_room_blocks_venue_id", "room_blocks", ["venue_id"])
    op.create_index("ix_room_blocks_room_id", "room_blocks", ["room_id"])


def downgrade() -> None:
    op.drop_table("room_blocks")
    op.drop_table("rooms")
    op.drop_table("room_types")
    with op.batch_alter_table("resources") as batch_op:
        batch_op.drop_constraint("ck_resources_capacity_not_negative", type_="check")
        batch_op.create_check_constraint("ck_resources_capacity_positive", "capacity > 0")
    with op.batch_alter_table("venues") as batch_op:
        batch_op.drop_column("max_stay_nights")
