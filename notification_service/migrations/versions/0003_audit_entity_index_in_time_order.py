"""The audit log is read in the order entries happened: index an entity's trail by time.

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.drop_index("ix_audit_log_entity")
        batch_op.create_index("ix_audit_log_entity", ["entity", "entity_id", "occurred_at", "id"])


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.drop_index("ix_audit_log_entity")
        batch_op.create_index("ix_audit_log_entity", ["entity", "entity_id", "id"])
