"""Booking e-mails: which event gets which template, what the message holds, and the guarded,
exactly-once send.

The e-mail log row for (event, recipient, template) guards the send. It is claimed and locked
in one transaction, which commits "sent" (with the handler's processed-event record) at the
point of no return of the delivery (mailer.py), so a redelivered or duplicated event finds it
sent and skips. A failure before that point records the attempt; a refusal after it (the
server's reply to the end of DATA) undoes the "sent".
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlencode

from babel.numbers import format_currency
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy import select, text

from notification_service.calendar_invite import booking_invite
from notification_service.consumers import first_time, forget
from notification_service.extensions import db
from notification_service.mailer import PermanentMailError, TransientMailError, build_message, deliver
from notification_service.models import EmailLog, EmailStatus
from shared.clock import parse_iso_utc, utc_to_local, utcnow
from shared.db import insert_ignoring_conflicts
from shared.identity import sign_booking_link, sign_offer_link

log = logging.getLogger(__name__)

HANDLER = "email"
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
    "booking.checked_out": "booking_checked_out",
    "waitlist.joined": "waitlist_joined",
    "waitlist.offered": "waitlist_offered",
}
WAITLIST_TEMPLATES = frozenset({"waitlist_joined", "waitlist_offered"})  # a waitlist entry's, not a booking's
SUBJECTS = {
    "booking_created": "Your booking at {venue_name} is confirmed ({reference})",
    "booking_updated": "Your booking at {venue_name} has changed ({reference})",
    "booking_cancelled": "Your booking at {venue_name} is cancelled ({reference})",
    "booking_reminder": "See you soon at {venue_name} ({reference})",
    "booking_checked_out": "Your invoice from {venue_name} ({reference})",
    "waitlist_joined": "You are on the waitlist for {resource_name} at {venue_name}",
    "waitlist_offered": "{resource_name} is free at {venue_name}: it is held for you",
}
MESSAGE_ID_DOMAIN = "tessera.local"
PRICE_LOCALE = "en_GB"  # the e-mails are in English; a venue's own locale is not modelled yet


LINK_VALID_AFTER_VISIT = timedelta(days=7)
MIN_LINK_LIFETIME = timedelta(days=1)


@dataclass(frozen=True)
class MailSettings:
    smtp_url: str | None
    mail_dir: Path
    sender: str
    public_url: str  # where customers reach the gateway, for the link in every e-mail
    link_key: str  # IDENTITY_SIGNING_KEY: the gateway checks the links with it


def manage_url(booking: dict, mail: MailSettings) -> str:
    """The customer's signed link to their booking's page in the web app, valid until a week
    after the visit; the page reads, moves and cancels it through the API with the same token."""
    valid_until = parse_iso_utc(booking["ends_at"]) + LINK_VALID_AFTER_VISIT
    lifetime = max(valid_until - utcnow(), MIN_LINK_LIFETIME)
    token = sign_booking_link(booking["reference"], mail.link_key, int(lifetime.total_seconds()))
    return f"{mail.public_url.rstrip('/')}/bookings/{booking['reference']}?{urlencode({'token': token})}"


def offer_url(entry: dict, mail: MailSettings) -> str:
    """The signed link to a waitlist entry's page in the web app: there the person takes or declines
    its offer, or leaves the list. It opens that entry only and lasts until the time waited for ends,
    so a link opened after its offer passed or was taken can still say so; whether there is an offer
    to take is the entry's status, checked by the booking service."""
    lifetime = max(parse_iso_utc(entry["ends_at"]) - utcnow(), timedelta(minutes=1))
    token = sign_offer_link(entry["id"], mail.link_key, int(lifetime.total_seconds()))
    return f"{mail.public_url.rstrip('/')}/waitlist/{entry['id']}?{urlencode({'token': token})}"


def message_id_for(event_id: str, template: str) -> str:
    """Stable for the event, so a resend is recognisably the same message; short enough that
    the header is never folded (a folded Message-ID is read back with a leading space)."""
    return f"<{event_id}.{template.removeprefix('booking_')}@{MESSAGE_ID_DOMAIN}>"


def local_when(booking: dict) -> str:
    """The visit's start as the guest's clock at the venue shows it, e.g. `Sunday 28 March 2027, 01:30 BST`."""
    return utc_to_local(parse_iso_utc(booking["starts_at"]), booking["timezone"]).strftime("%A %d %B %Y, %H:%M %Z")


def stay_dates(booking: dict) -> dict | None:
    """A stay's arrival and departure as a guest reads them, e.g. `Wednesday 10 March 2027`."""
    stay = booking.get("stay")
    if not stay:
        return None
    return {name: date.fromisoformat(stay[name]).strftime("%A %d %B %Y") for name in ("arrival", "departure")}


def reservation_lines(booking: dict) -> dict | None:
    """A reservation's first occurrence (`Monday 04 January 2027, 10:00-12:00 EST`), how many there
    are and the last one's date, and the occurrences of a series that could not be booked."""
    reservation = booking.get("reservation")
    if not reservation or not reservation.get("occurrences"):
        return None
    zone = booking["timezone"]
    occurrences = reservation["occurrences"]
    first_start = utc_to_local(parse_iso_utc(occurrences[0]["starts_at"]), zone)
    first_end = utc_to_local(parse_iso_utc(occurrences[0]["ends_at"]), zone)
    last = utc_to_local(parse_iso_utc(occurrences[-1]["starts_at"]), zone)
    conflicts = [
        f"{datetime.fromisoformat(c['start']):%a %d %b %Y %H:%M} ({c.get('message') or c['reason']})"
        for c in reservation.get("conflicts") or []
    ]
    return {
        "first": f"{first_start:%A %d %B %Y, %H:%M}-{first_end:%H:%M %Z}",
        "count": len(occurrences),
        "last": f"{last:%A %d %B %Y}",
        "conflicts": conflicts,
    }


def price(money: dict | None) -> str | None:
    """`{"amount": "437.40", "currency": "EUR"}` as `€437.40`."""
    if not money:
        return None
    return format_currency(Decimal(money["amount"]), money["currency"], locale=PRICE_LOCALE)


def _attachments(template: str, booking: dict, invoice: dict | None) -> tuple[tuple[str, str, bytes], ...]:
    """A check-out's invoice as issued (its PDF came with the event); else the calendar entry (none
    for a waitlist offer: nothing is booked yet)."""
    if template in WAITLIST_TEMPLATES:
        return ()
    if invoice is not None:
        return ((f"invoice-{invoice['number']:06d}.pdf", "application/pdf", base64.b64decode(invoice["pdf_base64"])),)
    invite = booking_invite(booking, cancelled=template == "booking_cancelled", stamp=utcnow())
    return ((f"booking-{booking['reference']}.ics", "text/calendar", invite),)


def compose(
    template: str,
    booking: dict,
    *,
    sender: str,
    recipient: str,
    message_id: str,
    manage_url: str,
    invoice: dict | None = None,
) -> EmailMessage:
    context: dict[str, object]
    if template in WAITLIST_TEMPLATES:
        context = {"w": booking, "local_when": local_when(booking), "manage_url": manage_url}
        until = booking.get("offer_expires_at")
        context["offer_until"] = (
            utc_to_local(parse_iso_utc(until), booking["timezone"]).strftime("%A %d %B %Y, %H:%M %Z") if until else ""
        )
        subject = SUBJECTS[template].format(
            resource_name=booking["resource"]["name"], venue_name=booking.get("venue_name") or booking["venue"]
        )
    else:
        context = {
            "b": booking,
            "local_when": local_when(booking),
            "stay_dates": stay_dates(booking),
            "reservation": reservation_lines(booking),
            "total": price(booking.get("total")),
            "invoice": invoice,
            "invoice_total": price(invoice["total"]) if invoice else None,
            "manage_url": manage_url,
        }
        subject = SUBJECTS[template].format(**booking)
    return build_message(
        sender=sender,
        recipient=recipient,
        subject=subject,
        text=TEMPLATES.get_template(f"{template}.txt").render(context),
        html=TEMPLATES.get_template(f"{template}.html").render(context),
        message_id=message_id,
        attachments=_attachments(template, booking, invoice),
    )


def _locked_row(session, event_id: str, recipient: str, template: str) -> EmailLog:
    insert_ignoring_conflicts(
        session,
        EmailLog,
        {
            "event_id": event_id,
            "recipient": recipient,
            "template": template,
            "message_id": message_id_for(event_id, template),
            "status": EmailStatus.PENDING,
            "attempts": 0,
        },
    )
    query = select(EmailLog).where(
        EmailLog.event_id == event_id, EmailLog.recipient == recipient, EmailLog.template == template
    )
    return session.scalar(query if db.is_sqlite else query.with_for_update())


def _record_failure(event_id: str, recipient: str, template: str, error: Exception, *, attempt_committed: bool) -> None:
    """A failed attempt: failed for good when permanent, pending again when transient."""
    with db.transaction() as session:
        row = _locked_row(session, event_id, recipient, template)
        if not attempt_committed:
            row.attempts += 1
        row.last_error, row.sent_at = str(error)[:500], None
        if isinstance(error, PermanentMailError):
            row.status = EmailStatus.FAILED
            first_time(session, event_id, HANDLER)  # final; already written if "sent" was committed
        else:
            row.status = EmailStatus.PENDING
            forget(session, event_id, HANDLER)  # undoes a committed "sent" the server then refused


def send_booking_email(event: dict, mail: MailSettings) -> str:
    """Send the e-mail an event calls for, at most once in effect. Returns what happened."""
    template = TEMPLATE_BY_EVENT.get(event["event_type"])
    booking = (event.get("payload") or {}).get("after") or {}
    recipient = (booking.get("customer") or {}).get("email")
    if template is None:
        return "not_applicable"
    if not recipient:
        # Staff and integrations may book a guest who gave no e-mail: there is nobody to write
        # to, now or on a retry, so the handler is done with this event.
        with db.transaction() as session:
            first_time(session, event["event_id"], HANDLER)
        log.info("booking has no e-mail address; e-mail skipped", extra={"template": template})
        return "skipped_no_address"
    event_id = event["event_id"]
    committed = False
    try:
        with db.session() as session:
            if not db.is_sqlite:
                # The commit below is the point of no return; acknowledged without waiting for the
                # WAL flush, it leaves the least time for a kill between it and the final dot. A
                # PostgreSQL crash in that instant can at worst resend (same Message-ID).
                session.execute(text("SET LOCAL synchronous_commit TO OFF"))
            row = _locked_row(session, event_id, recipient, template)
            if row.status != EmailStatus.PENDING:
                return f"already_{row.status}"
            message = compose(
                template,
                booking,
                sender=mail.sender,
                recipient=recipient,
                message_id=row.message_id,
                manage_url=offer_url(booking, mail) if template in WAITLIST_TEMPLATES else manage_url(booking, mail),
                invoice=(event.get("payload") or {}).get("invoice"),
            )

            def commit_sent() -> None:
                nonlocal committed
                row.attempts += 1
                row.status, row.sent_at, row.last_error = EmailStatus.SENT, utcnow(), None
                first_time(session, event_id, HANDLER)
                session.commit()
                committed = True

            deliver(message, smtp_url=mail.smtp_url, mail_dir=mail.mail_dir, commit=commit_sent)
            return "sent"
    except (PermanentMailError, TransientMailError) as exc:
        _record_failure(event_id, recipient, template, exc, attempt_committed=committed)
        if isinstance(exc, TransientMailError):
            raise
        log.warning("e-mail refused permanently", extra={"template": template, "error": str(exc)[:200]})
        return "failed"
