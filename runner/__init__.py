"""The local runner behind `make run` (development only, never used in production)."""

# Every package with a schema of its own (and a `manage migrate`), in the order they are migrated.
SERVICES = ("gateway", "availability_service", "booking_service", "notification_service")
