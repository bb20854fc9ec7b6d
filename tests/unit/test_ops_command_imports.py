"""An ops command (`python -m <service>.manage`) loads its own code, not the service's web app:
each package's `__init__` imports nothing, and `create_app` lives in `<service>/app.py`. The tests
start a system's migrations, seeds and staff through these commands dozens of times a run."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.processes import ROOT

SERVICES = ("gateway", "availability_service", "booking_service", "notification_service")
WEB_APP_ONLY = ("flask_smorest", "apispec", *(f"{service}.app" for service in SERVICES))


def test_no_ops_command_imports_a_web_app():
    script = (
        "import importlib, json, sys\n"
        f"for service in {SERVICES!r}: importlib.import_module(service + '.manage')\n"
        f"print(json.dumps(sorted(name for name in {WEB_APP_ONLY!r} if name in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
