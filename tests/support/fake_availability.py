"""An in-memory availability service behind the booking service's port onto it
(booking_service/availability_client.py: AvailabilityPort), for unit tests of the booking saga.

It keeps a ledger of slots and holds the way the real service does, as far as the booking
service can tell: a hold key taken again for the same slot and size returns the first hold; for
another, `hold_key_reused`; a spent key, `hold_not_active`; a full slot, `slot_full`; confirm and
release are idempotent, release gives the units back once. A room type sells `units` rooms a
night; a stay hold takes one on each of its nights or none (`resource_unavailable`), and refuses
more guests than the type sleeps (`stay_not_bookable`). A service is performed by its staff,
each free for one appointment at a time: "any staff" takes the first free one, a move's new hold
may take the time of the hold it replaces (`staff_unavailable`, `staff_not_for_service`). `down`
makes every call fail as an unreachable service does; `refuse` makes one kind of call fail that
way.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from shared.errors import ApiError, UpstreamUnavailable

VENUE = "FakeBistro"


@dataclass
class FakeSlot:
    capacity: int
    booked: int = 0


@dataclass
class FakeRoomType:
    units: int
    max_occupancy: int
    name: str


@dataclass
class FakeService:
    name: str
    staff: dict[int, str]  # id -> name, in the order "any staff" tries them
    price: str | None = None


@dataclass
class FakeHold:
    id: str
    key: str
    slot: tuple[str, date, time]
    units: int
    status: str = "held"
    stay: tuple[str, str, date, date] | None = None  # venue, room type, arrival, departure
    appointment: tuple[str, int] | None = None  # service, staff id
    replaces: str | None = None

    @property
    def active(self) -> bool:
        return self.status in ("held", "confirmed")


@dataclass
class FakeAvailability:
    slots: dict[tuple[str, date, time], FakeSlot] = field(default_factory=dict)
    room_types: dict[tuple[str, str], FakeRoomType] = field(default_factory=dict)
    holds: dict[str, FakeHold] = field(default_factory=dict)
    services: dict[tuple[str, str], FakeService] = field(default_factory=dict)
    down: bool = False
    refuse: set[str] = field(default_factory=set)  # "place", "confirm", "release", "get"
    calls: list[tuple[str, str]] = field(default_factory=list)  # (call, hold key, id or code), in order
    ttl: timedelta = timedelta(minutes=5)

    def open_slot(self, on: date, at: time, capacity: int, venue: str = VENUE) -> None:
        self.slots[(venue, on, at)] = FakeSlot(capacity)

    def booked(self, on: date, at: time, venue: str = VENUE) -> int:
        return self.slots[(venue, on, at)].booked

    def open_room_type(self, code: str, units: int, max_occupancy: int = 2, venue: str = VENUE) -> None:
        self.room_types[(venue, code)] = FakeRoomType(units, max_occupancy, code.title())

    def open_service(self, code: str, staff: dict[int, str], price: str | None = None, venue: str = VENUE) -> None:
        self.services[(venue, code)] = FakeService(code.title(), staff, price)

    def staff_busy(self, staff_id: int, on: date, at: time, ignoring: str | None = None) -> bool:
        """Whether the member holds an appointment starting then (the fake's appointments never overlap
        otherwise), the hold `ignoring` aside."""
        return any(
            hold.active
            and hold.appointment is not None
            and hold.appointment[1] == staff_id
            and hold.slot[1:] == (on, at)
            and hold.id != ignoring
            for hold in self.holds.values()
        )

    def place_appointment_hold(
        self,
        hold_key: str,
        venue: str,
        service: str,
        on: date,
        at: time,
        staff: int | None,
        replaces: str | None,
        places: int = 1,
    ) -> dict:
        self.calls.append(("place", hold_key))
        self._reachable("place")
        existing = next((hold for hold in self.holds.values() if hold.key == hold_key), None)
        if existing is not None:
            return self._view(existing)
        offered = self.services.get((venue, service))
        if offered is None:
            raise ApiError("No such service.", code="service_not_found", status=404)
        if staff is not None and staff not in offered.staff:
            raise ApiError("Not theirs.", code="staff_not_for_service", status=422)
        if places != 1:  # the fake's services are one person's; classes are the real service's
            raise ApiError("One person at a time.", code="appointment_not_bookable", status=422)
        candidates = [staff] if staff is not None else list(offered.staff)
        free = [member for member in candidates if not self.staff_busy(member, on, at, ignoring=replaces)]
        if not free:
            raise ApiError("No one free.", code="staff_unavailable", status=409)
        hold = FakeHold(
            str(uuid.uuid4()), hold_key, (venue, on, at), 1, appointment=(service, free[0]), replaces=replaces
        )
        self.holds[hold.id] = hold
        return self._view(hold)

    def rooms_taken(self, code: str, night: date, venue: str = VENUE) -> int:
        return sum(
            1
            for hold in self.holds.values()
            if hold.active
            and hold.stay is not None
            and hold.stay[:2] == (venue, code)
            and hold.stay[2] <= night < hold.stay[3]
        )

    def place_stay_hold(
        self, hold_key: str, venue: str, room_type: str, arrival: date, departure: date, guests: int
    ) -> dict:
        self.calls.append(("place", hold_key))
        self._reachable("place")
        stay = (venue, room_type, arrival, departure)
        existing = next((hold for hold in self.holds.values() if hold.key == hold_key), None)
        if existing is not None:
            if existing.stay != stay:
                raise ApiError("Key used for another hold.", code="hold_key_reused", status=409)
            if not existing.active:
                raise ApiError("The hold was released.", code="hold_not_active", status=409)
            return self._view(existing)
        kind = self.room_types.get((venue, room_type))
        if kind is None:
            raise ApiError("No such room type.", code="room_type_not_found", status=404)
        if guests > kind.max_occupancy:
            raise ApiError("Too many guests.", code="stay_not_bookable", status=422)
        nights = [arrival + timedelta(days=n) for n in range((departure - arrival).days)]
        if any(self.rooms_taken(room_type, night, venue) >= kind.units for night in nights):
            raise ApiError("Sold out.", code="resource_unavailable", status=409)
        hold = FakeHold(str(uuid.uuid4()), hold_key, (venue, arrival, time(12, 0)), 1, stay=stay)
        self.holds[hold.id] = hold
        return self._view(hold)

    def stay_availability(self, venue: str, arrival: date, departure: date, guests: int) -> dict:
        self._reachable("search")
        nights = [arrival + timedelta(days=n) for n in range((departure - arrival).days)]
        return {
            "venue": venue,
            "timezone": "UTC",
            "arrival": arrival.isoformat(),
            "departure": departure.isoformat(),
            "nights": len(nights),
            "guests": guests,
            "room_types": [
                {
                    "code": code,
                    "name": kind.name,
                    "description": None,
                    "max_occupancy": kind.max_occupancy,
                    "bed_setup": None,
                    "amenities": [],
                    "available": min(kind.units - self.rooms_taken(code, night, venue) for night in nights),
                }
                for (at_venue, code), kind in self.room_types.items()
                if at_venue == venue and kind.max_occupancy >= guests
            ],
        }

    def room_nights(self, venue: str, first: date, end: date) -> dict:
        self._reachable("search")
        nights = [first + timedelta(days=n) for n in range((end - first).days)]
        return {
            "venue": venue,
            "timezone": "UTC",
            "room_types": [
                {
                    "code": code,
                    "name": kind.name,
                    "units": kind.units,
                    "nights": [
                        {
                            "date": night.isoformat(),
                            "free": kind.units - self.rooms_taken(code, night, venue),
                            "out_of_order": 0,
                        }
                        for night in nights
                    ],
                }
                for (at_venue, code), kind in self.room_types.items()
                if at_venue == venue
            ],
        }

    def room_type(self, venue: str, code: str) -> dict:
        self.calls.append(("room_type", code))
        self._reachable("get")
        kind = self.room_types[(venue, code)]
        return {"code": code, "name": kind.name, "max_occupancy": kind.max_occupancy, "units": kind.units}

    def _reachable(self, call: str) -> None:
        if self.down or call in self.refuse:
            raise UpstreamUnavailable()

    def place_hold(
        self, hold_key: str, venue: str, on: date, at: time, units: int, *, on_the_day: bool = False
    ) -> dict:
        self.calls.append(("place", hold_key))
        self._reachable("place")
        key = (venue, on, at)
        existing = next((hold for hold in self.holds.values() if hold.key == hold_key), None)
        if existing is not None:
            if (existing.slot, existing.units) != (key, units):
                raise ApiError("Key used for another hold.", code="hold_key_reused", status=409)
            if existing.status not in ("held", "confirmed"):
                raise ApiError("The hold was released.", code="hold_not_active", status=409)
            return self._view(existing)
        slot = self.slots.get(key)
        if slot is None:
            raise ApiError("No such slot.", code="slot_not_found", status=404)
        if slot.booked + units > slot.capacity:
            raise ApiError("Full.", code="slot_full", status=409, details={"remaining": slot.capacity - slot.booked})
        slot.booked += units
        hold = FakeHold(str(uuid.uuid4()), hold_key, key, units)
        self.holds[hold.id] = hold
        return self._view(hold)

    def confirm_hold(self, hold_id: str) -> dict:
        self.calls.append(("confirm", hold_id))
        self._reachable("confirm")
        hold = self._get(hold_id)
        if hold.status not in ("held", "confirmed"):
            raise ApiError("Not active.", code="hold_not_active", status=409)
        hold.status = "confirmed"
        return self._view(hold)

    def confirm_holds(self, hold_ids: list[str]) -> dict[str, str]:
        self.calls.append(("confirm", ",".join(hold_ids)))
        self._reachable("confirm")
        statuses = {}
        for hold_id in hold_ids:
            hold = self.holds.get(hold_id)
            if hold is not None and hold.status == "held":
                hold.status = "confirmed"
            statuses[hold_id] = hold.status if hold is not None else "not_found"
        return statuses

    def release_hold(self, hold_id: str) -> dict:
        self.calls.append(("release", hold_id))
        self._reachable("release")
        hold = self._get(hold_id)
        if hold.active:
            if hold.stay is None and hold.appointment is None:
                self.slots[hold.slot].booked -= hold.units
            hold.status = "released"
        return self._view(hold)

    def get_hold(self, hold_id: str) -> dict:
        self.calls.append(("get", hold_id))
        self._reachable("get")
        return self._view(self._get(hold_id))

    def _get(self, hold_id: str) -> FakeHold:
        if hold_id not in self.holds:
            raise ApiError("No such hold.", code="hold_not_found", status=404)
        return self.holds[hold_id]

    def _view(self, hold: FakeHold) -> dict:
        venue, on, at = hold.slot
        starts = datetime.combine(on, at)  # the fake venue keeps UTC
        if hold.appointment is not None:
            code, member = hold.appointment
            offered = self.services[(venue, code)]
            return {
                **self._common(hold),
                "kind": "appointment",
                "service": {"code": code, "name": offered.name},
                "staff": {"id": member, "name": offered.staff[member]},
                "resources": [],
                "date": on.isoformat(),
                "time": at.strftime("%H:%M"),
                "starts_at": starts.isoformat() + "Z",
                "ends_at": (starts + timedelta(minutes=30)).isoformat() + "Z",
                "price": None if offered.price is None else {"amount": offered.price, "currency": "EUR"},
            }
        if hold.stay is not None:
            _, room_type, arrival, departure = hold.stay
            ends = datetime.combine(departure, at)
            return {
                **self._common(hold),
                "kind": "stay",
                "room_type": room_type,
                "room_type_name": self.room_types[(venue, room_type)].name,
                "arrival": arrival.isoformat(),
                "departure": departure.isoformat(),
                "start": starts.strftime("%Y-%m-%dT%H:%M"),
                "end": ends.strftime("%Y-%m-%dT%H:%M"),
                "starts_at": starts.isoformat() + "Z",
                "ends_at": ends.isoformat() + "Z",
            }
        return {
            **self._common(hold),
            "kind": "slot",
            "date": on.isoformat(),
            "time": at.strftime("%H:%M"),
            "starts_at": starts.isoformat() + "Z",
            "ends_at": (starts + timedelta(minutes=90)).isoformat() + "Z",
        }

    def _common(self, hold: FakeHold) -> dict:
        return {
            "id": hold.id,
            "hold_key": hold.key,
            "status": hold.status,
            "units": hold.units,
            "venue": hold.slot[0],
            "venue_name": "The Fake Bistro",
            "venue_address": "1 Test Street",
            "timezone": "UTC",
            "expires_at": (datetime.now(UTC).replace(tzinfo=None) + self.ttl).isoformat() + "Z",
        }
