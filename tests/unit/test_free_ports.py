"""Test systems' ports (tests/support/backends.py: free_port): distinct, and never ones the kernel
could give an outgoing connection before the service binds them."""

from __future__ import annotations

from tests.support.backends import free_port

EPHEMERAL_PORTS = range(32768, 61000)


def test_ports_are_never_handed_out_twice_and_stay_below_the_ephemeral_range():
    ports = [free_port() for _ in range(200)]
    assert len(set(ports)) == len(ports)
    assert not [port for port in ports if port in EPHEMERAL_PORTS]
