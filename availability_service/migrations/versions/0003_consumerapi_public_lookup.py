"""A venue's choice whether the ConsumerApi's customer routes open a booking by its reference
alone (docs/consumerapi.md, "Looking bookings up by reference").

Venues that exist already keep the behaviour they had (on); a venue created from now on starts
with it off and its owner turns it on with `PATCH /v1/venues/{venue}`.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("venues") as batch_op:
        batch_op.add_column(sa.Column("consumerapi_public_lookup", sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
    op.execute("UPDATE venues SET consumerapi_public_lookup = true")


def downgrade() -> None:
    with op.batch_alter_table("venues") as batch_op:
        batch_op.drop_column("consumerapi_public_lookup")
