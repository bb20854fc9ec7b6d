"""A request with its target exactly as written: `requests` would normalise `..` and `//` away
before sending, so a test of what the gateway does with them would test nothing."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit


def raw_request(
    base_url: str, method: str, target: str, *, headers: dict[str, str] | None = None, body: bytes | None = None
) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of one request sent with `target` untouched."""
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        headers = {"Host": parts.netloc, **(headers or {})}
        conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items():
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, response.read()
    finally:
        conn.close()
