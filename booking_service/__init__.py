"""Booking service: customers, bookings, idempotency keys, the transactional outbox, and what stays
are priced by."""
