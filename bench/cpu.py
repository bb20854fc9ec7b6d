"""CPU time per process type, to say where a workload's requests cost the most.

Each Procfile entry counts with its whole process tree (the gunicorn master and its workers,
the Celery parent and its pool); PostgreSQL counts every `postgres` process on the machine and
Redis its own server. Read with psutil before and after a run; divided by the requests served,
it is CPU milliseconds per request for each process type.
"""

from __future__ import annotations

import psutil

from bench.system import Tessera
from tests.support.processes import wait_until


def _tree_seconds(pid: int) -> float:
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


def seconds_by_process(tessera: Tessera) -> dict[str, float]:
    seconds = {name: _tree_seconds(process.pid) for name, process in tessera.system.processes.items()}
    seconds["redis"] = _tree_seconds(tessera.redis_server.pid)
    seconds["postgresql"] = sum(
        _tree_seconds(process.pid) for process in psutil.process_iter(["name"]) if process.info["name"] == "postgres"
    )
    return seconds


def ms_per_request(before: dict[str, float], after: dict[str, float], requests: int) -> dict[str, float]:
    return {name: round((after[name] - before.get(name, 0.0)) * 1000 / requests, 2) for name in after}


def wait_drained(tessera: Tessera, timeout: float = 300) -> None:
    """Until every event is published and every task message acknowledged (shared/redis_transport.py
    records each one from its publication to its acknowledgement)."""
    redis = tessera.redis_server.client()

    def drained() -> bool:
        unpublished = tessera.sql("booking", "SELECT COUNT(*) FROM outbox_events WHERE published_at IS NULL")[0][0]
        return unpublished == 0 and redis.hlen("unacked") == 0

    wait_until(drained, timeout, 0.5, "the outbox and the task queues to drain")
