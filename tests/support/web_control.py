"""A small HTTP server in the test process that lets the browser journeys (web/tests) act on the
real system they run against: stop and start a Tessera process (a real outage), read the signed
link of a booking's latest e-mail, and make an expired link.

    POST /processes/<name>/stop      -> 204 once the process is gone
    POST /processes/<name>/start     -> 204 once it serves again through the gateway
    GET  /links/<reference>          -> {"url"} from the newest e-mail about the booking (waits up to 20 s)
    GET  /expired-links/<reference>  -> {"token"} signed like the e-mails' links, expired a minute ago
    POST /bookings/<reference>/start -> 204 once the booking has started (its start moved an hour back),
                                        so staff may mark it arrived or a no-show
"""

from __future__ import annotations

import email
import json
import re
import signal
import threading
from datetime import datetime, timedelta
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests
from sqlalchemy import text

from shared.config import DEV_IDENTITY_SIGNING_KEY
from shared.identity import sign_booking_link
from tests.support.processes import System, wait_until

LINK = re.compile(r"https?://[^\s\"'<>]+\?token=[A-Za-z0-9._\-]+")


def booking_link(mail_dir: Path, reference: str) -> str | None:
    """The signed link in the newest e-mail that names the booking, if one has been written yet."""
    for path in sorted(mail_dir.glob("*.eml"), key=lambda item: item.stat().st_mtime, reverse=True):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body else ""
        if reference in text:
            found = LINK.search(text)
            if found:
                return found.group(0)
    return None


class Control:
    def __init__(self, system: System, venue: str) -> None:
        self.system = system
        self.venue = venue
        self.mail_dir = Path(system.env["TESSERA_VAR_DIR"]) / "mail"
        self.signing_key = system.env.get("IDENTITY_SIGNING_KEY") or DEV_IDENTITY_SIGNING_KEY
        self.lock = threading.Lock()

    def stop(self, name: str) -> None:
        with self.lock:
            self.system.stop(name, signal.SIGKILL)  # an outage, not a graceful shutdown: at once

    def start(self, name: str) -> None:
        with self.lock:
            self.system.start(name)
            if name in self.system.service_urls:
                self.system.wait_service(name)
            self.system.wait_ready()
            # Each gateway process has its own circuit breaker: wait until the gateway serves the
            # venue's availability several times in a row, so none is still open.
            url = f"{self.system.gateway_url}/api/v1/venues/{self.venue}"
            streak = [0]

            def serving() -> bool:
                try:
                    ok = requests.get(url, timeout=2).status_code == 200
                except requests.RequestException:
                    ok = False
                streak[0] = streak[0] + 1 if ok else 0
                return streak[0] >= 6

            wait_until(serving, 30, 0.2, f"the gateway to serve {self.venue} again")

    def link(self, reference: str) -> str:
        return wait_until(lambda: booking_link(self.mail_dir, reference), 20, 0.2, f"an e-mail about {reference}")

    def expired_token(self, reference: str) -> str:
        return sign_booking_link(reference, self.signing_key, -60)

    def start_booking(self, reference: str) -> None:
        """Move the booking's start an hour into the past (as tests/e2e/test_staff_and_reminders.py does)."""
        engine = self.system.backend.engine("booking")
        try:
            with engine.begin() as conn:
                moved = conn.execute(
                    text("UPDATE bookings SET starts_at = :past WHERE reference = :reference"),
                    {"past": datetime.utcnow() - timedelta(hours=1), "reference": reference},
                )
                if moved.rowcount != 1:
                    raise KeyError(f"no booking {reference}")
        finally:
            engine.dispose()


def serve_control(control: Control) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: dict | None = None) -> None:
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _run(self, action) -> None:
            try:
                result = action()
            except (AssertionError, KeyError, RuntimeError) as exc:
                self._answer(500, {"error": f"{type(exc).__name__}: {exc}"})
            else:
                self._answer(200 if result is not None else 204, result)

        def do_POST(self) -> None:
            parts = self.path.strip("/").split("/")
            if len(parts) == 3 and parts[0] == "processes" and parts[2] in ("stop", "start"):
                name, verb = parts[1], parts[2]
                self._run(lambda: getattr(control, verb)(name))
            elif len(parts) == 3 and parts[0] == "bookings" and parts[2] == "start":
                self._run(lambda: control.start_booking(parts[1]))
            else:
                self._answer(404, {"error": "no such control"})

        def do_GET(self) -> None:
            parts = self.path.strip("/").split("/")
            if len(parts) == 2 and parts[0] == "links":
                self._run(lambda: {"url": control.link(parts[1])})
            elif len(parts) == 2 and parts[0] == "expired-links":
                self._run(lambda: {"token": control.expired_token(parts[1])})
            else:
                self._answer(404, {"error": "no such control"})

        def log_message(self, *_args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
