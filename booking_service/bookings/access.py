"""Whose bookings a request may reach, and what it may do with them.

A customer names the e-mail the booking was made with, or follows the signed link from their
e-mail (which opens that one booking); staff and API keys reach the bookings of their venues,
as far as their role or scopes allow; the platform itself reaches every booking. A booking
outside the caller's reach is not found, never "forbidden", so nobody learns that a reference
exists; one inside their venues that their role does not allow is a 403.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from marshmallow import ValidationError
from sqlalchemy import Select, func

from booking_service.bookings.schemas import SelfServiceCustomerSchema
from booking_service.models import Booking, BookingKind
from shared.errors import ValidationFailed
from shared.identity import BOOKINGS_WRITE, CUSTOMERS_WRITE, Caller
from shared.service_auth import NotPermitted, authorize, current_caller

CUSTOMER_ACTOR = {"type": "customer"}


@dataclass(frozen=True)
class BookingAccess:
    actor: dict
    email: str | None = None
    reference: str | None = None
    staff: Caller | None = None
    permission: str | None = None

    def restrict(self, query: Select) -> Select:
        if self.email is not None:
            query = query.where(func.lower(Booking.contact_email) == self.email.strip().lower())
        if self.reference is not None:
            query = query.where(Booking.reference == self.reference)
        if self.staff is not None and not self.staff.admin:
            query = query.where(Booking.venue.in_(sorted(self.staff.grants)))
        return query

    def authorize(self, booking: Booking) -> None:
        if self.staff is not None and self.permission and not self.staff.may(booking.venue, self.permission):
            raise NotPermitted()

    @property
    def at_the_venue(self) -> bool:
        """Staff move a booking for a guest in front of them: no notice needed (Creator.at_the_venue)."""
        return self.staff is not None and self.staff.kind in ("staff", "platform")

    def key_scope(self) -> str:
        """Whose namespace an Idempotency-Key lives in (the booking's reference goes beside it)."""
        return self.staff.key_scope() if self.staff is not None else "customer"

    def fingerprint(self) -> dict:
        """What an idempotency key's stored answer is bound to besides the body."""
        return {
            "email": self.email,
            "reference": self.reference,
            "staff": None if self.staff is None else self.staff.subject,
        }


def booking_access(email: str | None, permission: str) -> BookingAccess:
    """The current request's access to one booking, for an action that needs `permission`."""
    caller = current_caller()
    if caller is None:
        if email is None:
            raise ValidationFailed(details={"email": ["Give the e-mail the booking was made with."]})
        return BookingAccess(actor=CUSTOMER_ACTOR, email=email)
    if caller.kind == "customer":
        return BookingAccess(actor=CUSTOMER_ACTOR, reference=caller.subject)
    return BookingAccess(actor=caller.actor(), staff=caller, permission=permission)


@dataclass(frozen=True)
class Creator:
    """Who creates a booking, and what that lets the booking do."""

    actor: dict  # how the audit log names them
    updates_customer: bool  # may bring a returning customer's stored details up to date
    key_scope: str  # whose namespace an Idempotency-Key lives in
    at_the_venue: bool = False  # staff: may book a guest without notice, into a slot that has started


def _anonymous_key_scope(customer: dict) -> str:
    """A customer's keys live in a namespace of their e-mail's, so one client's key can never
    block another client's request (they would need the other's address and key)."""
    email = customer["email"].strip().lower()
    return "customer:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def booking_creator(body: dict) -> Creator:
    """Anyone may book; staff and API keys only at their venues. Only they (and the platform)
    may book a guest without the details a customer booking for themselves must give
    (SelfServiceCustomerSchema), and only staff, the platform and API keys with
    `customers:write` may change what a venue knows about a returning customer. A staff member
    may reserve a resource for themselves without naming a customer: their login's e-mail is."""
    caller = current_caller()
    if "customer" not in body:
        # Only a staff member reserving a resource may leave the customer out: it is for them.
        if body.get("kind") != BookingKind.RESERVATION or caller is None or caller.kind != "staff":
            raise ValidationFailed(details={"customer": ["Missing data for required field."]})
        body["customer"] = {"email": caller.name} if caller.name and "@" in caller.name else {}
    if caller is not None and caller.kind in ("staff", "api_key"):
        authorize(caller, body["venue"], BOOKINGS_WRITE)
        staff = caller.kind == "staff"
        return Creator(
            caller.actor(), staff or caller.may(body["venue"], CUSTOMERS_WRITE), caller.key_scope(), at_the_venue=staff
        )
    if caller is not None and caller.kind == "platform":
        return Creator(caller.actor(), True, caller.key_scope(), at_the_venue=True)
    try:
        body["customer"] = SelfServiceCustomerSchema().load(body["customer"])
    except ValidationError as exc:
        raise ValidationFailed(details={"customer": exc.messages}) from None
    return Creator(CUSTOMER_ACTOR, False, _anonymous_key_scope(body["customer"]))
