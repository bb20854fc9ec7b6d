"""Several replicas of one service behind one setting: `BOOKING_URL=http://a:8002,http://b:8002`.

Callers take the replicas in turn (round robin) and move on to the next one only when a
connection could not be made at all, so nothing was sent and even a POST is safe to send
elsewhere. Anything else (a timeout after sending, a 5xx) is the caller's to handle.
"""

from __future__ import annotations

import itertools
from http.client import RemoteDisconnected

import requests
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ProtocolError


class Replicas:
    def __init__(self, urls: str) -> None:
        self.urls = [url.strip().rstrip("/") for url in urls.split(",") if url.strip()]
        if not self.urls:
            raise ValueError("no service URL given")
        self._turn = itertools.count()

    def in_turn(self) -> list[str]:
        """Every replica, starting with the one whose turn it is."""
        start = next(self._turn) % len(self.urls)
        return self.urls[start:] + self.urls[:start]


# Both take a `requests` error (shared/http.py) or urllib3's own (the gateway's forwarding).


def closed_while_idle(exc: Exception) -> bool:
    """True when a pooled keep-alive connection turned out closed by the server (its idle timeout)
    as the request went out: no answer came, and none was being prepared for it."""
    if isinstance(exc, requests.ConnectionError):
        exc = exc.args[0] if exc.args else exc
    return (
        isinstance(exc, ProtocolError)
        and len(exc.args) > 1
        and isinstance(exc.args[1], (RemoteDisconnected, ConnectionResetError))
    )


def never_reached(exc: Exception) -> bool:
    """True when the request never left: the connection was refused or could not be opened."""
    if isinstance(exc, (requests.ConnectTimeout, ConnectTimeoutError)):  # NewConnectionError is one too
        return True
    cause = exc.args[0] if exc.args else None
    reason = getattr(cause, "reason", cause)
    return isinstance(exc, requests.ConnectionError) and isinstance(
        reason, (NewConnectionError, ConnectionRefusedError)
    )
