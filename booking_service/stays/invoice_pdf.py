"""An invoice or credit note as a PDF (ReportLab), drawn from the document as issued, once: the
PDF is stored with the invoice, so what the guest downloads later is the file they were sent."""

from __future__ import annotations

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from babel.numbers import format_currency
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

PRICE_LOCALE = "en_GB"
TITLES = {"invoice": "Invoice", "credit_note": "Credit note"}


def _price(money: dict) -> str:
    return format_currency(Decimal(money["amount"]), money["currency"], locale=PRICE_LOCALE)


def render_invoice(document: dict) -> bytes:
    styles = getSampleStyleSheet()
    styles.add(ParagraphStyle("Venue", parent=styles["Title"], alignment=TA_LEFT))
    title = f"{TITLES[document['kind']]} {document['number']:06d}"
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author=document["venue_name"] or document["venue"], leftMargin=18 * mm
    )

    def para(text: str, style: str = "Normal") -> Paragraph:
        return Paragraph(escape(text), styles[style])

    story = [
        para(document["venue_name"] or document["venue"], "Venue"),
        para(document["venue_address"] or ""),
        Spacer(1, 6 * mm),
        para(title, "Heading2"),
        para(f"Issued {document['issued_at'][:10]} for booking {document['booking']}"),
        para(f"Guest: {document['guest']}"),
        para(f"Stay: {document['arrival']} to {document['departure']}, room {document['room'] or '-'}"),
    ]
    if document["credits"] is not None:
        story.append(para(f"Credits invoice {document['credits']:06d}"))
    story.append(Spacer(1, 6 * mm))
    rows = [["Description", "Qty", "Unit", "Amount"]]
    for line in document["lines"]:
        unit = {"amount": line["unit_amount"], "currency": line["amount"]["currency"]}
        rows.append([line["description"], str(line["quantity"]), _price(unit), _price(line["amount"])])
    rows.append(["Total", "", "", _price(document["total"])])
    table = Table(rows, colWidths=[95 * mm, 15 * mm, 30 * mm, 30 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    story.append(table)
    pdf.build(story)
    return buffer.getvalue()
