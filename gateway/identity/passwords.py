"""Password hashing with Argon2id (argon2-cffi's defaults, rehashed when they change).

The test suite (TESSERA_ENV=test) hashes with argon2-cffi's CHEAPEST profile, the one it names
for tests: at the defaults each hash or check costs about 0.15 CPU-s, and the suite logs in and
creates staff hundreds of times on a machine whose CPU is its limit (DEVELOPERS.md, "Tests").
Every other environment, development included, uses the defaults.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

from shared.config import environment

MIN_PASSWORD_LENGTH = 12


@cache
def _hasher() -> PasswordHasher:
    if environment() == "test":
        return PasswordHasher.from_parameters(profiles.CHEAPEST)
    return PasswordHasher()


# Checked when the e-mail is unknown, so a login takes as long whether or not the account exists;
# made at import, so that the first unknown e-mail a process sees costs no extra hash either.
_NOBODY = _hasher().hash("no account has this password")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher().verify(password_hash or _NOBODY, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)
