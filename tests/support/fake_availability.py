"""An in-memory availability service behind the booking service's port onto it
(booking_service/availability_client.py: AvailabilityPort), for unit tests of the booking saga.

It keeps a ledger of slots and holds the way the real service does, as far as the booking
service can tell: a hold key taken again for the same slot and size returns the first hold; for
another, `hold_key_reused`; a spent key, `hold_not_active`; a full slot, `slot_full`; confirm and
release are idempotent, release gives the units back once. `down` makes every call fail as an
unreachable service does; `refuse` makes one kind of call fail that way.
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
class FakeHold:
    id: str
    key: str
    slot: tuple[str, date, time]
    units: int
    status: str = "held"


@dataclass
class FakeAvailability:
    slots: dict[tuple[str, date, time], FakeSlot] = field(default_factory=dict)
    holds: dict[str, FakeHold] = field(default_factory=dict)
    down: bool = False
    refuse: set[str] = field(default_factory=set)  # "place", "confirm", "release", "get"
    calls: list[tuple[str, str]] = field(default_factory=list)  # (call, hold key or id), in order
    ttl: timedelta = timedelta(minutes=5)

    def open_slot(self, on: date, at: time, capacity: int, venue: str = VENUE) -> None:
        self.slots[(venue, on, at)] = FakeSlot(capacity)

    def booked(self, on: date, at: time, venue: str = VENUE) -> int:
        return self.slots[(venue, on, at)].booked

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

    def release_hold(self, hold_id: str) -> dict:
        self.calls.append(("release", hold_id))
        self._reachable("release")
        hold = self._get(hold_id)
        if hold.status in ("held", "confirmed"):
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
        return {
            "id": hold.id,
            "hold_key": hold.key,
            "status": hold.status,
            "units": hold.units,
            "kind": "slot",
            "venue": venue,
            "venue_name": "The Fake Bistro",
            "venue_address": "1 Test Street",
            "timezone": "UTC",
            "date": on.isoformat(),
            "time": at.strftime("%H:%M"),
            "starts_at": starts.isoformat() + "Z",
            "ends_at": (starts + timedelta(minutes=90)).isoformat() + "Z",
            "expires_at": (datetime.now(UTC).replace(tzinfo=None) + self.ttl).isoformat() + "Z",
        }
