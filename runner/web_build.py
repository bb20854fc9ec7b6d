"""The web app's build for `make run` (and `make web`): `npm ci` when web/node_modules is missing or
older than package-lock.json, then `npm run build` when web/dist is missing or older than any of
the app's sources. Without Node.js 20.19+ nothing is built and one line says what to install; the
API starts all the same.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from shared.config import PROJECT_ROOT

WEB = PROJECT_ROOT / "web"
MIN_NODE = (20, 19)
# What a build is made from: a change to any of these makes web/dist stale.
SOURCES = ("src", "index.html", "package-lock.json", "vite.config.ts", "tsconfig.json")


def node_version() -> tuple[int, int] | None:
    node = shutil.which("node")
    if node is None:
        return None
    try:
        output = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"v(\d+)\.(\d+)", output.strip())
    return (int(match[1]), int(match[2])) if match else None


def _newest(path: Path) -> float:
    if path.is_file():
        return path.stat().st_mtime
    return max((item.stat().st_mtime for item in path.rglob("*") if item.is_file()), default=0.0)


def needs_install(web: Path = WEB) -> bool:
    marker = web / "node_modules" / ".package-lock.json"  # npm rewrites it on every install
    return not marker.exists() or marker.stat().st_mtime < (web / "package-lock.json").stat().st_mtime


def needs_build(web: Path = WEB) -> bool:
    built = web / "dist" / "index.html"
    if not built.exists():
        return True
    newest_source = max(_newest(web / name) for name in SOURCES if (web / name).exists())
    return built.stat().st_mtime < newest_source


def ensure_web_app(web: Path = WEB, *, force: bool = False) -> str | None:
    """Build the app if it is stale; None when web/dist is ready, else one line saying why it is not."""
    if not force and not needs_build(web) and not needs_install(web):
        return None
    version = node_version()
    if version is None or version < MIN_NODE:
        found = "no Node.js" if version is None else f"Node.js {version[0]}.{version[1]}"
        return (
            f"Web app not built: found {found}; install Node.js {MIN_NODE[0]}.{MIN_NODE[1]} or later "
            "(with npm) from https://nodejs.org, then run `make run` again."
        )
    npm = shutil.which("npm")
    if npm is None:
        return "Web app not built: npm is missing; install Node.js with npm from https://nodejs.org."
    steps = ([[npm, "ci", "--no-audit", "--no-fund"]] if needs_install(web) else []) + [[npm, "run", "build"]]
    for step in steps:
        if subprocess.run(step, cwd=web).returncode != 0:
            return f"Web app not built: `{' '.join(step[1:])}` failed in web/ (see above); the API starts without it."
    return None


def main() -> int:
    problem = ensure_web_app(force="--force" in sys.argv)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
