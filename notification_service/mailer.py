"""Building and delivering e-mails: over SMTP when SMTP_URL is set, else as .eml files.

`SMTP_URL`: `smtp://[user:pass@]host[:port]` (STARTTLS when the server offers it) or
`smtps://...` (TLS from the start). Errors are sorted into permanent (a 5xx refusal of this
recipient or this message: record and stop) and transient (everything else: retry later).

Delivery takes a `commit` callback and calls it at the point of no return, so the sender's
record and the delivery agree even when the process is killed:
- SMTP: a server takes a message only when it receives the final "." of DATA, so `commit`
  runs after the body is sent and just before that dot. A kill before the commit leaves the
  server with an unterminated message, which it drops; the retry sends it again. A kill after
  it leaves a committed "sent" and a server about to receive the dot. (Committing after the
  server's 250 instead would resend, and duplicate, every message whose sender died in the
  round trip between 250 and commit.)
- Files: the message is renamed into place first and committed after; a repeat overwrites
  the same file, so it cannot appear twice.
"""

from __future__ import annotations

import logging
import os
import re
import smtplib
import ssl
import tempfile
from collections.abc import Callable
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.policy import SMTPUTF8 as SMTPUTF8_POLICY
from email.utils import formatdate
from pathlib import Path
from urllib.parse import unquote, urlparse

log = logging.getLogger(__name__)

SMTP_TIMEOUT_SECONDS = 10


class TransientMailError(Exception):
    """Worth retrying: the server is down, busy, or answered 4xx."""


class PermanentMailError(Exception):
    """Not worth retrying: the server refused the message or the address (5xx)."""


def build_message(
    *,
    sender: str,
    recipient: str,
    subject: str,
    text: str,
    html: str,
    message_id: str,
    attachments: tuple[tuple[str, str, bytes], ...] = (),
) -> EmailMessage:
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


def write_to_directory(message: EmailMessage, directory: Path, commit: Callable[[], None]) -> Path:
    """One file per Message-ID, written atomically: a repeated send overwrites, never duplicates."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / _file_name(message["Message-ID"])
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".", suffix=".part")  # never matches *.eml
    with os.fdopen(fd, "wb") as handle:
        handle.write(bytes(message))
    os.replace(tmp, target)
    commit()
    return target


def _address(header_value) -> str:
    return header_value.addresses[0].addr_spec if hasattr(header_value, "addresses") else str(header_value)


def _data_without_final_dot(message: EmailMessage, policy) -> bytes:
    """The DATA body, dot-stuffed and ending in CRLF, as RFC 5321 section 4.5.2 asks."""
    body = message.as_bytes(policy=policy)
    body = re.sub(rb"(?m)^\.", b"..", body)
    return body if body.endswith(b"\r\n") else body + b"\r\n"


def _transfer(client: smtplib.SMTP, message: EmailMessage, commit: Callable[[], None]) -> None:
    """MAIL, RCPT and DATA as smtplib's send_message, with `commit` just before the final dot."""
    sender, recipient = _address(message["From"]), _address(message["To"])
    international = not (sender.isascii() and recipient.isascii())
    if international and not client.has_extn("smtputf8"):
        raise PermanentMailError("the server cannot take an internationalised address (no SMTPUTF8)")
    options = ["SMTPUTF8", "BODY=8BITMIME"] if international else []
    code, reply = client.mail(sender, options)
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    code, reply = client.rcpt(recipient)
    if code not in (250, 251):
        raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    code, reply = client.docmd("data")
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)
    try:
        client.send(_data_without_final_dot(message, SMTPUTF8_POLICY if international else SMTP_POLICY))
        commit()
    except BaseException:
        client.close()  # drop the connection mid-DATA: the server discards the unterminated message
        raise
    client.send(b".\r\n")
    try:
        code, reply = client.getreply()
    except Exception as exc:
        # The server has the whole message but we did not hear whether it kept it (it hung up,
        # our read timed out, the task's time limit struck): counted as sent, as it is when this
        # process dies at this point.
        log.warning("no reply to the end of DATA; counted as sent", extra={"error": type(exc).__name__})
        return
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)


def _connect(url) -> smtplib.SMTP:
    """A greeted connection: TLS from the start for smtps, else STARTTLS when offered."""
    if url.scheme == "smtps":
        client = smtplib.SMTP_SSL(
            url.hostname, url.port or 465, timeout=SMTP_TIMEOUT_SECONDS, context=ssl.create_default_context()
        )
    else:
        client = smtplib.SMTP(url.hostname, url.port or 25, timeout=SMTP_TIMEOUT_SECONDS)
    client.ehlo()
    if url.scheme != "smtps" and client.has_extn("starttls"):
        client.starttls(context=ssl.create_default_context())
        client.ehlo()
    return client


def send_smtp(message: EmailMessage, smtp_url: str, commit: Callable[[], None]) -> None:
    url = urlparse(smtp_url)
    client = None
    try:
        client = _connect(url)
        if url.username:
            client.login(unquote(url.username), unquote(url.password or ""))
        _transfer(client, message, commit)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        if all(code >= 500 for code in codes):
            raise PermanentMailError(f"recipient refused: {codes}") from exc
        raise TransientMailError(f"recipient deferred: {codes}") from exc
    except smtplib.SMTPDataError as exc:
        if exc.smtp_code >= 500:
            raise PermanentMailError(f"message refused: {exc.smtp_code} {exc.smtp_error!r}") from exc
        raise TransientMailError(f"message deferred: {exc.smtp_code} {exc.smtp_error!r}") from exc
    except (smtplib.SMTPException, OSError) as exc:
        # Everything else (unreachable server, refused login or sender, a 5xx to HELO) is about
        # the server or our configuration, not this message: retried, then dead-lettered for an
        # operator to re-drive once it is fixed.
        raise TransientMailError(f"{type(exc).__name__}: {exc}") from exc
    finally:
        if client is not None:
            _say_goodbye(client)


def _say_goodbye(client: smtplib.SMTP) -> None:
    """QUIT, as a courtesy only: the message's fate was settled by the reply to its final dot, or
    by its absence, so nothing said now changes it (a late reply to that dot, read here as the
    answer to QUIT, included)."""
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


def deliver(message: EmailMessage, *, smtp_url: str | None, mail_dir: Path, commit: Callable[[], None]) -> None:
    """Deliver `message`, calling `commit` at the point of no return (see the module's docstring)."""
    if smtp_url:
        send_smtp(message, smtp_url, commit)
    else:
        write_to_directory(message, mail_dir, commit)
