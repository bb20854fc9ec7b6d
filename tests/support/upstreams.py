"""The gateway's forwarding client (gateway/proxy.py) pointed at a stand-in service, as the
gateway builds it but with short timeouts and a breaker that stays closed through a test."""

from __future__ import annotations

from gateway.breaker import UpstreamBreaker
from gateway.proxy import Upstream


def upstream_to(base_url: str, name: str = "service", *, read_timeout: float = 2) -> Upstream:
    return Upstream(
        name,
        base_url,
        service_token="t",
        identity_key="k" * 32,
        connect_timeout=1,
        read_timeout=read_timeout,
        breaker=UpstreamBreaker(name, failures=5, reset_seconds=5),
    )
