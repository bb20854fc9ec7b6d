"""A stay's folio and invoices: the venue's catalogue of items to post (with stock counts that
never go below zero), the charges posted to a stay, and invoices and credit notes numbered per
venue without gaps, which the database refuses to change or delete (docs/stays.md, "Folio and
invoice").

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def exact_decimal():
    return sa.Numeric().with_variant(sa.String(length=40), "sqlite")


IMMUTABLE_POSTGRES = """
CREATE FUNCTION invoices_are_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'an issued invoice cannot be changed or deleted: issue a credit note';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoices_are_immutable();
"""
IMMUTABLE_SQLITE = (
    "CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices BEGIN "
    "SELECT RAISE(ABORT, 'an issued invoice cannot be changed or deleted: issue a credit note'); END",
    "CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices BEGIN "
    "SELECT RAISE(ABORT, 'an issued invoice cannot be changed or deleted: issue a credit note'); END",
)


def upgrade() -> None:
    op.create_table(
        "catalogue_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venue", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit_price", exact_decimal(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("stock", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("stock IS NULL OR stock >= 0", name="ck_catalogue_items_stock_not_negative"),
        sa.CheckConstraint("CAST(unit_price AS NUMERIC) >= 0", name="ck_catalogue_items_price_not_negative"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("venue", "code", name="uq_catalogue_items_venue_code"),
    )
    op.create_table(
        "folio_charges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.String(length=36), nullable=False),
        sa.Column("item_code", sa.String(length=64), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_amount", exact_decimal(), nullable=False),
        sa.Column("amount", exact_decimal(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("posted_at", sa.DateTime(), nullable=False),
        sa.Column("posted_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("quantity > 0", name="ck_folio_charges_quantity_positive"),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_folio_charges_booking_id", "folio_charges", ["booking_id"])
    op.create_table(
        "invoice_counters",
        sa.Column("venue", sa.String(length=64), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("venue"),
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venue", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("booking_id", sa.String(length=36), nullable=False),
        sa.Column("credits_invoice_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("total", exact_decimal(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("kind IN ('invoice', 'credit_note')", name="ck_invoices_kind"),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"]),
        sa.ForeignKeyConstraint(["credits_invoice_id"], ["invoices.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("venue", "number", name="uq_invoices_venue_number"),
        sa.UniqueConstraint("credits_invoice_id", name="uq_invoices_credits_invoice_id"),
    )
    op.create_index("ix_invoices_booking_id", "invoices", ["booking_id"])
    # One invoice per stay (credit notes beside it).
    op.create_index(
        "uq_invoices_one_per_booking", "invoices", ["booking_id"], unique=True,
        postgresql_where=sa.text("kind = 'invoice'"), sqlite_where=sa.text("kind = 'invoice'"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(IMMUTABLE_POSTGRES)
    else:
        for statement in IMMUTABLE_SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER invoices_immutable ON invoices")
        op.execute("DROP FUNCTION invoices_are_immutable()")
    op.drop_table("invoices")
    op.drop_table("invoice_counters")
    op.drop_table("folio_charges")
    op.drop_table("catalogue_items")
