"""The local runner behind `make run` (development only, never used in production)."""

# Every package with a schema of its own (and a `manage migrate`).
SERVICES = ("gateway", "availability_service", "booking_service", "notification_service")
# Those with demo data (`manage seed-demo`): the demo venues, the hotel's rates, the demo logins.
SEEDED = ("availability_service", "booking_service", "gateway")
