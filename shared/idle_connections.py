"""Pooled keep-alive connections that are given up before the service would close them.

A service closes a connection left idle for its keep-alive (`keepalive` in shared/gunicorn_conf.py).
A client that takes such a connection from its pool just as the service closes it sends its
request into a closing socket: a GET may go again, but nobody can tell whether a POST arrived,
and its caller gets a 503 (the appointment race saw one under load, with every service up). So
the callers' pools (gateway/proxy.py, shared/http.py) drop a connection that has been idle for
longer than IDLE_LIMIT_SECONDS, well inside the service's keep-alive, and open a fresh one.
"""

from __future__ import annotations

import time

from urllib3 import HTTPConnectionPool, HTTPSConnectionPool, PoolManager

from shared.gunicorn_conf import keepalive as SERVICE_KEEPALIVE_SECONDS

# A margin for a loaded machine, where the service's timer and ours may run seconds apart.
IDLE_LIMIT_SECONDS = SERVICE_KEEPALIVE_SECONDS / 2.5
clock = time.monotonic  # tests move it


class _IdleLimited:
    def _get_conn(self, timeout=None):
        conn = super()._get_conn(timeout)  # type: ignore[misc]
        idle_since = getattr(conn, "idle_since", None)
        if idle_since is not None and clock() - idle_since > IDLE_LIMIT_SECONDS:
            conn.close()  # the next request on it connects afresh, as urllib3 does for a dropped one
        return conn

    def _put_conn(self, conn):
        if conn is not None:
            conn.idle_since = clock()
        super()._put_conn(conn)  # type: ignore[misc]


class IdleLimitedPool(_IdleLimited, HTTPConnectionPool):
    pass


class IdleLimitedHTTPSPool(_IdleLimited, HTTPSConnectionPool):
    pass


def limit_idle_connections(manager: PoolManager) -> PoolManager:
    """`manager`, whose pools (made from now on) give up connections idle past the limit."""
    manager.pool_classes_by_scheme = {"http": IdleLimitedPool, "https": IdleLimitedHTTPSPool}
    return manager
