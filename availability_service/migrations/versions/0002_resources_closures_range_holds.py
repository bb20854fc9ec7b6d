"""resources, closures, exceptional openings and range holds

Range holds take capacity on a resource for a time range. On PostgreSQL an exclusion
constraint also forbids two overlapping active holds on a resource of capacity 1, a last
line of defence under the locked check in holds/ranges.py.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 11:56:30
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('closures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['venue_id'], ['venues.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('venue_id', 'local_date', name='uq_closures_venue_date')
    )
    op.create_table('resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('capacity > 0', name='ck_resources_capacity_positive'),
    sa.ForeignKeyConstraint(['venue_id'], ['venues.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('venue_id', 'name', name='uq_resources_venue_name')
    )
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resources_venue_id'), ['venue_id'], unique=False)

    with op.batch_alter_table('holds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resource_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('starts_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('ends_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('local_start', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('local_end', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('exclusive', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.alter_column('slot_id', existing_type=sa.INTEGER(), nullable=True)
        batch_op.create_index('ix_holds_resource_range', ['resource_id', 'starts_at', 'ends_at'], unique=False)
        batch_op.create_foreign_key('fk_holds_resource_id_resources', 'resources', ['resource_id'], ['id'])
        batch_op.create_check_constraint('ck_holds_slot_or_resource', '(slot_id IS NULL) <> (resource_id IS NULL)')
        batch_op.create_check_constraint(
            'ck_holds_range_order', 'resource_id IS NULL OR (starts_at IS NOT NULL AND ends_at > starts_at)')

    with op.batch_alter_table('opening_rules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('on_date', sa.Date(), nullable=True))
        batch_op.alter_column('weekday', existing_type=sa.INTEGER(), nullable=True)
        batch_op.create_check_constraint('ck_opening_rules_weekday_or_date', '(weekday IS NULL) <> (on_date IS NULL)')
        batch_op.create_check_constraint('ck_opening_rules_period_order', 'first_start <= last_start')

    with op.batch_alter_table('slots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('staff_override', sa.Boolean(), server_default=sa.false(), nullable=False))

    if op.get_bind().dialect.name == 'postgresql':
        op.execute('CREATE EXTENSION IF NOT EXISTS btree_gist')
        op.execute(
            "ALTER TABLE holds ADD CONSTRAINT ex_holds_exclusive_no_overlap EXCLUDE USING gist "
            "(resource_id WITH =, tsrange(starts_at, ends_at, '[)') WITH &&) "
            "WHERE (exclusive AND status IN ('held', 'confirmed'))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE holds DROP CONSTRAINT ex_holds_exclusive_no_overlap')

    with op.batch_alter_table('slots', schema=None) as batch_op:
        batch_op.drop_column('staff_override')

    op.execute('DELETE FROM opening_rules WHERE on_date IS NOT NULL')
    with op.batch_alter_table('opening_rules', schema=None) as batch_op:
        batch_op.drop_constraint('ck_opening_rules_period_order', type_='check')
        batch_op.drop_constraint('ck_opening_rules_weekday_or_date', type_='check')
        batch_op.alter_column('weekday', existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column('on_date')

    op.execute('DELETE FROM holds WHERE resource_id IS NOT NULL')
    with op.batch_alter_table('holds', schema=None) as batch_op:
        batch_op.drop_constraint('ck_holds_range_order', type_='check')
        batch_op.drop_constraint('ck_holds_slot_or_resource', type_='check')
        batch_op.drop_constraint('fk_holds_resource_id_resources', type_='foreignkey')
        batch_op.drop_index('ix_holds_resource_range')
        batch_op.alter_column('slot_id', existing_type=sa.INTEGER(), nullable=False)
        for column in ('exclusive', 'local_end', 'local_start', 'ends_at', 'starts_at', 'resource_id'):
            batch_op.drop_column(column)

    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resources_venue_id'))

    op.drop_table('resources')
    op.drop_table('closures')
