from datetime import date, time
from types import SimpleNamespace

from availability_service.slots.planning import slot_starts


def test_rule_yields_every_start_from_first_to_last_inclusive():
    rule = SimpleNamespace(first_start=time(12, 0), last_start=time(13, 30), interval_minutes=30)
    assert list(slot_starts(rule, date(2026, 11, 23))) == [time(12, 0), time(12, 30), time(13, 0), time(13, 30)]
