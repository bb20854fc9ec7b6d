"""Fixtures of the end-to-end races: a gateway in front of two booking-service replicas."""

from __future__ import annotations

import signal

import pytest

from tests.support.backends import free_port

# Under 200 concurrent requests on a small machine a request may queue for seconds; this test
# is about correctness, so it gives the calls room rather than count slowness as a refusal.
PATIENT = {"HTTP_READ_TIMEOUT": "60", "GATEWAY_UPSTREAM_TIMEOUT": "60"}


REPLICAS = ("booking-race-1", "booking-race-2")


@pytest.fixture(scope="module")
def two_booking_replicas(system):
    """The URL of a gateway that calls two booking-service replicas in turn, all three started
    beside the shared system's own processes, which go on serving the other tests untouched."""
    ports = {name: free_port() for name in (*REPLICAS, "gateway-race")}
    replica_urls = [f"http://127.0.0.1:{ports[name]}" for name in REPLICAS]
    gateway_url = f"http://127.0.0.1:{ports['gateway-race']}"
    for name in REPLICAS:
        system.start(name, entry="booking", BOOKING_PORT=str(ports[name]), **PATIENT)
    system.start(
        "gateway-race",
        entry="gateway",
        GATEWAY_PORT=str(ports["gateway-race"]),
        BOOKING_URL=",".join(replica_urls),
        **PATIENT,
    )
    try:
        for url in replica_urls:
            system.wait_service("booking", url=url)
        system.wait_service("gateway", url=gateway_url)
        yield gateway_url
    finally:
        system.stop_many(["gateway-race", *REPLICAS], signal.SIGKILL)  # thrown away: System.another
