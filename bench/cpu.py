"""CPU time per process type, to say where a workload's requests cost the most.

Each Procfile entry counts with its whole process tree (the gunicorn master and its workers,
the Celery parent and its pool); PostgreSQL counts its servers on the machine, the backends that
exited included, and Redis its own server. Read with psutil before and after a run; divided by every
request the run sent (its warm-up's too: the readings cover them), it is CPU milliseconds per
request for each process type.
"""

from __future__ import annotations

import psutil

from bench.system import Tessera
from booking_service.events import PRODUCER
from shared.events import stream_name
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
    seconds["postgresql"] = sum(server_seconds(pid) for pid in postmasters())
    return seconds


def postmasters() -> list[int]:
    postgres = {p.pid: p.info["ppid"] for p in psutil.process_iter(["name", "ppid"]) if p.info["name"] == "postgres"}
    return [pid for pid, parent in postgres.items() if parent not in postgres]


def server_seconds(postmaster: int) -> float:
    """A PostgreSQL server's CPU: its backends come and go with connections, so an exited one's
    time is read from the postmaster's reaped children, a live one's from itself."""
    try:
        root = psutil.Process(postmaster)
        times = root.cpu_times()
        children = root.children()
    except psutil.NoSuchProcess:
        return 0.0
    total = times.user + times.system + times.children_user + times.children_system
    for child in children:
        try:
            child_times = child.cpu_times()
            total += child_times.user + child_times.system
        except psutil.NoSuchProcess:
            continue  # reaped meanwhile: counted in the postmaster's children next time
    return total


def ms_per_request(before: dict[str, float], after: dict[str, float], requests: int) -> dict[str, float]:
    return {name: round((after[name] - before.get(name, 0.0)) * 1000 / requests, 2) for name in after}


def wait_drained(tessera: Tessera, timeout: float = 300) -> None:
    """Until every event is published, every subscriber has taken every event from the booking
    service's stream, and every task message is acknowledged (shared/redis_transport.py records
    each one from its publication to its acknowledgement)."""
    redis = tessera.redis_server.client()

    def streams_read() -> bool:
        stream = stream_name(PRODUCER)
        if not redis.exists(stream):
            return True
        last = redis.xinfo_stream(stream)["last-generated-id"]
        return all(group["pending"] == 0 and group["last-delivered-id"] == last for group in redis.xinfo_groups(stream))

    def drained() -> bool:
        unpublished = tessera.sql("booking", "SELECT COUNT(*) FROM outbox_events WHERE published_at IS NULL")[0][0]
        return unpublished == 0 and streams_read() and redis.hlen("unacked") == 0

    wait_until(drained, timeout, 0.5, "the outbox and the task queues to drain")
