"""Staff passwords: Argon2id at argon2-cffi's defaults everywhere but the test suite."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, extract_parameters

from gateway.identity import passwords

PASSWORD = "a long enough password"


@pytest.fixture
def in_environment(monkeypatch):
    def switch(name: str) -> None:
        monkeypatch.setenv("TESSERA_ENV", name)
        passwords._hasher.cache_clear()

    yield switch
    passwords._hasher.cache_clear()


@pytest.mark.parametrize("environment", ["production", "development"])
def test_outside_the_suite_passwords_get_argon2id_at_the_library_defaults(in_environment, environment):
    in_environment(environment)
    stored = passwords.hash_password(PASSWORD)
    assert stored.startswith("$argon2id$")
    assert extract_parameters(stored) == extract_parameters(PasswordHasher().hash(PASSWORD))
    assert passwords.verify_password(stored, PASSWORD)
    assert not passwords.verify_password(stored, PASSWORD + "!")
    assert not passwords.needs_rehash(stored)


def test_a_hash_made_by_the_suite_is_rehashed_at_the_first_login_elsewhere(in_environment):
    in_environment("test")
    cheap = passwords.hash_password(PASSWORD)
    assert cheap.startswith("$argon2id$") and extract_parameters(cheap).memory_cost < 1024
    in_environment("production")
    assert passwords.verify_password(cheap, PASSWORD)
    assert passwords.needs_rehash(cheap)


@pytest.mark.parametrize("environment", ["production", "test"])
def test_an_unknown_account_or_a_broken_hash_never_verifies(in_environment, environment):
    in_environment(environment)
    assert not passwords.verify_password(None, "no account has this password")
    assert not passwords.verify_password("not a hash", PASSWORD)
