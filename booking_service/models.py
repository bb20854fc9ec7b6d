"""The booking service's tables: customers, bookings, cancellation reasons, idempotency keys, outbox,
the rate plans and taxes stays are priced by, and a stay's folio and invoices."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.db import Base as SharedBase
from shared.db_types import ExactDecimal


def _uuid() -> str:
    return str(uuid.uuid4())


class Base(SharedBase):
    __abstract__ = True


class Customer(Base):
    """A guest of one venue, identified by e-mail within that venue. Staff and integrations may
    book a guest who gave no e-mail: such a customer has a row of their own per booking.

    Its details are what the customer first gave, kept up to date only by staff and by API keys
    with `customers:write`; each booking keeps its own copy of what its request gave."""

    __tablename__ = "customers"
    __table_args__ = (UniqueConstraint("venue", "email", name="uq_customers_venue_email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    venue: Mapped[str] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(254))
    title: Mapped[str | None] = mapped_column(String(20))
    first_name: Mapped[str | None] = mapped_column(String(100))
    surname: Mapped[str | None] = mapped_column(String(100))
    mobile: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    mobile_country_code: Mapped[str | None] = mapped_column(String(8))
    phone_country_code: Mapped[str | None] = mapped_column(String(8))
    # Marketing consents: from Tessera's venues in general, and from this venue.
    marketing_email: Mapped[bool] = mapped_column(Boolean, default=False)
    marketing_sms: Mapped[bool] = mapped_column(Boolean, default=False)
    venue_marketing_email: Mapped[bool] = mapped_column(Boolean, default=False)
    venue_marketing_sms: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class CancellationReason(Base):
    __tablename__ = "cancellation_reasons"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    reason: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(300))
    customer_may_choose: Mapped[bool] = mapped_column(Boolean, default=False)  # else staff and integrations only


class BookingStatus:
    PENDING = "pending"
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"  # a stay's guest is in house
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    NO_SHOW = "no_show"
    EXPIRED = "expired"
    ALL = (PENDING, CONFIRMED, CHECKED_IN, CANCELLED, COMPLETED, NO_SHOW, EXPIRED)
    OPEN = (PENDING, CONFIRMED)  # may still be changed, cancelled or attended


class BookingKind:
    SLOT = "slot"
    STAY = "stay"
    APPOINTMENT = "appointment"
    RESERVATION = "reservation"
    ALL = (SLOT, STAY, APPOINTMENT, RESERVATION)


class Booking(Base):
    """A booking of a slot (a table) or a stay (a room type for some nights, docs/stays.md).

    A stay's `local_date` is its arrival, `departure_date` the morning it ends, `party_size` its
    guests; it keeps the price it was sold at: its lines and their total, in `currency`.
    """

    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("party_size > 0", name="ck_bookings_party_size_positive"),
        CheckConstraint(
            "kind <> 'stay' OR (departure_date > local_date AND room_type IS NOT NULL AND rate_plan IS NOT NULL "
            "AND currency IS NOT NULL AND total_amount IS NOT NULL AND price_lines IS NOT NULL)",
            name="ck_bookings_stay_has_its_fields",
        ),
        Index("ix_bookings_venue_local_date", "venue", "local_date"),
        Index("ix_bookings_updated_at", "updated_at"),  # the reconciliation job's recent bookings
        Index("ix_bookings_kind_status_ends_at", "kind", "status", "ends_at"),  # past reservations to complete
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=_uuid)
    reference: Mapped[str] = mapped_column(String(7), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default=BookingKind.SLOT, server_default=BookingKind.SLOT)
    venue: Mapped[str] = mapped_column(String(64))
    # As the availability service named them when the booking was made, for e-mails and events.
    venue_name: Mapped[str | None] = mapped_column(String(200))
    venue_address: Mapped[str | None] = mapped_column(String(500))
    timezone: Mapped[str | None] = mapped_column(String(64))
    hold_id: Mapped[str] = mapped_column(String(36), unique=True)
    # The venue's customer this booking counts towards (their history); matched by e-mail.
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    # Who booked, as this booking's request gave it: what staff, e-mails and the answer show.
    contact_title: Mapped[str | None] = mapped_column(String(20))
    contact_first_name: Mapped[str | None] = mapped_column(String(100))
    contact_surname: Mapped[str | None] = mapped_column(String(100))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_mobile: Mapped[str | None] = mapped_column(String(40))
    contact_mobile_country_code: Mapped[str | None] = mapped_column(String(8))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_phone_country_code: Mapped[str | None] = mapped_column(String(8))
    contact_marketing_email: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_marketing_sms: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_venue_marketing_email: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_venue_marketing_sms: Mapped[bool] = mapped_column(Boolean, default=False)
    starts_at: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    ends_at: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    local_date: Mapped[date] = mapped_column(Date)
    local_time: Mapped[time] = mapped_column(Time)
    party_size: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(32), default="api")
    special_requests: Mapped[str | None] = mapped_column(Text)
    room_number: Mapped[str | None] = mapped_column(String(20))  # a hotel guest's, to charge the meal to the room
    # The guest agreed to leave the table when the venue needs it back.
    is_leave_time_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default=BookingStatus.CONFIRMED)
    cancellation_reason_id: Mapped[int | None] = mapped_column(ForeignKey("cancellation_reasons.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # A stay's: the rest is null on a slot booking.
    departure_date: Mapped[date | None] = mapped_column(Date)
    room_type: Mapped[str | None] = mapped_column(String(64))
    room_type_name: Mapped[str | None] = mapped_column(String(200))  # as the availability service named it
    rate_plan: Mapped[str | None] = mapped_column(String(64))
    rate_plan_name: Mapped[str | None] = mapped_column(String(200))  # as the plan was named when sold
    refundable: Mapped[bool | None] = mapped_column(Boolean)
    currency: Mapped[str | None] = mapped_column(String(3))
    total_amount: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    price_lines: Mapped[list[dict] | None] = mapped_column(JSON)
    assigned_room: Mapped[str | None] = mapped_column(String(20))  # the room's number at the front desk
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    checked_out_at: Mapped[datetime | None] = mapped_column(DateTime)
    # An appointment's (docs/appointments.md), as the availability service named them when held.
    service: Mapped[str | None] = mapped_column(String(64))
    service_name: Mapped[str | None] = mapped_column(String(200))
    staff_id: Mapped[int | None] = mapped_column(Integer, index=True)
    staff_name: Mapped[str | None] = mapped_column(String(200))
    resources: Mapped[list[dict] | None] = mapped_column(JSON)  # [{"id", "name", "kind"}]
    # A class's (docs/appointments.md, "Classes"): its session and its places then; `party_size`
    # is the places this booking takes.
    class_session_id: Mapped[int | None] = mapped_column(Integer)
    class_capacity: Mapped[int | None] = mapped_column(Integer)
    # A reservation's (docs/appointments.md, "Reservations"): the resource as named when held, and
    # {"start", "end", "recurrence", "mode", "occurrences", "conflicts"}; starts_at/ends_at span
    # its first occurrence's start to its last one's end.
    resource_id: Mapped[int | None] = mapped_column(Integer, index=True)
    resource_name: Mapped[str | None] = mapped_column(String(200))
    reservation: Mapped[dict | None] = mapped_column(JSON)

    customer: Mapped[Customer] = relationship()
    cancellation_reason: Mapped[CancellationReason | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


class WaitlistStatus:
    WAITING = "waiting"
    OFFERED = "offered"  # a hold is kept for them until offer_expires_at
    BOOKED = "booked"  # they took the offer: booking_id
    OFFER_EXPIRED = "offer_expired"  # they let it pass; it went to the next
    LAPSED = "lapsed"  # the time they waited for began without an offer
    DECLINED = "declined"  # they turned the offer down: it went to the next at once
    LEFT = "left"  # they left the list (or staff removed them), any offer passed on
    ALL = (WAITING, OFFERED, BOOKED, OFFER_EXPIRED, LAPSED, DECLINED, LEFT)
    ON_THE_LIST = (WAITING, OFFERED)


class WaitlistEntry(Base):
    """Someone waiting for a resource at a venue-local time range (docs/appointments.md,
    "Waitlist"). When a reservation overlapping it is given back, `offer_due_at` is set; the
    first waiting entry whose range the availability service can then hold gets an offer: a hold
    kept for them until `offer_expires_at`. Every change of status is a guarded update."""

    __tablename__ = "waitlist_entries"
    __table_args__ = (
        CheckConstraint("local_end > local_start", name="ck_waitlist_entries_range_order"),
        Index("ix_waitlist_entries_queue", "venue", "resource_id", "status", "created_at"),
        Index("ix_waitlist_entries_offers", "status", "offer_expires_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=_uuid)
    venue: Mapped[str] = mapped_column(String(64))
    venue_name: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[int] = mapped_column(Integer)
    resource_name: Mapped[str] = mapped_column(String(200))
    local_start: Mapped[datetime] = mapped_column(DateTime)  # venue wall clock
    local_end: Mapped[datetime] = mapped_column(DateTime)
    starts_at: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    contact_first_name: Mapped[str | None] = mapped_column(String(100))
    contact_surname: Mapped[str | None] = mapped_column(String(100))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(16), default=WaitlistStatus.WAITING)
    offer_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    offer_hold_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    offered_at: Mapped[datetime | None] = mapped_column(DateTime)
    offer_expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    booking_id: Mapped[str | None] = mapped_column(ForeignKey("bookings.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    customer: Mapped[Customer] = relationship()
    booking: Mapped[Booking | None] = relationship()


class IdempotencyKey(Base):
    """The first response to a request carrying an Idempotency-Key (guarantee 4 of docs/architecture.md).

    The primary key decides races: of two concurrent requests with one key, exactly one
    inserts this row; the other finds it.
    """

    __tablename__ = "idempotency_keys"

    scope: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    response_status: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp(), index=True)


class HoldCommand(Base):
    """A confirm, release or early end of a stay the availability service still has to hear about.

    Written in the transaction that makes it necessary (a booking committed, moved or
    cancelled, a guest checked out early), carried out right after the commit, and retried by
    the reconciliation job until the availability service has taken it (every call is
    idempotent there).
    """

    __tablename__ = "hold_commands"
    __table_args__ = (
        UniqueConstraint("hold_id", "command", name="uq_hold_commands_hold_command"),
        Index("ix_hold_commands_pending", "done_at", "id"),
    )

    CONFIRM = "confirm"
    RELEASE = "release"
    END_STAY = "end-stay"  # on the booking's (earlier) departure date

    id: Mapped[int] = mapped_column(primary_key=True)
    hold_id: Mapped[str] = mapped_column(String(36))
    command: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(200))


class Reminder(Base):
    """The one reminder of a booking: due before it starts, polled by beat, re-timed on a move."""

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_due", "sent_at", "due_at"),)

    booking_id: Mapped[str] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"), primary_key=True)
    due_at: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)  # when its event entered the outbox


class OutboxEvent(Base):
    """An event written in the same transaction as the change that caused it (guarantee 2)."""

    __tablename__ = "outbox_events"
    __table_args__ = (Index("ix_outbox_events_unpublished", "published_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_type: Mapped[str] = mapped_column(String(64))
    aggregate_id: Mapped[str] = mapped_column(String(36), index=True)
    envelope: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


def _not_negative(table: str, *columns: str) -> CheckConstraint:
    # An exact decimal is text on SQLite (shared/db_types.py): compared as a number, not as text.
    return CheckConstraint(
        " AND ".join(f"CAST({column} AS NUMERIC) >= 0" for column in columns), name=f"ck_{table}_prices_not_negative"
    )


class RatePlan(Base):
    """How a room type of a venue is sold by the night, priced by booking_service/stays/pricing.py
    (docs/stays.md, "Rate plans and taxes"). Amounts are in `currency`, exact to its minor unit."""

    __tablename__ = "rate_plans"
    __table_args__ = (
        UniqueConstraint("venue", "room_type", "code", name="uq_rate_plans_venue_room_type_code"),
        _not_negative("rate_plans", "weekday_price", "weekend_price", "extra_guest_price"),
        CheckConstraint("included_guests >= 1", name="ck_rate_plans_included_guests_positive"),
        CheckConstraint("min_nights >= 1", name="ck_rate_plans_min_nights_positive"),
        CheckConstraint(
            "CAST(discount_percent AS NUMERIC) >= 0 AND CAST(discount_percent AS NUMERIC) < 100",
            name="ck_rate_plans_discount_percent_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue: Mapped[str] = mapped_column(String(64))
    room_type: Mapped[str] = mapped_column(String(64))  # the room type's code in the availability service
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(3))
    weekday_price: Mapped[Decimal] = mapped_column(ExactDecimal())
    weekend_price: Mapped[Decimal] = mapped_column(ExactDecimal())
    weekend_nights: Mapped[list[int]] = mapped_column(JSON)  # weekdays, Monday = 0
    included_guests: Mapped[int] = mapped_column(Integer)
    extra_guest_price: Mapped[Decimal] = mapped_column(ExactDecimal())  # a night, for each guest over those included
    min_nights: Mapped[int] = mapped_column(Integer)
    closed_to_arrival: Mapped[list[str]] = mapped_column(JSON)  # ISO dates
    discount_percent: Mapped[Decimal] = mapped_column(ExactDecimal())
    refundable: Mapped[bool] = mapped_column(Boolean)
    active: Mapped[bool] = mapped_column(Boolean)  # on sale
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    seasons: Mapped[list[RatePlanSeason]] = relationship(
        order_by="RatePlanSeason.first_night", cascade="all, delete-orphan", passive_deletes=True
    )


class RatePlanSeason(Base):
    """Nights of a rate plan, from `first_night` to `last_night` inclusive, at their own price.
    A plan's seasons never overlap (checked on the way in)."""

    __tablename__ = "rate_plan_seasons"
    __table_args__ = (
        CheckConstraint("first_night <= last_night", name="ck_rate_plan_seasons_nights_in_order"),
        _not_negative("rate_plan_seasons", "weekday_price", "weekend_price"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rate_plan_id: Mapped[int] = mapped_column(ForeignKey("rate_plans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    first_night: Mapped[date] = mapped_column(Date)
    last_night: Mapped[date] = mapped_column(Date)
    weekday_price: Mapped[Decimal] = mapped_column(ExactDecimal())
    weekend_price: Mapped[Decimal] = mapped_column(ExactDecimal())


class StayTaxes(Base):
    """A venue's taxes on stays. Every change to the venue's rates locks this row (creating it with
    no taxes if need be), which keeps its city tax and its plans in one currency."""

    __tablename__ = "stay_taxes"
    __table_args__ = (
        CheckConstraint(
            "CAST(percent AS NUMERIC) >= 0 AND CAST(percent AS NUMERIC) < 100", name="ck_stay_taxes_percent_range"
        ),
        _not_negative("stay_taxes", "city_tax_per_guest_night"),
        CheckConstraint("city_tax_max_nights >= 1", name="ck_stay_taxes_city_tax_max_nights_positive"),
    )

    venue: Mapped[str] = mapped_column(String(64), primary_key=True)
    currency: Mapped[str | None] = mapped_column(String(3))  # the city tax's; None until taxes are set
    percent: Mapped[Decimal] = mapped_column(ExactDecimal())  # of the room charges
    city_tax_per_guest_night: Mapped[Decimal] = mapped_column(ExactDecimal())
    city_tax_max_nights: Mapped[int | None] = mapped_column(Integer)  # of one stay; None: every night


class CatalogueItem(Base):
    """Something the front desk posts to a guest's folio (docs/stays.md, "Folio and invoice"): a
    minibar drink, a dinner, an extra. `stock` None: not counted; else it never goes below zero."""

    __tablename__ = "catalogue_items"
    __table_args__ = (
        UniqueConstraint("venue", "code", name="uq_catalogue_items_venue_code"),
        CheckConstraint("stock IS NULL OR stock >= 0", name="ck_catalogue_items_stock_not_negative"),
        CheckConstraint("CAST(unit_price AS NUMERIC) >= 0", name="ck_catalogue_items_price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    unit_price: Mapped[Decimal] = mapped_column(ExactDecimal())  # taxes included
    currency: Mapped[str] = mapped_column(String(3))
    stock: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class FolioCharge(Base):
    """A charge posted to a stay while the guest is in house, at the item's price then."""

    __tablename__ = "folio_charges"
    __table_args__ = (CheckConstraint("quantity > 0", name="ck_folio_charges_quantity_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[str] = mapped_column(ForeignKey("bookings.id"), index=True)
    item_code: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_amount: Mapped[Decimal] = mapped_column(ExactDecimal())
    amount: Mapped[Decimal] = mapped_column(ExactDecimal())  # quantity x unit_amount, rounded once
    currency: Mapped[str] = mapped_column(String(3))
    posted_at: Mapped[datetime] = mapped_column(DateTime)
    posted_by: Mapped[str] = mapped_column(String(100))


class InvoiceCounter(Base):
    """The last invoice number a venue issued: incremented in the transaction that issues the next."""

    __tablename__ = "invoice_counters"

    venue: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class Invoice(Base):
    """An invoice or credit note as issued: its document (lines, totals, guest, stay) and its PDF.
    The database refuses to update or delete one (migration 0012)."""

    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("venue", "number", name="uq_invoices_venue_number"),
        UniqueConstraint("credits_invoice_id", name="uq_invoices_credits_invoice_id"),
        CheckConstraint("kind IN ('invoice', 'credit_note')", name="ck_invoices_kind"),
        Index(
            "uq_invoices_one_per_booking",
            "booking_id",
            unique=True,
            postgresql_where=text("kind = 'invoice'"),
            sqlite_where=text("kind = 'invoice'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    booking_id: Mapped[str] = mapped_column(ForeignKey("bookings.id"), index=True)
    credits_invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    currency: Mapped[str] = mapped_column(String(3))
    total: Mapped[Decimal] = mapped_column(ExactDecimal())
    document: Mapped[dict] = mapped_column(JSON)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
