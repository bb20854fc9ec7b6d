"""Driving one workload of bench/locustfile.py with locust, in processes of their own, and reading its figures.

A run has two steps per workload: the ceiling (users send back to back; requests/s is the
figure) and the latency at half that rate (each user sends at a fixed rate; p95 is the
figure). Latencies are every request's own, measured by locust's FastHttpUser from sending
to the last byte, in the window after a short warm-up.
"""

from __future__ import annotations

import glob
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILE = ROOT / "bench" / "locustfile.py"


@dataclass
class Workload:
    label: str
    user_class: str
    data: dict[str, str] = field(default_factory=dict)  # BENCH_* variables for the locustfile


@dataclass
class Figures:
    workload: str
    mode: str  # "ceiling" or "at N rps"
    users: int
    seconds: float
    requests: int  # sent in the measured window
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    error_rate: float
    statuses: dict[str, int]
    ratio_to_ceiling: float | None = None  # rps / the bare Flask endpoint's ceiling rps
    # Every request of the run, warm-up and locust's stop included: what CPU readings taken
    # before and after the run are divided by (bench/__main__.py).
    run_requests: int = 0

    def as_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


def percentile(ordered: list[float], share: float) -> float:
    """Nearest rank: the smallest of the sorted samples with at least `share` of them at or below it."""
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def run(
    host: str,
    workload: Workload,
    *,
    users: int,
    seconds: float,
    rate_per_user: float = 0.0,
    warmup: float = 3.0,
    processes: int = 1,
) -> Figures:
    """Run `workload` against `host` for warmup + seconds and return the figures of the last `seconds`."""
    with tempfile.TemporaryDirectory(prefix="tessera-locust-") as scratch:
        env = {
            **os.environ,
            **workload.data,
            "BENCH_RATE_PER_USER": str(rate_per_user),
            "BENCH_SAMPLES": scratch,
            "PYTHONPATH": str(ROOT),
        }
        # At a fixed rate, users are started over one period of theirs, so their requests interleave
        # instead of arriving in bursts of `users` (which would measure the burst, not the rate);
        # at the ceiling they all start within a quarter of a second.
        spawn_rate = users * rate_per_user if rate_per_user > 0 else users * 4
        warmup = max(warmup, users / spawn_rate + 1)  # every user running before the window opens
        run_seconds = math.ceil(warmup + seconds)  # locust's --run-time takes whole seconds
        command = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--only-summary",
            "--users",
            str(users),
            "--spawn-rate",
            f"{spawn_rate:.3f}",
            "--run-time",
            f"{run_seconds}s",
            "--host",
            host,
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "3",
            "--exit-code-on-error",
            "0",
        ]
        if processes > 1:
            command += ["--processes", str(processes)]
        command.append(workload.user_class)
        finished = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=warmup + seconds + 120
        )
        if finished.returncode != 0:
            raise RuntimeError(f"locust exited {finished.returncode}:\n{finished.stderr[-3000:]}")
        samples = []
        for path in glob.glob(os.path.join(scratch, "samples-*.json")):
            samples.extend(json.loads(Path(path).read_text()))
    if not samples:
        raise RuntimeError(f"locust recorded no requests for {workload.label}:\n{finished.stderr[-3000:]}")
    mode = "ceiling" if rate_per_user <= 0 else f"at {rate_per_user * users:.0f} rps"
    return figures_of(workload.label, mode, users, samples, warmup=warmup, run_seconds=run_seconds)


def figures_of(label: str, mode: str, users: int, samples: list[list], *, warmup: float, run_seconds: float) -> Figures:
    """The figures of the requests sent between the warm-up's end and locust's stop.

    Each sample is [sent at, latency ms, status]. Requests/s is over the window's length, not
    over the spread of the requests' send times: a few slow requests sent at once would
    otherwise count as thousands a second.
    """
    started = min(sample[0] for sample in samples)
    window = [sample for sample in samples if started + warmup <= sample[0] < started + run_seconds]
    if not window:
        raise RuntimeError(f"no request of {label} was sent after the {warmup:.1f} s warm-up")
    measured = run_seconds - warmup
    latencies = sorted(sample[1] for sample in window)
    statuses = Counter(str(sample[2]) for sample in window)
    errors = sum(count for status, count in statuses.items() if not status.startswith("2"))
    return Figures(
        workload=label,
        mode=mode,
        users=users,
        seconds=round(measured, 1),
        requests=len(window),
        rps=round(len(window) / measured, 1),
        p50_ms=round(statistics.median(latencies), 2),
        p95_ms=round(percentile(latencies, 0.95), 2),
        p99_ms=round(percentile(latencies, 0.99), 2),
        error_rate=round(errors / len(window), 4),
        statuses=dict(sorted(statuses.items())),
        run_requests=len(samples),
    )
