"""customer phone and marketing consents, hold commands, reminders, cancellation time,
the venue's name and time zone on each booking

Hold commands are the confirms and releases the availability service still has to hear
about, written in the transaction that makes them necessary and retried until done.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 12:40:04
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hold_commands',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hold_id', sa.String(length=36), nullable=False),
    sa.Column('command', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('last_error', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('hold_id', 'command', name='uq_hold_commands_hold_command')
    )
    with op.batch_alter_table('hold_commands', schema=None) as batch_op:
        batch_op.create_index('ix_hold_commands_pending', ['done_at', 'id'], unique=False)

    op.create_table('reminders',
    sa.Column('booking_id', sa.String(length=36), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('booking_id')
    )
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.create_index('ix_reminders_due', ['sent_at', 'due_at'], unique=False)

    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancelled_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('venue_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('timezone', sa.String(length=64), nullable=True))

    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('marketing_email', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('marketing_sms', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('venue_marketing_email', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('venue_marketing_sms', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_column('venue_marketing_sms')
        batch_op.drop_column('venue_marketing_email')
        batch_op.drop_column('marketing_sms')
        batch_op.drop_column('marketing_email')
        batch_op.drop_column('phone')

    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_column('timezone')
        batch_op.drop_column('venue_name')
        batch_op.drop_column('cancelled_at')

    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index('ix_reminders_due')

    op.drop_table('reminders')
    with op.batch_alter_table('hold_commands', schema=None) as batch_op:
        batch_op.drop_index('ix_hold_commands_pending')

    op.drop_table('hold_commands')
