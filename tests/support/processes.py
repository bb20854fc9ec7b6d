"""Starting Tessera's processes from the Procfile, one by one, so a test can kill and restart any.

Each entry runs in its own session (process group) through the shell, exactly as honcho runs it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.support.backends import free_port

ROOT = Path(__file__).resolve().parents[2]


def read_procfile(path: Path = ROOT / "Procfile") -> dict[str, str]:
    entries = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, command = line.split(":", 1)
            entries[name.strip()] = command.strip()
    return entries


def wait_until(predicate, timeout: float, interval: float = 0.1, message: str = "condition"):
    """Poll until predicate() is truthy; return its value or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)


def _wait_group_gone(pgid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


class System:
    """All of Tessera on free ports, with its own backend."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.env = {**os.environ, **env}
        self.env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), self.env.get("PATH", "")])
        self.log_dir = log_dir
        self.commands = read_procfile()
        self.processes: dict[str, subprocess.Popen] = {}
        self.launches: dict[str, tuple[str | None, dict[str, str]]] = {}  # name -> (entry, extra env)
        self.gateway_url = f"http://127.0.0.1:{env['GATEWAY_PORT']}"
        self.service_urls = {
            "availability": env["AVAILABILITY_URL"],
            "booking": env["BOOKING_URL"],
            "notification": env["NOTIFICATION_URL"],
        }

    def manage(self, service: str, *args: str, **env: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", f"{service}.manage", *args],
            env={**self.env, **env},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{service}.manage {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def start(self, name: str, *, entry: str | None = None, **env: str) -> None:
        """Start Procfile `entry` (default: `name`) as `name`, with extra environment, e.g. a
        second replica of a service on another port."""
        with open(self.log_dir / f"{name}.log", "ab") as log:  # the child keeps its own descriptor
            self.processes[name] = subprocess.Popen(
                self.commands[entry or name],
                shell=True,
                cwd=ROOT,
                env={**self.env, **env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.launches[name] = (entry, env)

    def send_signal(self, name: str, signum: int) -> None:
        process = self.processes[name]
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            pass

    def stop(self, name: str, signum: int = signal.SIGTERM, timeout: float = 15) -> None:
        """Signal the entry's whole process group and wait until every process in it is gone."""
        self.stop_many([name], signum, timeout)

    def stop_many(self, names, signum: int = signal.SIGTERM, timeout: float = 15) -> None:
        """Signal every named group first, then wait for each, so they shut down side by side."""
        stopping = [process for process in (self.processes.pop(name, None) for name in names) if process]
        for process in stopping:
            try:
                os.killpg(process.pid, signum)
            except ProcessLookupError:
                pass
        for process in stopping:
            process.wait(timeout)
            if not _wait_group_gone(process.pid, timeout):
                os.killpg(process.pid, signal.SIGKILL)
                _wait_group_gone(process.pid, 5)

    def restart_exited(self) -> list[str]:
        """Start again every process that has exited, as the production supervisor (compose's
        restart policy) does; returns their names."""
        exited = [name for name, process in self.processes.items() if process.poll() is not None]
        for name in exited:
            self.processes.pop(name)
            entry, env = self.launches[name]
            self.start(name, entry=entry, **env)
        return exited

    def kill(self, name: str) -> None:
        self.stop(name, signal.SIGKILL)

    @contextlib.contextmanager
    def another(self, name: str, entry: str, **env: str):
        """One more `entry` web process, named `name`, on a free port beside the system's own and
        with extra environment; yields its URL once it is ready. It is thrown away afterwards with
        SIGKILL: a graceful stop waits seconds for kept-alive connections, to finish nothing that
        is looked at again."""
        port = free_port()
        self.start(name, entry=entry, **{f"{entry.upper()}_PORT": str(port)}, **env)  # as the Procfile reads it
        try:
            url = f"http://127.0.0.1:{port}"
            self.wait_service(entry, url=url)
            yield url
        finally:
            self.kill(name)

    def start_all(self) -> None:
        for name in self.commands:
            self.start(name)
        self.wait_ready()
        # A process that could not start (its port taken) must not pass for ready because another
        # one answers in its place.
        exited = [name for name, process in self.processes.items() if process.poll() is not None]
        if exited:
            raise RuntimeError(f"{', '.join(exited)} exited while starting:\n{self.log(exited[0])[-3000:]}")

    def stop_all(self, signum: int = signal.SIGTERM) -> None:
        self.stop_many(list(self.processes), signum)

    def ready(self) -> bool:
        try:
            return requests.get(f"{self.gateway_url}/readyz", timeout=1).status_code == 200
        except requests.RequestException:
            return False

    def wait_ready(self, timeout: float = 60) -> None:
        wait_until(self.ready, timeout, 0.2, "every service to be ready")

    def wait_service(self, service: str, timeout: float = 30, *, url: str | None = None) -> None:
        base = url or self.service_urls[service]

        def up():
            try:
                return requests.get(f"{base}/readyz", timeout=1).status_code == 200
            except requests.RequestException:
                return False

        wait_until(up, timeout, 0.1, f"{service} at {base} to be ready")

    def log(self, name: str) -> str:
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""
