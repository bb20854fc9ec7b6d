"""Availability service: venues, resources, opening rules, slots, rooms, services and staff hours, and
the capacity ledger (holds)."""
