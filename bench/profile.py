"""Where one process's CPU goes under one workload: py-spy over every gunicorn worker of it.

Starts the production-style system with the small data set, applies one workload of
bench/locustfile.py at its ceiling, samples the chosen Procfile entry (the gunicorn master and
its workers) with `py-spy record --gil` (only the thread holding the GIL: CPU, not waiting) and
prints the functions with the largest inclusive share of the samples.

    .venv/bin/python -m bench.profile WarmSearch gateway
    .venv/bin/python -m bench.profile Create booking --seconds 20 --top 50
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench import load
from bench.dataset import seed_dataset
from bench.load import Workload
from bench.spread import Spread, warm_cache
from bench.system import production_system

NOISE = ("threading.py", "concurrent/futures", "gunicorn/", "<module>")


def frame_name(frame: str) -> str:
    """`function (path/to/file.py:line)` -> `function (file path after site-packages)`."""
    function, _, where = frame.partition(" (")
    path = where.split(":")[0].rstrip(")").split("site-packages/")[-1].replace(str(Path.cwd()) + "/", "")
    return f"{function} ({path})"


def inclusive_shares(collapsed: str) -> tuple[int, Counter]:
    """Samples in all, and per function the samples whose stack contains it (py-spy --format raw)."""
    total, shares = 0, Counter()
    for line in collapsed.splitlines():
        stack, _, count = line.rstrip().rpartition(" ")
        if not stack or not count.isdigit():  # a wrapped line of a frame whose name holds a newline
            continue
        total += int(count)
        for name in {frame_name(frame) for frame in stack.split(";")[1:]}:  # [0] names the process
            shares[name] += int(count)
    return total, shares


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("workload", help="a user class of bench/locustfile.py, e.g. WarmSearch, Create")
    parser.add_argument("process", help="a Procfile entry, e.g. gateway, availability, booking")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    with (
        production_system("profile", start=False, AVAILABILITY_CACHE_TTL_SECONDS="600") as tessera,
        tempfile.TemporaryDirectory() as scratch,
    ):
        seeded = seed_dataset(tessera.databases.urls, bookings=1000)
        tessera.system.start_all()
        data = Spread.of(tessera, seeded.venues)
        warm_cache(tessera.gateway_url, data.venues, data.days)
        shell = tessera.system.processes[args.process].pid
        master = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True).stdout.split() or [shell]
        output = Path(scratch) / "profile.txt"
        spy = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "py-spy"),
                "record",
                "--subprocesses",
                "--gil",
                "--nonblocking",
                "--rate",
                "200",
                "--format",
                "raw",
                "--duration",
                str(args.seconds),
                "--output",
                str(output),
                "--pid",
                str(master[0]),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        figures = load.run(
            tessera.gateway_url,
            Workload(args.workload, args.workload, data.locust_env(tessera.redis_server.url)),
            users=args.users,
            seconds=args.seconds,
            warmup=1,
        )
        if spy.wait() != 0:
            raise RuntimeError(f"py-spy failed: {spy.stderr.read()[-2000:]}")
        total, shares = inclusive_shares(output.read_text())
    print(figures.as_json())
    print(f"\n{args.process} under {args.workload}: {total} samples holding the GIL; inclusive share per function")
    shown = 0
    for name, count in shares.most_common():
        if any(noise in name for noise in NOISE):
            continue
        print(f"{100 * count / total:6.1f}%  {name}")
        shown += 1
        if shown == args.top:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
