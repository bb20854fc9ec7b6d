"""Booking references: 7 characters, cryptographically random, no look-alike characters."""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
LENGTH = 7


def new_reference() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_reference(value: str) -> str:
    """References are matched case-insensitively; they are stored upper case."""
    return value.strip().upper()
