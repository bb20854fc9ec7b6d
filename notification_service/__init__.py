"""Notification service: e-mails, the audit log and cache invalidation as Celery consumers,
plus a small read API over the audit log."""
