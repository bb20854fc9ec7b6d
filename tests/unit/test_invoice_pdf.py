"""The invoice PDF (booking_service/stays/invoice_pdf.py) says what the document says."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from booking_service.stays.invoice_pdf import render_invoice

LINES = [
    {
        "description": "Night of 2027-03-10",
        "quantity": 1,
        "unit_amount": "120.00",
        "amount": {"amount": "120.00", "currency": "EUR"},
    },
    {"description": "Tax 6%", "quantity": 1, "unit_amount": "7.2", "amount": {"amount": "7.20", "currency": "EUR"}},
    {
        "description": "Minibar: <Douro> & red",
        "quantity": 2,
        "unit_amount": "18.00",
        "amount": {"amount": "36.00", "currency": "EUR"},
    },
]


def _document(**overrides) -> dict:
    return {
        "kind": "invoice",
        "number": 7,
        "venue": "TheHarbourHotel",
        "venue_name": "The Harbour Hotel",
        "venue_address": "Cais do Sodré 12, Lisboa",
        "booking": "ABC1234",
        "guest": "Inês Sousa",
        "arrival": "2027-03-10",
        "departure": "2027-03-11",
        "room": "101",
        "issued_at": "2027-03-11T10:00:00Z",
        "credits": None,
        "lines": LINES,
        "total": {"amount": "163.20", "currency": "EUR"},
        **overrides,
    }


def _text(document: dict) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(render_invoice(document))).pages)


def test_an_invoice_shows_its_number_guest_lines_and_total():
    text = _text(_document())
    for expected in (
        "The Harbour Hotel",
        "Invoice 000007",
        "Inês Sousa",
        "room 101",
        "Minibar: <Douro> & red",
        "€36.00",
        "€163.20",
    ):
        assert expected in text


@pytest.mark.parametrize("currency, total, shown", [("EUR", "-163.20", "-€163.20"), ("JPY", "-16320", "-JP¥16,320")])
def test_a_credit_note_says_what_it_credits(currency, total, shown):
    text = _text(_document(kind="credit_note", number=9, credits=7, total={"amount": total, "currency": currency}))
    assert "Credit note 000009" in text and "Credits invoice 000007" in text and shown in text
