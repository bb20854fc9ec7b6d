"""Open dead letters of the e-mail, audit and cache tasks become dead letters of the one task that
now handles a booking event (audit, then e-mail; the availability service drops its own cache),
so `manage redrive` sends them where a worker listens. Re-driving one whose audit row exists
only sends what is missing: every handler dedupes on the event.

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_TASKS = ("notification.send_booking_email", "notification.record_audit_entry",
             "notification.invalidate_availability")


def upgrade() -> None:
    old = ", ".join(f"'{task}'" for task in OLD_TASKS)
    op.execute(f"UPDATE dead_letters SET task_name = 'notification.handle_booking_event', queue = 'notification' "
               f"WHERE redriven_at IS NULL AND task_name IN ({old})")


def downgrade() -> None:
    op.execute("UPDATE dead_letters SET task_name = 'notification.send_booking_email', queue = 'email' "
               "WHERE redriven_at IS NULL AND task_name = 'notification.handle_booking_event'")
