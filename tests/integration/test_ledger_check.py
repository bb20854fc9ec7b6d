"""The ledger check finds a slot whose counter disagrees with its holds, and an over-held resource."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import text

from tests.support.availability import days_ahead
from tests.support.processes import ROOT

VENUE = "ledger-venue"


def _check_ledger(system) -> tuple[int, dict]:
    result = subprocess.run(
        [sys.executable, "-m", "availability_service.manage", "check-ledger"],
        env=system.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.returncode, json.loads(result.stdout)


def _sql(system, statement: str, **params) -> None:
    engine = system.backend.engine("availability")
    try:
        with engine.begin() as conn:
            conn.execute(text(statement), params)
    finally:
        engine.dispose()


def test_check_ledger_passes_a_sound_ledger_and_names_what_is_off(system, availability):
    availability.create_venue(VENUE)
    availability.add_rule(
        VENUE, date=days_ahead(4), first_start="18:00", last_start="18:00", interval_minutes=60, capacity=6
    )
    room = availability.add_resource(VENUE, "Suite", capacity=1)
    assert availability.hold_slot("ledger-slot", VENUE, days_ahead(4), "18:00", 2).status_code == 201
    hold = availability.hold_range(
        "ledger-room", VENUE, room["id"], f"{days_ahead(4)}T15:00", f"{days_ahead(5)}T11:00"
    ).json()
    assert _check_ledger(system) == (0, {"slots": [], "resources": [], "class_sessions": []})

    # Corrupt both ledgers behind the service's back, as only a bug could.
    _sql(
        system, "UPDATE slots SET booked = booked + 1 WHERE venue_id = (SELECT id FROM venues WHERE slug = :v)", v=VENUE
    )
    _sql(system, "UPDATE resources SET capacity = 1 WHERE id = :id", id=room["id"])
    _sql(system, "UPDATE holds SET units = 2, exclusive = false WHERE id = :id", id=hold["id"])
    try:
        code, report = _check_ledger(system)
        assert code == 1
        assert report["slots"] == [
            {"venue": VENUE, "date": days_ahead(4), "time": "18:00", "capacity": 6, "booked": 3, "held": 2}
        ]
        assert report["resources"] == [{"resource_id": room["id"], "capacity": 1, "peak_held": 2}]
    finally:
        _sql(
            system,
            "UPDATE slots SET booked = booked - 1 WHERE venue_id = (SELECT id FROM venues WHERE slug = :v)",
            v=VENUE,
        )
        _sql(system, "UPDATE holds SET units = 1, exclusive = true WHERE id = :id", id=hold["id"])
    assert _check_ledger(system)[0] == 0
