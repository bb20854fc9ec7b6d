"""Invoices (docs/stays.md, "Folio and invoice"): issued once, at check-out, from the folio; then
never changed. A correction is a credit note: a document of its own with the next number, the
invoice's lines negated.

Numbers run per venue from 1 with no gap and no duplicate, whatever runs at once: the number is
taken by incrementing the venue's counter row in the transaction that inserts the document, so
concurrent check-outs queue on that row (PostgreSQL's row lock; SQLite's single writer), and a
transaction that fails takes its number back with it. The database refuses any UPDATE or DELETE
of an invoice (a trigger, migration 0012), so not even a bug here can rewrite one.
"""

from __future__ import annotations

import base64
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from booking_service.bookings.access import BookingAccess
from booking_service.bookings.service import find_booking
from booking_service.errors import InvoiceNotFound, NotAStay
from booking_service.extensions import db
from booking_service.models import Booking, BookingKind, Invoice, InvoiceCounter
from booking_service.stays.folio import folio_lines
from booking_service.stays.invoice_pdf import render_invoice
from booking_service.stays.views import lines_total, money
from shared.clock import iso_utc, utcnow
from shared.db import insert_ignoring_conflicts

INVOICE, CREDIT_NOTE = "invoice", "credit_note"


def _next_number(session: Session, venue: str) -> int:
    insert_ignoring_conflicts(session, InvoiceCounter, {"venue": venue, "last_number": 0}, index_elements=["venue"])
    session.execute(
        update(InvoiceCounter)
        .where(InvoiceCounter.venue == venue)
        .values(last_number=InvoiceCounter.last_number + 1)
        .execution_options(synchronize_session=False)
    )
    return session.scalars(select(InvoiceCounter.last_number).where(InvoiceCounter.venue == venue)).one()


def _guest(booking: Booking) -> str:
    return " ".join(part for part in (booking.contact_first_name, booking.contact_surname) if part) or "Guest"


def _document(booking: Booking, kind: str, number: int, lines: list[dict], credits: int | None) -> dict:
    currency = booking.currency or ""
    total = lines_total(lines)
    return {
        "kind": kind,
        "number": number,
        "venue": booking.venue,
        "venue_name": booking.venue_name,
        "venue_address": booking.venue_address,
        "booking": booking.reference,
        "guest": _guest(booking),
        "arrival": booking.local_date.isoformat(),
        "departure": booking.departure_date.isoformat() if booking.departure_date else None,
        "room": booking.assigned_room,
        "lines": lines,
        "total": money(total, currency),
        "credits": credits,
    }


def _issue(session: Session, booking: Booking, kind: str, lines: list[dict], credits: Invoice | None) -> Invoice:
    number = _next_number(session, booking.venue)
    issued_at = utcnow()
    document = _document(booking, kind, number, lines, credits.number if credits else None)
    document["issued_at"] = iso_utc(issued_at)
    invoice = Invoice(
        venue=booking.venue,
        number=number,
        kind=kind,
        booking_id=booking.id,
        credits_invoice_id=credits.id if credits else None,
        issued_at=issued_at,
        currency=booking.currency or "",
        total=Decimal(document["total"]["amount"]),
        document=document,
        pdf=render_invoice(document),
    )
    session.add(invoice)
    session.flush()
    return invoice


def invoice_summary(invoice: Invoice) -> dict:
    """What an event carries of an invoice, the PDF included, so the e-mail needs no call back."""
    return {
        "kind": invoice.kind,
        "number": invoice.number,
        "total": invoice.document["total"],
        "pdf_base64": base64.b64encode(invoice.pdf).decode(),
    }


def issue_invoice(session: Session, booking: Booking) -> Invoice:
    """The stay's invoice from its folio, in the check-out's own transaction; once."""
    existing = session.scalar(select(Invoice).where(Invoice.booking_id == booking.id, Invoice.kind == INVOICE))
    if existing is not None:
        return existing
    return _issue(session, booking, INVOICE, folio_lines(session, booking), None)


def _negated(line: dict) -> dict:
    amount = line["amount"]
    return {
        **line,
        "quantity": -line["quantity"],
        "amount": {**amount, "amount": format(-Decimal(amount["amount"]), "f")},
    }


def credit_invoice(reference: str, access: BookingAccess) -> dict:
    """A credit note for the stay's invoice (its lines negated), once; the invoice stays as issued."""
    with db.transaction() as session:
        booking, invoice = _invoice_of(session, reference, access)
        credit = session.scalar(select(Invoice).where(Invoice.credits_invoice_id == invoice.id))
        if credit is None:
            credit = _issue(
                session, booking, CREDIT_NOTE, [_negated(line) for line in invoice.document["lines"]], invoice
            )
        return credit.document


def _invoice_of(session: Session, reference: str, access: BookingAccess) -> tuple[Booking, Invoice]:
    booking = find_booking(session, reference, access)
    if booking.kind != BookingKind.STAY:
        raise NotAStay()
    invoice = session.scalar(select(Invoice).where(Invoice.booking_id == booking.id, Invoice.kind == INVOICE))
    if invoice is None:
        raise InvoiceNotFound()
    return booking, invoice


def get_invoice(reference: str, access: BookingAccess) -> dict:
    with db.reading() as session:
        return _invoice_of(session, reference, access)[1].document


def get_invoice_pdf(reference: str, access: BookingAccess) -> tuple[str, bytes]:
    """The file name and the PDF as issued."""
    with db.reading() as session:
        invoice = _invoice_of(session, reference, access)[1]
        return f"invoice-{invoice.venue}-{invoice.number:06d}.pdf", invoice.pdf
