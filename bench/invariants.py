"""The capacity invariant, checked after a benchmark or chaos run across every venue.

- the ledger: each slot's `booked` equals the units of its active holds, and never exceeds capacity;
- overbooking, from the booking service's side: the covers of each slot's confirmed bookings
  against the slot's capacity in the availability service (two databases, so joined here).
"""

from __future__ import annotations

from bench.system import Tessera
from tests.conftest import LEDGER_MISMATCH


def capacity(tessera: Tessera) -> dict:
    ledger_mismatches = tessera.sql("availability", f"SELECT COUNT(*) FROM slots WHERE {LEDGER_MISMATCH}")[0][0]
    over_capacity = tessera.sql("availability", "SELECT COUNT(*) FROM slots WHERE booked > capacity")[0][0]
    capacities = {
        (venue, day, at): capacity
        for venue, day, at, capacity in tessera.sql(
            "availability",
            "SELECT v.slug, s.local_date, s.local_time, s.capacity FROM slots s JOIN venues v ON v.id = s.venue_id",
        )
    }
    covers = tessera.sql(
        "booking",
        "SELECT venue, local_date, local_time, SUM(party_size) FROM bookings "
        "WHERE status = 'confirmed' GROUP BY venue, local_date, local_time",
    )
    overbooked = [
        (slot, booked) for *slot, booked in covers if tuple(slot) not in capacities or booked > capacities[tuple(slot)]
    ]
    return {
        "slots": len(capacities),
        "slots_with_bookings": len(covers),
        "covers_confirmed": int(sum(row[3] for row in covers)),
        "ledger_mismatches": ledger_mismatches,
        "booked_over_capacity": over_capacity,
        "overbooked_slots": len(overbooked),
    }
