"""Whose namespace an Idempotency-Key lives in, and how a scope fits its column."""

from __future__ import annotations

from booking_service.bookings.idempotency import SCOPE_LENGTH, KeyedRequest
from shared.identity import BOOKINGS_WRITE, Caller, sign_identity, verify_identity

KEY = "k" * 40


def test_a_relayed_client_has_a_namespace_of_its_own_and_survives_the_signed_identity():
    relay = Caller(
        kind="api_key",
        subject="consumerapi:TheHungryUnicorn",
        grants={"TheHungryUnicorn": frozenset({BOOKINGS_WRITE})},
        on_behalf_of="c1",
    )
    assert relay.key_scope() == "consumerapi:TheHungryUnicorn:c1"
    assert verify_identity(sign_identity(relay, KEY), KEY) == relay
    plain = Caller(kind="api_key", subject="key-1", grants={})
    assert plain.key_scope() == "key-1" and verify_identity(sign_identity(plain, KEY), KEY).on_behalf_of is None


def test_a_scope_longer_than_its_column_keeps_its_start_and_stays_distinct():
    long_one = "bookings.create:consumerapi:" + "V" * 64 + ":" + "a" * 32
    other = long_one[:-1] + "b"
    fitted, fitted_other = (KeyedRequest.of(scope, "key", {}).scope for scope in (long_one, other))
    assert len(fitted) == SCOPE_LENGTH and fitted.startswith("bookings.create:consumerapi:")
    assert fitted != fitted_other
    assert KeyedRequest.of("bookings.create:customer:abc", "key", {}).scope == "bookings.create:customer:abc"
