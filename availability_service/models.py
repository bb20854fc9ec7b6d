"""The availability service's tables: venues, resources, opening rules, closures, slots, holds,
a hotel's room types, rooms and out-of-order blocks, and the services staff perform with the
hours staff and resources keep (docs/appointments.md)."""

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
    String,
    Time,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.db import Base as SharedBase
from shared.db_types import ExactDecimal

VENUE_KINDS = ("restaurant", "hotel", "workspace", "lab", "clinic", "salon", "other")
RESOURCE_KINDS = ("table_pool", "dining_area", "room", "room_type", "equipment", "staff")


class Base(SharedBase):
    __abstract__ = True


class Venue(Base):
    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32), default="restaurant")
    timezone: Mapped[str] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(500))
    min_notice_minutes: Mapped[int] = mapped_column(Integer, default=60)
    horizon_days: Mapped[int] = mapped_column(Integer, default=90)
    hold_ttl_seconds: Mapped[int] = mapped_column(Integer, default=300)
    max_party_size: Mapped[int] = mapped_column(Integer, default=8)
    default_slot_minutes: Mapped[int] = mapped_column(Integer, default=90)
    default_slot_capacity: Mapped[int] = mapped_column(Integer, default=20)
    # Whether the ConsumerApi's customer routes open a booking by its reference alone, as the
    # contract's public routes do; off, they need one of the venue's API keys (docs/consumerapi.md).
    consumerapi_public_lookup: Mapped[bool] = mapped_column(Boolean, default=False)
    max_stay_nights: Mapped[int] = mapped_column(Integer, default=30)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    opening_rules: Mapped[list[OpeningRule]] = relationship(back_populates="venue")


class Resource(Base):
    """Something booked by time range: a room (or a room type with N units), equipment, a staff member.

    Only a room type's resource has capacity 0: a type with no room in service sells nothing.
    """

    __tablename__ = "resources"
    __table_args__ = (
        UniqueConstraint("venue_id", "name", name="uq_resources_venue_name"),
        CheckConstraint("capacity >= 0", name="ck_resources_capacity_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str | None] = mapped_column(String(2000))
    # A reservation's limits (docs/appointments.md, "Reservations"); none on a staff member or a room type.
    min_minutes: Mapped[int | None] = mapped_column(Integer)
    max_minutes: Mapped[int | None] = mapped_column(Integer)
    buffer_minutes: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    venue: Mapped[Venue] = relationship()
    room_type: Mapped[RoomType | None] = relationship(back_populates="resource")
    hours: Mapped[list[WorkingHours]] = relationship(order_by="WorkingHours.weekday, WorkingHours.starts")


class OpeningRule(Base):
    """Slots start every `interval_minutes` from `first_start` to `last_start` (venue wall clock).

    A weekly rule has a `weekday`; an exceptional opening has an `on_date` instead, and on
    that date the date's rules replace the weekly ones.
    """

    __tablename__ = "opening_rules"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_opening_rules_weekday"),
        CheckConstraint(
            "interval_minutes > 0 AND duration_minutes > 0 AND capacity >= 0", name="ck_opening_rules_positive"
        ),
        CheckConstraint("(weekday IS NULL) <> (on_date IS NULL)", name="ck_opening_rules_weekday_or_date"),
        CheckConstraint("first_start <= last_start", name="ck_opening_rules_period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int | None] = mapped_column(Integer)  # Monday = 0, as date.weekday()
    on_date: Mapped[date | None] = mapped_column(Date)
    first_start: Mapped[time] = mapped_column(Time)
    last_start: Mapped[time] = mapped_column(Time)
    interval_minutes: Mapped[int] = mapped_column(Integer)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    capacity: Mapped[int] = mapped_column(Integer)

    venue: Mapped[Venue] = relationship(back_populates="opening_rules")


class Closure(Base):
    """A date the venue is closed: no slots are offered, whatever the rules say."""

    __tablename__ = "closures"
    __table_args__ = (UniqueConstraint("venue_id", "local_date", name="uq_closures_venue_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"))
    local_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(500))


class Slot(Base):
    """A bookable start time with a capacity in units (covers for a restaurant).

    `booked` is the capacity ledger: it only changes through the guarded updates in
    holds/service.py, and the check constraint is the last line of defence. A slot that
    staff changed by hand (`staff_override`) keeps its capacity and open flag when the
    rules change.
    """

    __tablename__ = "slots"
    __table_args__ = (
        UniqueConstraint("venue_id", "local_date", "local_time", name="uq_slots_venue_local_start"),
        CheckConstraint("booked >= 0 AND booked <= capacity", name="ck_slots_booked_within_capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"))
    local_date: Mapped[date] = mapped_column(Date)
    local_time: Mapped[time] = mapped_column(Time)
    starts_at: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    ends_at: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    staff_override: Mapped[bool] = mapped_column(Boolean, default=False)


class HoldStatus:
    HELD = "held"
    CONFIRMED = "confirmed"
    RELEASED = "released"
    EXPIRED = "expired"
    ACTIVE = (HELD, CONFIRMED)


# A hold names exactly one of: a slot, a resource (a range hold) or a class session (its seats).
ONE_OF_SLOT_RESOURCE_OR_SESSION = (
    "(CASE WHEN slot_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN resource_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN class_session_id IS NULL THEN 0 ELSE 1 END) = 1"
)


class Hold(Base):
    """Capacity taken for a would-be booking; `hold_key` makes placing idempotent.

    A slot hold names a slot and moves its `booked` counter. A range hold names a resource
    and a time range; the capacity it takes is the hold row itself. On PostgreSQL an
    exclusion constraint (migration 0002) forbids overlapping active `exclusive` holds, the
    ones on a resource of capacity 1. A seat hold names a class session and takes `units` of its
    places (ClassSession.taken); the session's own holds take its staff member and resources.
    """

    __tablename__ = "holds"
    __table_args__ = (
        CheckConstraint("units > 0", name="ck_holds_units_positive"),
        CheckConstraint(ONE_OF_SLOT_RESOURCE_OR_SESSION, name="ck_holds_slot_resource_or_session"),
        CheckConstraint(
            "resource_id IS NULL OR (starts_at IS NOT NULL AND ends_at > starts_at)", name="ck_holds_range_order"
        ),
        Index("ix_holds_status_expires_at", "status", "expires_at"),
        Index("ix_holds_resource_range", "resource_id", "starts_at", "ends_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    hold_key: Mapped[str] = mapped_column(String(128), unique=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id"))
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("slots.id"), index=True)
    resource_id: Mapped[int | None] = mapped_column(ForeignKey("resources.id"))
    starts_at: Mapped[datetime | None] = mapped_column(DateTime)  # range holds: naive UTC
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    local_start: Mapped[datetime | None] = mapped_column(DateTime)  # range holds: venue wall clock
    local_end: Mapped[datetime | None] = mapped_column(DateTime)
    exclusive: Mapped[bool] = mapped_column(Boolean, default=False)
    units: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=HoldStatus.HELD)
    expires_at: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    # A booking that takes several holds (an appointment's staff member and rooms, a series'
    # occurrences) knows its first; the others name it here and share its status changes.
    group_id: Mapped[str | None] = mapped_column(ForeignKey("holds.id"), index=True)
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))  # an appointment's
    class_session_id: Mapped[int | None] = mapped_column(ForeignKey("class_sessions.id"), index=True)  # a seat's
    # A move's new hold names the group it replaces (holds/replacing.py) until that one is released.
    replaces_id: Mapped[str | None] = mapped_column(String(36))
    # Time held around the booking itself (an appointment's buffers, a resource's turnaround):
    # starts_at/ends_at are what is held; local_start/local_end the booking as offered.
    buffer_before_minutes: Mapped[int] = mapped_column(Integer, default=0)
    buffer_after_minutes: Mapped[int] = mapped_column(Integer, default=0)
    # A reservation group's first hold: what was asked ({"start", "end", "recurrence", "mode"},
    # venue wall clock) and the occurrences that could not be held ("conflicts"); see
    # availability_service/reservations/placement.py.
    reservation: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )

    slot: Mapped[Slot | None] = relationship()
    resource: Mapped[Resource | None] = relationship()
    venue: Mapped[Venue] = relationship()
    service: Mapped[Service | None] = relationship()
    members: Mapped[list[Hold]] = relationship(order_by="Hold.starts_at")  # the rest of its group
    class_session: Mapped[ClassSession | None] = relationship()


class RoomType(Base):
    """A kind of room a hotel sells by the night (docs/stays.md, "Inventory").

    Its `resource` is the ledger: capacity = its rooms in service, and a stay is a range hold
    of one unit on it for its nights. `code` names the type in URLs and on rate plans.
    """

    __tablename__ = "room_types"
    __table_args__ = (
        UniqueConstraint("venue_id", "code", name="uq_room_types_venue_code"),
        CheckConstraint("max_occupancy > 0", name="ck_room_types_max_occupancy_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), unique=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(2000))
    max_occupancy: Mapped[int] = mapped_column(Integer)
    bed_setup: Mapped[str | None] = mapped_column(String(200))
    amenities: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    resource: Mapped[Resource] = relationship(back_populates="room_type")


class Housekeeping:
    CLEAN = "clean"
    DIRTY = "dirty"
    INSPECTED = "inspected"
    ALL = (CLEAN, DIRTY, INSPECTED)


class Room(Base):
    """A physical room of a room type. Out of service, it does not count towards the type's units."""

    __tablename__ = "rooms"
    __table_args__ = (
        UniqueConstraint("venue_id", "number", name="uq_rooms_venue_number"),
        CheckConstraint("housekeeping IN ('clean', 'dirty', 'inspected')", name="ck_rooms_housekeeping"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    room_type_id: Mapped[int] = mapped_column(ForeignKey("room_types.id"), index=True)
    number: Mapped[str] = mapped_column(String(20))
    floor: Mapped[int | None] = mapped_column(Integer)
    housekeeping: Mapped[str] = mapped_column(String(16), default=Housekeeping.CLEAN)
    in_service: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )

    room_type: Mapped[RoomType] = relationship()


class RoomBlock(Base):
    """A room out of order for the nights from `first_night` until `end_night` (exclusive, like a
    departure). Its confirmed range hold takes one unit of the room's type for those nights, so
    what the type can sell drops by one; releasing the hold ends the block."""

    __tablename__ = "room_blocks"
    __table_args__ = (CheckConstraint("end_night > first_night", name="ck_room_blocks_night_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    hold_id: Mapped[str] = mapped_column(ForeignKey("holds.id"), unique=True)
    first_night: Mapped[date] = mapped_column(Date)
    end_night: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    room: Mapped[Room] = relationship()
    hold: Mapped[Hold] = relationship()


class RoomNight(Base):
    """A room taken on a night: by the stay given that room, or by the room's own out-of-order
    block (rooms/assignment.py). The primary key is the rule: never two in one room on a night."""

    __tablename__ = "room_nights"

    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), primary_key=True)
    night: Mapped[date] = mapped_column(Date, primary_key=True)
    hold_id: Mapped[str] = mapped_column(ForeignKey("holds.id"), index=True)


class WorkingHours(Base):
    """When a resource can be booked on a weekday: a staff member's working hours, a lab's
    business hours. Several rows on one weekday leave the gaps between them as breaks. A resource
    with no rows at all keeps no hours (bookable at any time); one with rows, only within them."""

    __tablename__ = "working_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_working_hours_weekday"),
        CheckConstraint("ends > starts", name="ck_working_hours_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)  # Monday = 0, as date.weekday()
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)


class HoursException(Base):
    """A date whose hours differ from the week's: its rows replace that weekday's for the date;
    a row without times means closed (a day off, a bank holiday)."""

    __tablename__ = "hours_exceptions"
    __table_args__ = (
        CheckConstraint(
            "(starts IS NULL AND ends IS NULL) OR (starts IS NOT NULL AND ends > starts)",
            name="ck_hours_exceptions_closed_or_ordered",
        ),
        Index("ix_hours_exceptions_resource_date", "resource_id", "on_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    on_date: Mapped[date] = mapped_column(Date)
    starts: Mapped[time | None] = mapped_column(Time)
    ends: Mapped[time | None] = mapped_column(Time)
    note: Mapped[str | None] = mapped_column(String(500))


class ResourceBlock(Base):
    """Time a staff member or a resource is away (time off, maintenance): a confirmed range hold
    of all its units for the range, so nothing else can be booked then and nothing booked can be
    blocked; releasing the hold ends the block."""

    __tablename__ = "resource_blocks"

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), index=True)
    hold_id: Mapped[str] = mapped_column(ForeignKey("holds.id"), unique=True)
    reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    resource: Mapped[Resource] = relationship()
    hold: Mapped[Hold] = relationship()


class Service(Base):
    """Something staff do for a customer (docs/appointments.md): it takes one of its staff and one
    resource for each of its requirements, for its duration plus its buffers."""

    __tablename__ = "services"
    __table_args__ = (
        UniqueConstraint("venue_id", "code", name="uq_services_venue_code"),
        CheckConstraint("duration_minutes > 0", name="ck_services_duration_positive"),
        CheckConstraint("buffer_before_minutes >= 0 AND buffer_after_minutes >= 0", name="ck_services_buffers"),
        CheckConstraint("interval_minutes > 0", name="ck_services_interval_positive"),
        CheckConstraint("capacity >= 1", name="ck_services_capacity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(2000))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    buffer_before_minutes: Mapped[int] = mapped_column(Integer, default=0)
    buffer_after_minutes: Mapped[int] = mapped_column(Integer, default=0)
    interval_minutes: Mapped[int] = mapped_column(Integer, default=15)  # between offered start times
    price: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    currency: Mapped[str | None] = mapped_column(String(3))
    min_notice_minutes: Mapped[int | None] = mapped_column(Integer)  # the venue's when null
    horizon_days: Mapped[int | None] = mapped_column(Integer)  # the venue's when null
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # People one staff member takes at once: 1 for a haircut; more makes it a class, booked by the
    # place in a class session (docs/appointments.md, "Classes").
    capacity: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    @property
    def is_class(self) -> bool:
        return self.capacity > 1

    staff: Mapped[list[Resource]] = relationship(secondary="service_staff", order_by="Resource.id")
    requirements: Mapped[list[ServiceRequirement]] = relationship(order_by="ServiceRequirement.id")


class ServiceStaff(Base):
    """Who can perform a service."""

    __tablename__ = "service_staff"

    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"), primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True)


class ServiceRequirement(Base):
    """A resource a service needs besides the staff member: any active resource of the venue
    tagged `tag` (a treatment room, a chair, a device), free for the whole appointment."""

    __tablename__ = "service_requirements"
    __table_args__ = (UniqueConstraint("service_id", "tag", name="uq_service_requirements_service_tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"), index=True)
    tag: Mapped[str] = mapped_column(String(64))


class ClassSession(Base):
    """One start of a class (docs/appointments.md, "Classes"): a staff member and the resources the
    service needs, shared by up to `capacity` people. Its holds (`hold_id`, the staff member's, and
    its group) belong to the session, not to a booking, and are confirmed while it has a place
    taken; each booking holds `units` places with a seat hold naming the session. `taken` is the
    session's ledger: it changes only by guarded updates (appointments/classes.py,
    holds/seats.py), and the last place given back releases the session's holds."""

    __tablename__ = "class_sessions"
    __table_args__ = (
        CheckConstraint("taken >= 0 AND taken <= capacity", name="ck_class_sessions_taken_within_capacity"),
        Index("ix_class_sessions_service_start", "service_id", "local_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("resources.id"), index=True)
    local_start: Mapped[datetime] = mapped_column(DateTime)  # the class itself, venue wall clock
    local_end: Mapped[datetime] = mapped_column(DateTime)
    starts_at: Mapped[datetime] = mapped_column(DateTime)  # the class itself, naive UTC
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    capacity: Mapped[int] = mapped_column(Integer)  # the service's when the session started
    taken: Mapped[int] = mapped_column(Integer, default=0)
    hold_id: Mapped[str] = mapped_column(String(36))  # the first of the session's own hold group
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    service: Mapped[Service] = relationship()
    staff: Mapped[Resource] = relationship()

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.taken, 0)
