"""Maintenance jobs, run when the maintenance worker (scheduled by beat) calls them."""
from booking_service import reminders
from booking_service.reconciliation import purge_idempotency_keys, reconcile
from shared.jobs import jobs_blueprint

blp = jobs_blueprint({
    "reconcile": reconcile,
    "send-reminders": reminders.send_due,
    "purge-idempotency-keys": purge_idempotency_keys,
})
