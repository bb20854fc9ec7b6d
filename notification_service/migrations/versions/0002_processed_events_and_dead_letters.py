"""Processed events (each handler's dedupe record) and dead letters.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dead_letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_name', sa.String(length=128), nullable=False),
    sa.Column('queue', sa.String(length=32), nullable=False),
    sa.Column('task_id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=True),
    sa.Column('event', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('failed_at', sa.DateTime(), nullable=False),
    sa.Column('redriven_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dead_letters', schema=None) as batch_op:
        batch_op.create_index('ix_dead_letters_open', ['redriven_at', 'id'], unique=False)

    op.create_table('processed_events',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('handler', sa.String(length=32), nullable=False),
    sa.Column('processed_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('event_id', 'handler')
    )


def downgrade() -> None:
    op.drop_table('processed_events')
    with op.batch_alter_table('dead_letters', schema=None) as batch_op:
        batch_op.drop_index('ix_dead_letters_open')

    op.drop_table('dead_letters')
