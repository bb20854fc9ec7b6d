"""A real SMTP server (aiosmtpd) inside the test process, recording every message it accepted.

Addresses at `rejected.test` are refused with 550 at RCPT, as a server refuses an unknown
mailbox. `data_replies` queues replies to the next messages' end of DATA (e.g. a 451), given
instead of accepting them; `data_reply_delay` holds back the 250 to an accepted message by that
many seconds (a server slower to answer than its client waits). The server can be stopped and
started again on the same port to stage an outage; `controller_options` go to aiosmtpd's
Controller (e.g. an authenticator).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy

from aiosmtpd.controller import Controller

from tests.support.backends import free_port

REJECTED_DOMAIN = "rejected.test"


class SmtpSink:
    def __init__(self, **controller_options) -> None:
        self.controller_options = controller_options
        self.data_replies: list[str] = []
        self.data_reply_delay = 0.0
        self.port = free_port()
        self.url = f"smtp://127.0.0.1:{self.port}"
        self._messages: list[EmailMessage] = []
        self._received_at: list[float] = []  # time.time() each message was accepted, in step with _messages
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    # aiosmtpd handler hooks
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.rsplit("@", 1)[-1].lower() == REJECTED_DOMAIN:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_replies:
            return self.data_replies.pop(0)
        message = message_from_bytes(envelope.original_content or envelope.content, policy=default_policy)
        with self._lock:
            self._messages.append(message)
            self._received_at.append(time.time())
        await asyncio.sleep(self.data_reply_delay)
        return "250 Message accepted for delivery"

    def start(self) -> SmtpSink:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port, **self.controller_options)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def messages(self, predicate=lambda message: True) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self._messages if predicate(m)]

    def received(self) -> list[tuple[float, EmailMessage]]:
        """Every accepted message with the time.time() it was accepted at."""
        with self._lock:
            return list(zip(self._received_at, self._messages, strict=False))

    def count_by_message_id(self, message_ids) -> Counter:
        """How many times the server accepted each of `message_ids` (absent ones count 0)."""
        wanted = set(message_ids)
        counts = Counter(dict.fromkeys(wanted, 0))
        with self._lock:
            for message in self._messages:
                if message["Message-ID"] in wanted:
                    counts[message["Message-ID"]] += 1
        return counts
