"""`make run`'s runner: migrates, seeds, starts every Procfile process under honcho, stops them all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import psutil
import pytest
import requests

from gateway.manage import DEMO_LAB, DEMO_LAB_MANAGER_EMAIL, DEMO_LAB_MANAGER_PASSWORD
from tests.conftest import VENUE, booking_body, future_date, system_env
from tests.support.backends import make_backend
from tests.support.processes import ROOT, read_procfile, wait_until

pytestmark = pytest.mark.one_backend  # `make run` starts on its embedded defaults


def test_runner_brings_everything_up_and_takes_it_down(tmp_path):
    backend = make_backend(tmp_path / "var")
    env = {**os.environ, **system_env(backend)}
    env.pop("TESSERA_ENV")  # the runner must choose development mode by itself
    runner = subprocess.Popen(
        [sys.executable, "-m", "runner"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    gateway = f"http://127.0.0.1:{env['GATEWAY_PORT']}"
    output: list[str] = []  # drained as it comes, so no process ever blocks on a full pipe
    threading.Thread(
        target=lambda: output.extend(line.decode(errors="replace") for line in runner.stdout), daemon=True
    ).start()
    children = []
    try:

        def ready():
            try:
                return requests.get(f"{gateway}/readyz", timeout=1).status_code == 200
            except requests.RequestException:
                return False

        # A generous bound, not a speed check: beside the browser journeys on two busy CPUs, the
        # four migrations, the seeds and nine processes once took over a minute (a CI run).
        try:
            wait_until(ready, 180, 0.25, "every service ready behind the gateway")
        except AssertionError as not_ready:
            raise AssertionError(f"{not_ready}; the runner's last lines:\n{''.join(output[-40:])}") from None

        day = future_date(2)
        search = requests.get(
            f"{gateway}/api/v1/venues/{VENUE}/availability", params={"date": day, "party_size": 2}, timeout=5
        )
        assert [s["time"] for s in search.json()["slots"]] == [
            "12:00",
            "12:30",
            "13:00",
            "13:30",
            "19:00",
            "19:30",
            "20:00",
            "20:30",
        ]
        booked = requests.post(f"{gateway}/api/v1/bookings", json=booking_body(day, "19:00", 2), timeout=10)
        assert booked.status_code == 201
        wait_until(lambda: any((backend.var_dir / "mail").glob("*.eml")), 15, message="the confirmation e-mail")

        banner = [line.strip() for line in output if line.startswith("  ")]
        assert banner[0] == f"Web app:    {gateway}/", banner  # the web app's address comes first
        assert any(line.startswith("Staff:") for line in banner)
        # The demo lab: six pieces of equipment with their hours, and its manager's login printed.
        equipment = requests.get(f"{gateway}/api/v1/venues/{DEMO_LAB}/resources", timeout=5).json()["items"]
        assert len(equipment) == 6 and all(item["kind"] == "equipment" and item["tags"] for item in equipment)
        assert any(DEMO_LAB_MANAGER_EMAIL in line and DEMO_LAB_MANAGER_PASSWORD in line for line in banner)
        login = {"email": DEMO_LAB_MANAGER_EMAIL, "password": DEMO_LAB_MANAGER_PASSWORD}
        assert requests.post(f"{gateway}/api/v1/auth/login", json=login, timeout=5).status_code == 200
        page = requests.get(f"{gateway}/", timeout=5)
        assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]

        children = psutil.Process(runner.pid).children(recursive=True)
        assert len(children) >= len(read_procfile())
    finally:
        runner.send_signal(signal.SIGTERM)
        runner.wait(30)
        backend.close()
    _gone, alive = psutil.wait_procs(children, timeout=20)
    assert not alive, [p.cmdline() for p in alive]
