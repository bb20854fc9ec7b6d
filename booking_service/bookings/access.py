"""Whose bookings a request may reach, and what it may do with them.

A customer names the e-mail the booking was made with, or follows the signed link from their
e-mail (which opens that one booking); staff and API keys reach the bookings of their venues,
as far as their role or scopes allow; the platform itself reaches every booking. A booking
outside the caller's reach is not found, never "forbidden", so nobody learns that a reference
exists; one inside their venues that their role does not allow is a 403.
"""
from __future__ import annotations

from dataclasses import dataclass

from marshmallow import ValidationError
from sqlalchemy import Select, func

from booking_service.bookings.schemas import SelfServiceCustomerSchema
from booking_service.models import Booking, Customer
from shared.errors import ValidationFailed
from shared.identity import BOOKINGS_WRITE, Caller
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
            query = query.join(Booking.customer).where(func.lower(Customer.email) == self.email.strip().lower())
        if self.reference is not None:
            query = query.where(Booking.reference == self.reference)
        if self.staff is not None and not self.staff.admin:
            query = query.where(Booking.venue.in_(sorted(self.staff.grants)))
        return query

    def authorize(self, booking: Booking) -> None:
        if self.staff is not None and self.permission and not self.staff.may(booking.venue, self.permission):
            raise NotPermitted()

    def fingerprint(self) -> dict:
        """What an idempotency key's stored answer is bound to besides the body."""
        return {"email": self.email, "reference": self.reference,
                "staff": None if self.staff is None else self.staff.subject}


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


def creator_actor(body: dict) -> dict:
    """Who creates a booking, as the audit log names them. Anyone may book; staff and API keys
    only at their venues. Only they (and the platform) may book a guest without the details a
    customer booking for themselves must give (SelfServiceCustomerSchema)."""
    caller = current_caller()
    if caller is not None and caller.kind in ("staff", "api_key"):
        authorize(caller, body["venue"], BOOKINGS_WRITE)
        return caller.actor()
    if caller is None or caller.kind == "customer":
        try:
            body["customer"] = SelfServiceCustomerSchema().load(body["customer"])
        except ValidationError as exc:
            raise ValidationFailed(details={"customer": exc.messages}) from None
    return CUSTOMER_ACTOR
