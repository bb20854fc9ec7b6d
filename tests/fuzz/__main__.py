"""`make fuzz`: the long schemathesis run over the public API through the gateway of a fresh
Tessera (tests/fuzz/harness.py), with its summary; exits non-zero on any failure.

    make fuzz                                   # SQLite + embedded Redis, 100 cases per operation and phase
    TESSERA_TEST_BACKEND=postgres make fuzz     # PostgreSQL + Redis
    .venv/bin/python -m tests.fuzz --examples 300 --seed 42

Process logs and the JUnit report are kept in a temporary directory when something fails.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from tests.conftest import running_system
from tests.fuzz.harness import PHASES, SYSTEM_OVERRIDES, FuzzRun, admin_token, run_schemathesis


class TemporaryDirectories:
    """What running_system needs of pytest's tmp_path_factory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def mktemp(self, name: str) -> Path:
        path = self.root / name
        path.mkdir()
        return path


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100, help="test cases per operation and phase at most")
    parser.add_argument("--phases", default=",".join(PHASES), help="schemathesis phases, comma-separated")
    parser.add_argument("--seed", type=int, default=None, help="repeat a run (its summary prints the seed)")
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    run = FuzzRun(examples=args.examples, phases=tuple(args.phases.split(",")), seed=args.seed, workers=args.workers)
    root = Path(tempfile.mkdtemp(prefix="tessera-fuzz-"))
    print(f"starting Tessera and fuzzing its public API ({run.examples} cases per operation and phase)...", flush=True)
    with running_system(TemporaryDirectories(root), "system", **SYSTEM_OVERRIDES) as system:
        result = run_schemathesis(system.gateway_url, admin_token(system), run, root, capture=False)
    if result.returncode == 0:
        shutil.rmtree(root, ignore_errors=True)
    else:
        print(f"process logs and the report are kept in {root}", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
