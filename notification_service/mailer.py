"""Building and delivering e-mails: over SMTP when SMTP_URL is set, else as .eml files.

`SMTP_URL`: `smtp://[user:pass@]host[:port]` (STARTTLS when the server offers it) or
`smtps://...` (TLS from the start). Errors are sorted into transient (retry later) and
permanent (a 5xx reply, e.g. a rejected address: record and stop).
"""
from __future__ import annotations

import os
import smtplib
import socket
import ssl
import tempfile
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from urllib.parse import unquote, urlparse

SMTP_TIMEOUT_SECONDS = 10


class TransientMailError(Exception):
    """Worth retrying: the server is down, busy, or answered 4xx."""


class PermanentMailError(Exception):
    """Not worth retrying: the server refused the message or the address (5xx)."""


def build_message(*, sender: str, recipient: str, subject: str, text: str, html: str, message_id: str,
                  attachments: list[tuple[str, str, bytes]] = ()) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    for filename, mime, payload in attachments:
        maintype, subtype = mime.split("/", 1)
        message.add_attachment(payload, maintype=maintype, subtype=subtype, filename=filename)
    return message


def _file_name(message_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in message_id.strip("<>")) + ".eml"


def write_to_directory(message: EmailMessage, directory: Path) -> Path:
    """One file per Message-ID, written atomically: a repeated send overwrites, never duplicates."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / _file_name(message["Message-ID"])
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".", suffix=".part")  # never matches *.eml
    with os.fdopen(fd, "wb") as handle:
        handle.write(bytes(message))
    os.replace(tmp, target)
    return target


def send_smtp(message: EmailMessage, smtp_url: str) -> None:
    url = urlparse(smtp_url)
    secure = url.scheme == "smtps"
    port = url.port or (465 if secure else 25)
    try:
        if secure:
            client = smtplib.SMTP_SSL(url.hostname, port, timeout=SMTP_TIMEOUT_SECONDS,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(url.hostname, port, timeout=SMTP_TIMEOUT_SECONDS)
        with client:
            client.ehlo()
            if not secure and client.has_extn("starttls"):
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if url.username:
                client.login(unquote(url.username), unquote(url.password or ""))
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        if all(code >= 500 for code in codes):
            raise PermanentMailError(f"recipient refused: {codes}") from exc
        raise TransientMailError(f"recipient deferred: {codes}") from exc
    except smtplib.SMTPResponseException as exc:
        if exc.smtp_code >= 500:
            raise PermanentMailError(f"{exc.smtp_code} {exc.smtp_error!r}") from exc
        raise TransientMailError(f"{exc.smtp_code} {exc.smtp_error!r}") from exc
    except (smtplib.SMTPException, OSError, socket.timeout) as exc:
        raise TransientMailError(type(exc).__name__) from exc


def deliver(message: EmailMessage, *, smtp_url: str | None, mail_dir: Path) -> None:
    if smtp_url:
        send_smtp(message, smtp_url)
    else:
        write_to_directory(message, mail_dir)
