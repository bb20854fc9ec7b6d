"""Guests booked by staff or integrations without an e-mail; the calling codes of their phone
numbers; a booking's room number and whether the guest confirmed the leave time (fields the
ConsumerApi compatibility surface carries).

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch_op:
        batch_op.alter_column("email", existing_type=sa.String(length=254), nullable=True)
        batch_op.add_column(sa.Column("mobile_country_code", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("phone_country_code", sa.String(length=8), nullable=True))
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.add_column(sa.Column("room_number", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("is_leave_time_confirmed", sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade() -> None:
    without_email = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM customers WHERE email IS NULL")).scalar()
    if without_email:
        raise RuntimeError(f"{without_email} customers have no e-mail; revision 0004 cannot hold them")
    with op.batch_alter_table("bookings") as batch_op:
        batch_op.drop_column("is_leave_time_confirmed")
        batch_op.drop_column("room_number")
    with op.batch_alter_table("customers") as batch_op:
        batch_op.drop_column("phone_country_code")
        batch_op.drop_column("mobile_country_code")
        batch_op.alter_column("email", existing_type=sa.String(length=254), nullable=False)
