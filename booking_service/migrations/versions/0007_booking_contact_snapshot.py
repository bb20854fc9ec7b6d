"""Each booking keeps the contact details and consents it was made with, so staff see who
actually booked, and a booking made by anyone with a customer's e-mail address no longer
rewrites that customer's stored details (docs/bookings.md, "Customers").

Existing bookings take their customer's details as they are now.

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TEXT_COLUMNS = {"title": 20, "first_name": 100, "surname": 100, "email": 254, "mobile": 40,
                "mobile_country_code": 8, "phone": 40, "phone_country_code": 8}
CONSENTS = ("marketing_email", "marketing_sms", "venue_marketing_email", "venue_marketing_sms")


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        for name, length in TEXT_COLUMNS.items():
            batch_op.add_column(sa.Column(f"contact_{name}", sa.String(length=length), nullable=True))
        for name in CONSENTS:
            batch_op.add_column(sa.Column(f"contact_{name}", sa.Boolean(), server_default=sa.false(), nullable=False))
    assignments = ", ".join(f"contact_{name} = (SELECT c.{name} FROM customers c WHERE c.id = bookings.customer_id)"
                            for name in (*TEXT_COLUMNS, *CONSENTS))
    op.execute(f"UPDATE bookings SET {assignments}")


def downgrade() -> None:
    with op.batch_alter_table("bookings") as batch_op:
        for name in (*TEXT_COLUMNS, *CONSENTS):
            batch_op.drop_column(f"contact_{name}")
