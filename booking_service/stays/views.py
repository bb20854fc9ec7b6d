"""How prices look to API callers and in events: money as a decimal string with its ISO 4217
currency (docs/architecture.md), never a float; a quote as its lines and their total."""

from __future__ import annotations

from decimal import Decimal

from booking_service.stays.pricing import Line, Quote


def money(amount: Decimal, currency: str) -> dict:
    return {"amount": format(amount, "f"), "currency": currency}


def line_view(line: Line, currency: str) -> dict:
    return {
        "kind": line.kind,
        "description": line.description,
        "night": line.night.isoformat() if line.night else None,
        "quantity": line.quantity,
        "unit_amount": format(line.unit_amount, "f"),
        "amount": money(line.amount, currency),
    }


def lines_total(lines: list[dict]) -> Decimal:
    """The sum of lines as the API shows them (a folio's, an invoice's): each already rounded."""
    return sum((Decimal(line["amount"]["amount"]) for line in lines), Decimal(0))


def quote_view(quote: Quote) -> dict:
    return {
        "nightly": [
            {"date": line.night.isoformat(), "price": money(line.amount, quote.currency)}
            for line in quote.lines
            if line.kind == "night" and line.night is not None
        ],
        "lines": [line_view(line, quote.currency) for line in quote.lines],
        "total": money(quote.total, quote.currency),
    }
