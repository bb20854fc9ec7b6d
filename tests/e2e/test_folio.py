"""A stay's folio and invoice through the gateway (docs/stays.md, "Folio and invoice"): the desk
posts charges from the catalogue while the guest is in house, stock never goes below zero, and
check-out issues the invoice (JSON and PDF, e-mailed) whose total is the folio's."""

from __future__ import annotations

import io
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
import requests
from pypdf import PdfReader

from tests.conftest import count_rows, future_date
from tests.e2e.test_booking_flow import _emails_for
from tests.support.availability import HEADERS, AvailabilityApi
from tests.support.processes import wait_until
from tests.support.tenants import staff_token

HOTEL = "folio-hotel"
GUEST = {"first_name": "Ana", "surname": "Reis", "email": "ana@example.com"}


@pytest.fixture(scope="module")
def hotel(system):
    api = AvailabilityApi(system.service_urls["availability"])
    api.create_venue(
        HOTEL, name="Folio Hotel", kind="hotel", timezone="Europe/Lisbon", horizon_days=60, min_notice_minutes=0
    )
    api.add_room_type(HOTEL, "double", rooms=20, max_occupancy=2)
    plan = {"room_type": "double", "code": "flexible", "name": "Flexible", "currency": "EUR"}
    created = requests.post(
        f"{system.service_urls['booking']}/v1/venues/{HOTEL}/rate-plans",
        json={**plan, "weekday_price": "100.00", "weekend_price": "100.00"},
        headers=HEADERS,
        timeout=30,
    )
    assert created.status_code == 201, created.text
    return {"Authorization": f"Bearer {staff_token(system, HOTEL, 'manager')}"}


def _in_house(gateway, staff) -> dict:
    body = {
        "kind": "stay",
        "venue": HOTEL,
        "room_type": "double",
        "arrival": future_date(0),
        "departure": future_date(2),
        "guests": 2,
        "customer": dict(GUEST),
    }
    booking = gateway.post("/api/v1/bookings", json=body).json()
    checked_in = gateway.post(f"/api/v1/bookings/{booking['reference']}/check-in", json={}, headers=staff)
    assert checked_in.status_code == 200, checked_in.text
    return booking


def _item(gateway, staff, code: str, price: str, stock: int | None):
    body = {"code": code, "name": code.replace("-", " ").title(), "price": price, "currency": "EUR", "stock": stock}
    created = gateway.post(f"/api/v1/venues/{HOTEL}/stays/catalogue", json=body, headers=staff)
    assert created.status_code == 201, created.text
    return created.json()


def _post(gateway, staff, reference: str, item: str, quantity):
    return gateway.post(
        f"/api/v1/bookings/{reference}/charges", json={"item": item, "quantity": quantity}, headers=staff
    )


def test_charges_go_on_the_folio_and_stock_never_goes_below_zero(gateway, hotel):
    _item(gateway, hotel, "sparkling-water", "3.50", stock=3)
    stay = _in_house(gateway, hotel)
    folio = _post(gateway, hotel, stay["reference"], "sparkling-water", 2)
    assert folio.status_code == 201, folio.text
    charge = folio.json()["lines"][-1]
    assert (charge["kind"], charge["quantity"], charge["amount"]["amount"]) == ("charge", 2, "7.00")
    assert folio.json()["total"]["amount"] == str(Decimal(stay["total"]["amount"]) + Decimal("7.00"))
    refused = _post(gateway, hotel, stay["reference"], "sparkling-water", 2)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "out_of_stock")
    # Two desks selling the last bottle at once sell it once.
    other = _in_house(gateway, hotel)
    barrier = threading.Barrier(2)

    def sell(reference: str):
        barrier.wait()
        return requests.post(
            f"{gateway.base_url}/api/v1/bookings/{reference}/charges",
            json={"item": "sparkling-water", "quantity": 1},
            headers=hotel,
            timeout=30,
        ).status_code

    with ThreadPoolExecutor(max_workers=2) as pool:
        assert sorted(pool.map(sell, (stay["reference"], other["reference"]))) == [201, 409]
    items = gateway.get(f"/api/v1/venues/{HOTEL}/stays/catalogue", headers=hotel).json()["items"]
    assert next(item for item in items if item["code"] == "sparkling-water")["stock"] == 0


def test_a_charge_repeated_with_its_idempotency_key_is_posted_once(system, gateway, hotel):
    _item(gateway, hotel, "espresso", "2.20", stock=10)
    stay = _in_house(gateway, hotel)
    keyed = {**hotel, "Idempotency-Key": "espresso-room-12"}
    barrier = threading.Barrier(3)

    def post():
        barrier.wait()
        return requests.post(
            f"{gateway.base_url}/api/v1/bookings/{stay['reference']}/charges",
            json={"item": "espresso", "quantity": 2},
            headers=keyed,
            timeout=30,
        )

    with ThreadPoolExecutor(max_workers=3) as pool:  # a double click and a retry, all at once
        answers = list(pool.map(lambda _: post(), range(3)))
    assert {(answer.status_code, answer.content) for answer in answers} == {(201, answers[0].content)}
    espressos = [line for line in answers[0].json()["lines"] if line.get("item") == "espresso"]
    assert [line["quantity"] for line in espressos] == [2]
    items = gateway.get(f"/api/v1/venues/{HOTEL}/stays/catalogue", headers=hotel).json()["items"]
    assert next(item for item in items if item["code"] == "espresso")["stock"] == 8
    charges = count_rows(system, "booking", "folio_charges")
    other = gateway.post(
        f"/api/v1/bookings/{stay['reference']}/charges", json={"item": "espresso", "quantity": 3}, headers=keyed
    )
    assert (other.status_code, other.json()["error"]["code"]) == (422, "idempotency_key_reused")
    assert count_rows(system, "booking", "folio_charges") == charges
    fresh = gateway.post(
        f"/api/v1/bookings/{stay['reference']}/charges",
        json={"item": "espresso", "quantity": 2},
        headers={**hotel, "Idempotency-Key": "espresso-room-12-second-round"},
    )
    assert fresh.status_code == 201 and fresh.content != answers[0].content


@pytest.mark.parametrize("quantity", [0, -1, 10**9, "2", 1.5, None])
def test_a_charge_of_a_bad_quantity_is_refused_and_posts_nothing(system, gateway, hotel, quantity):
    if not any(
        i["code"] == "dinner"
        for i in gateway.get(f"/api/v1/venues/{HOTEL}/stays/catalogue", headers=hotel).json()["items"]
    ):
        _item(gateway, hotel, "dinner", "45.00", stock=None)
    stay = _in_house(gateway, hotel)
    charges = count_rows(system, "booking", "folio_charges")
    refused = _post(gateway, hotel, stay["reference"], "dinner", quantity)
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "validation_failed")
    assert count_rows(system, "booking", "folio_charges") == charges


def test_charges_need_a_guest_in_house_and_a_known_item(gateway, hotel):
    _item(gateway, hotel, "late-checkout", "25.00", stock=None)
    stay = _in_house(gateway, hotel)
    unknown = _post(gateway, hotel, stay["reference"], "helicopter", 1)
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "catalogue_item_not_found")
    booked = gateway.post(
        "/api/v1/bookings",
        json={
            "kind": "stay",
            "venue": HOTEL,
            "room_type": "double",
            "arrival": future_date(10),
            "departure": future_date(11),
            "guests": 1,
            "customer": dict(GUEST),
        },
    ).json()
    not_in = _post(gateway, hotel, booked["reference"], "late-checkout", 1)
    assert (not_in.status_code, not_in.json()["error"]["code"]) == (409, "booking_not_modifiable")


def test_check_out_issues_the_invoice_of_the_folio_as_json_and_pdf_and_e_mails_it(system, gateway, hotel):
    _item(gateway, hotel, "minibar-wine", "18.00", stock=10)
    stay = _in_house(gateway, hotel)
    folio = _post(gateway, hotel, stay["reference"], "minibar-wine", 1).json()
    gateway.post(f"/api/v1/bookings/{stay['reference']}/check-out", headers=hotel)
    invoice = gateway.get(f"/api/v1/bookings/{stay['reference']}/invoice", headers=hotel).json()
    assert (invoice["kind"], invoice["total"], invoice["lines"]) == ("invoice", folio["total"], folio["lines"])
    assert invoice["booking"] == stay["reference"] and invoice["guest"] == "Ana Reis"
    own = gateway.get(f"/api/v1/bookings/{stay['reference']}/invoice", params={"email": GUEST["email"]})
    assert own.json() == invoice  # the guest reads their invoice too
    pdf = gateway.get(f"/api/v1/bookings/{stay['reference']}/invoice.pdf", headers=hotel)
    assert (pdf.status_code, pdf.headers["Content-Type"]) == (200, "application/pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert f"Invoice {invoice['number']:06d}" in text and "Minibar Wine" in text
    assert f"€{invoice['total']['amount']}" in text

    def invoice_mail():
        return [m for m in _emails_for(system, stay["reference"]) if "invoice" in m["Subject"].lower()]

    mail = wait_until(invoice_mail, 15, message="the check-out e-mail")[0]
    attached = next(part for part in mail.iter_attachments() if part.get_content_type() == "application/pdf")
    assert attached.get_content() == pdf.content


def test_a_credit_note_corrects_an_invoice_which_stays_as_issued(gateway, hotel):
    stay = _in_house(gateway, hotel)
    gateway.post(f"/api/v1/bookings/{stay['reference']}/check-out", headers=hotel)
    invoice = gateway.get(f"/api/v1/bookings/{stay['reference']}/invoice", headers=hotel).json()
    credit = gateway.post(f"/api/v1/bookings/{stay['reference']}/invoice/credit-note", headers=hotel)
    assert credit.status_code == 201, credit.text
    note = credit.json()
    assert (note["kind"], note["credits"], note["number"] > invoice["number"]) == (
        "credit_note",
        invoice["number"],
        True,
    )
    assert Decimal(note["total"]["amount"]) == -Decimal(invoice["total"]["amount"])
    again = gateway.post(f"/api/v1/bookings/{stay['reference']}/invoice/credit-note", headers=hotel)
    assert again.json() == note
    assert gateway.get(f"/api/v1/bookings/{stay['reference']}/invoice", headers=hotel).json() == invoice
