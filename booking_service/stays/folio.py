"""A stay's folio (docs/stays.md, "Folio and invoice"): the lines it was sold at (nights, guest
supplement, discount, taxes) and the charges posted while the guest is in house, from the venue's
catalogue (minibar, restaurant, extras). A catalogue item with a stock count loses what is
posted, never below zero: the guarded UPDATE decides, so two desks posting the last bottle at
once sell it once. Charges are priced as the catalogue says, taxes included.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from booking_service.bookings.access import BookingAccess
from booking_service.bookings.idempotency import KeyedRequest, Replay, replay_if_stored, store_response
from booking_service.bookings.service import find_booking
from booking_service.bookings.views import response_bytes
from booking_service.errors import (
    BookingNotModifiable,
    CatalogueItemExists,
    CatalogueItemNotFound,
    NotAStay,
    OutOfStock,
)
from booking_service.extensions import db
from booking_service.models import Booking, BookingKind, BookingStatus, CatalogueItem, FolioCharge
from booking_service.stays.pricing import round_money
from booking_service.stays.views import lines_total, money
from shared.clock import iso_utc, utcnow
from shared.db import rows_affected
from shared.errors import ValidationFailed
from shared.money import minor_unit


def item_view(item: CatalogueItem) -> dict:
    return {
        "code": item.code,
        "name": item.name,
        "price": money(item.unit_price, item.currency),
        "stock": item.stock,
        "active": item.active,
    }


def list_items(venue: str) -> dict:
    with db.reading() as session:
        items = session.scalars(select(CatalogueItem).where(CatalogueItem.venue == venue).order_by(CatalogueItem.code))
        return {"items": [item_view(item) for item in items]}


def _exact(amount: Decimal, currency: str) -> Decimal:
    if round_money(amount, currency) != amount:
        raise ValidationFailed(
            details={"price": [f"Too precise for {currency}, whose smallest amount is {minor_unit(currency)}."]}
        )
    return round_money(amount, currency)


def create_item(venue: str, fields: dict) -> dict:
    try:
        with db.transaction() as session:
            item = CatalogueItem(venue=venue, **fields)
            item.unit_price = _exact(item.unit_price, item.currency)
            session.add(item)
            session.flush()
            return item_view(item)
    except IntegrityError:
        raise CatalogueItemExists() from None


def update_item(venue: str, code: str, changes: dict) -> dict:
    """Rename, reprice, restock (a new count) or take off sale; posted charges keep their price."""
    with db.transaction() as session:
        item = _item(session, venue, code)
        for name, value in changes.items():
            setattr(item, name, value)
        item.unit_price = _exact(item.unit_price, item.currency)
        session.flush()
        return item_view(item)


def _item(session, venue: str, code: str) -> CatalogueItem:
    item = session.scalar(select(CatalogueItem).where(CatalogueItem.venue == venue, CatalogueItem.code == code))
    if item is None:
        raise CatalogueItemNotFound()
    return item


def charge_view(charge: FolioCharge) -> dict:
    return {
        "kind": "charge",
        "description": charge.description,
        "night": None,
        "quantity": charge.quantity,
        "unit_amount": format(charge.unit_amount, "f"),
        "amount": money(charge.amount, charge.currency),
        "item": charge.item_code,
        "posted_at": iso_utc(charge.posted_at),
    }


def post_charge(
    reference: str, access: BookingAccess, code: str, quantity: int, *, idempotency_key: str | None = None
) -> tuple[int, bytes]:
    """Post `quantity` of a catalogue item to an in-house guest's folio; the stock goes down with it.
    With an Idempotency-Key, a repeat (a double click, a retry) answers the first post's folio and
    posts nothing: the key is stored in the charge's own transaction."""
    keyed = KeyedRequest.of(
        f"folio.charge:{access.key_scope()}:{reference.upper()}",
        idempotency_key,
        {"item": code, "quantity": quantity, **access.fingerprint()},
    )
    try:
        replay_if_stored(keyed)
        try:
            return 201, _commit_charge(reference, access, code, quantity, keyed)
        except IntegrityError:
            replay_if_stored(keyed)  # a concurrent duplicate with the same key answered first
            raise
    except Replay as replay:
        return replay.status, replay.body


def _commit_charge(
    reference: str, access: BookingAccess, code: str, quantity: int, keyed: KeyedRequest | None
) -> bytes:
    with db.transaction() as session:
        booking = find_booking(session, reference, access)
        if booking.kind != BookingKind.STAY:
            raise NotAStay()
        if booking.status != BookingStatus.CHECKED_IN:
            raise BookingNotModifiable(
                "Charges go on the folio of a guest in house.", details={"status": booking.status}
            )
        item = _item(session, booking.venue, code)
        if not item.active:
            raise CatalogueItemNotFound("That item is not on sale.")
        if item.currency != booking.currency:
            raise ValidationFailed(details={"item": [f"Priced in {item.currency}; the stay is in {booking.currency}."]})
        taken = rows_affected(
            session,
            update(CatalogueItem)
            .where(CatalogueItem.id == item.id, (CatalogueItem.stock.is_(None)) | (CatalogueItem.stock >= quantity))
            .values(stock=CatalogueItem.stock - quantity)
            .execution_options(synchronize_session=False),
        )
        if taken != 1:
            raise OutOfStock(details={"item": code, "stock": item.stock})
        session.add(
            FolioCharge(
                booking_id=booking.id,
                item_code=item.code,
                description=item.name,
                quantity=quantity,
                unit_amount=item.unit_price,
                amount=round_money(item.unit_price * quantity, item.currency),
                currency=item.currency,
                posted_at=utcnow(),
                posted_by=str(access.actor.get("id") or access.actor.get("type")),
            )
        )
        session.flush()
        body = response_bytes(folio_view(session, booking))
        store_response(session, keyed, 201, body)
        return body


def folio_lines(session, booking: Booking) -> list[dict]:
    charges = session.scalars(
        select(FolioCharge).where(FolioCharge.booking_id == booking.id).order_by(FolioCharge.id)
    ).all()
    return [*(booking.price_lines or []), *(charge_view(charge) for charge in charges)]


def folio_view(session, booking: Booking) -> dict:
    lines = folio_lines(session, booking)
    currency = booking.currency or ""
    return {
        "reference": booking.reference,
        "status": booking.status,
        "lines": lines,
        "total": money(lines_total(lines), currency),
    }


def get_folio(reference: str, access: BookingAccess) -> dict:
    with db.reading() as session:
        booking = find_booking(session, reference, access)
        if booking.kind != BookingKind.STAY:
            raise NotAStay()
        return folio_view(session, booking)
