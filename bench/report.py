"""What every benchmark shares: the report of JSON lines, the machine it ran on, the bare Flask ceiling."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import requests

from tests.support.backends import free_port
from tests.support.processes import ROOT, wait_until

OUT_DIR = ROOT / "var" / "bench"
# Searches for days the cache does not hold are misses; a long TTL keeps a warm run warm for its
# whole length (invalidation on every change keeps it correct, the TTL only bounds a lost one).
CACHE_TTL_SECONDS = "600"


class Report:
    """Prints each figure as a JSON line as it comes and keeps it for the tables."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.out = path.open("w")
        self.lines: list[dict] = []

    def add(self, kind: str, **fields) -> None:
        line = {"kind": kind, **fields}
        self.lines.append(line)
        text = json.dumps(line, sort_keys=True)
        print(text, flush=True)
        self.out.write(text + "\n")
        self.out.flush()

    def of(self, kind: str, **match) -> list[dict]:
        return [line for line in self.lines if line["kind"] == kind and all(line.get(k) == v for k, v in match.items())]


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.machine(),
    )
    postgres = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    redis_version = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout.split()[2]
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kb / 2**20, 1),
        "python": platform.python_version(),
        "os": platform.platform(),
        "postgresql": postgres,
        "redis": redis_version,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


@contextlib.contextmanager
def bare_flask():
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "python:shared.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "bench.baseline_app:app",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return requests.get(f"{url}/ping", timeout=1).ok
        except requests.RequestException:
            return False

    try:
        wait_until(up, 30, 0.1, "the bare Flask endpoint")
        yield url
    finally:
        process.terminate()
        process.wait(15)
