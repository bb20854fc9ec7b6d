"""Booking e-mails: which event gets which template, and the guarded, exactly-once send.

The e-mail log row for (event, recipient, template) guards the send: it is locked while
the message goes out and marked sent in the same transaction, so a redelivered or
duplicated event finds it sent and skips. A crash after the send but before the commit
repeats the send with the same Message-ID (file delivery then overwrites the same file).
"""
from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from notification_service.extensions import db
from notification_service.mailer import PermanentMailError, TransientMailError, build_message, deliver
from notification_service.models import EmailLog, EmailStatus
from shared.clock import parse_iso_utc, utc_to_local, utcnow

log = logging.getLogger(__name__)

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
)
TEMPLATE_BY_EVENT = {
    "booking.created": "booking_created",
    "booking.updated": "booking_updated",
    "booking.cancelled": "booking_cancelled",
    "booking.reminder_due": "booking_reminder",
}
SUBJECTS = {
    "booking_created": "Your booking at {venue_name} is confirmed ({reference})",
    "booking_updated": "Your booking at {venue_name} has changed ({reference})",
    "booking_cancelled": "Your booking at {venue_name} is cancelled ({reference})",
    "booking_reminder": "See you soon at {venue_name} ({reference})",
}
MESSAGE_ID_DOMAIN = "tessera.local"


def message_id_for(event_id: str, template: str) -> str:
    return f"<{event_id}.{template}@{MESSAGE_ID_DOMAIN}>"


def render(template: str, booking: dict) -> tuple[str, str, str]:
    local = utc_to_local(parse_iso_utc(booking["starts_at"]), booking["timezone"])
    context = {"b": booking, "local_when": local.strftime("%A %d %B %Y, %H:%M")}
    subject = SUBJECTS[template].format(**booking)
    return (subject, TEMPLATES.get_template(f"{template}.txt").render(context),
            TEMPLATES.get_template(f"{template}.html").render(context))


def _claim_row(session, event_id: str, recipient: str, template: str) -> EmailLog:
    insert = (postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert)(EmailLog)
    session.execute(insert.values(event_id=event_id, recipient=recipient, template=template,
                                  message_id=message_id_for(event_id, template), status=EmailStatus.PENDING,
                                  attempts=0).on_conflict_do_nothing())
    query = select(EmailLog).where(EmailLog.event_id == event_id, EmailLog.recipient == recipient,
                                   EmailLog.template == template)
    if not db.is_sqlite:
        query = query.with_for_update()
    return session.scalar(query)


def _record_transient_failure(event_id: str, recipient: str, template: str, error: str) -> None:
    with db.transaction() as session:
        row = _claim_row(session, event_id, recipient, template)
        row.attempts += 1
        row.last_error = error[:500]


def send_booking_email(event: dict, *, smtp_url: str | None, mail_dir: Path, sender: str) -> str:
    """Send the e-mail an event calls for, at most once in effect. Returns what happened."""
    template = TEMPLATE_BY_EVENT.get(event["event_type"])
    booking = (event.get("payload") or {}).get("after") or {}
    recipient = (booking.get("customer") or {}).get("email")
    if template is None or not recipient:
        return "not_applicable"
    try:
        with db.transaction() as session:
            row = _claim_row(session, event["event_id"], recipient, template)
            if row.status != EmailStatus.PENDING:
                return f"already_{row.status}"
            subject, text, html = render(template, booking)
            message = build_message(sender=sender, recipient=recipient, subject=subject, text=text, html=html,
                                    message_id=row.message_id)
            row.attempts += 1
            try:
                deliver(message, smtp_url=smtp_url, mail_dir=mail_dir)
            except PermanentMailError as exc:
                row.status, row.last_error = EmailStatus.FAILED, str(exc)[:500]
                log.warning("e-mail refused permanently", extra={"template": template})
                return "failed"
            row.status, row.sent_at, row.last_error = EmailStatus.SENT, utcnow(), None
            return "sent"
    except TransientMailError as exc:
        _record_transient_failure(event["event_id"], recipient, template, str(exc))
        raise
