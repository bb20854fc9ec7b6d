"""The local runner behind `make run` (development only, never used in production)."""
