"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 11:23:05.263920
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('venues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('address', sa.String(length=500), nullable=True),
    sa.Column('min_notice_minutes', sa.Integer(), nullable=False),
    sa.Column('horizon_days', sa.Integer(), nullable=False),
    sa.Column('hold_ttl_seconds', sa.Integer(), nullable=False),
    sa.Column('max_party_size', sa.Integer(), nullable=False),
    sa.Column('default_slot_minutes', sa.Integer(), nullable=False),
    sa.Column('default_slot_capacity', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug')
    )
    op.create_table('opening_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('first_start', sa.Time(), nullable=False),
    sa.Column('last_start', sa.Time(), nullable=False),
    sa.Column('interval_minutes', sa.Integer(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.CheckConstraint('interval_minutes > 0 AND duration_minutes > 0 AND capacity >= 0', name='ck_opening_rules_positive'),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name='ck_opening_rules_weekday'),
    sa.ForeignKeyConstraint(['venue_id'], ['venues.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('opening_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opening_rules_venue_id'), ['venue_id'], unique=False)

    op.create_table('slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('local_time', sa.Time(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('booked', sa.Integer(), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.CheckConstraint('booked >= 0 AND booked <= capacity', name='ck_slots_booked_within_capacity'),
    sa.ForeignKeyConstraint(['venue_id'], ['venues.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('venue_id', 'local_date', 'local_time', name='uq_slots_venue_local_start')
    )
    op.create_table('holds',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hold_key', sa.String(length=128), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('units > 0', name='ck_holds_units_positive'),
    sa.ForeignKeyConstraint(['slot_id'], ['slots.id'], ),
    sa.ForeignKeyConstraint(['venue_id'], ['venues.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('hold_key')
    )
    with op.batch_alter_table('holds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_holds_slot_id'), ['slot_id'], unique=False)
        batch_op.create_index('ix_holds_status_expires_at', ['status', 'expires_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('holds', schema=None) as batch_op:
        batch_op.drop_index('ix_holds_status_expires_at')
        batch_op.drop_index(batch_op.f('ix_holds_slot_id'))

    op.drop_table('holds')
    op.drop_table('slots')
    with op.batch_alter_table('opening_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opening_rules_venue_id'))

    op.drop_table('opening_rules')
    op.drop_table('venues')
