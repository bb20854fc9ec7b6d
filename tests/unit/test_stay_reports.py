"""A hotel's report arithmetic (booking_service/stays/report_rules.py) on a worked example."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from booking_service.stays.report_rules import PostedCharge, SoldStay, nightly_shares, report

N1, N2, N3 = date(2027, 3, 10), date(2027, 3, 11), date(2027, 3, 12)


def line(kind: str, amount: str, night: date | None = None) -> dict:
    return {
        "kind": kind,
        "night": night.isoformat() if night else None,
        "amount": {"amount": amount, "currency": "EUR"},
    }


# Two nights at 100 with a 25 supplement a night and 10 % off, then taxes; and one night at 120.
LONG = SoldStay(
    "double",
    N1,
    N3,
    [
        line("night", "100.00", N1),
        line("night", "100.00", N2),
        line("extra_guests", "50.00"),
        line("discount", "-25.00"),
        line("tax", "13.50"),
        line("city_tax", "16.00"),
    ],
)
SHORT = SoldStay("double", N2, N3, [line("night", "120.00", N2), line("tax", "7.20")])


def money(amount: str) -> dict:
    return {"amount": amount, "currency": "EUR"}


def test_stay_wide_lines_are_shared_evenly_over_the_nights():
    shares = nightly_shares(LONG)
    assert shares[N1]["night"] == Decimal("100.00")
    assert (shares[N1]["extra_guests"], shares[N2]["discount"]) == (Decimal("25"), Decimal("-12.5"))


def test_a_guest_who_left_early_earns_the_nights_sold_over_the_nights_stayed():
    left_after_one = SoldStay("double", N1, N2, LONG.lines)  # checked out on the second morning
    shares = nightly_shares(left_after_one)
    assert list(shares) == [N1]
    assert (shares[N1]["night"], shares[N1]["extra_guests"]) == (Decimal("200.00"), Decimal("50.00"))


def test_occupancy_adr_and_revpar_per_night_and_over_the_range():
    figures = report(
        [N1, N2],
        {(N1, "double"): 4, (N2, "double"): 3, (N1, "twin"): 2, (N2, "twin"): 2},  # a double out of order on N2
        [LONG, SHORT],
        [PostedCharge(N2, Decimal("18.00")), PostedCharge(N3, Decimal("99.00"))],
        "EUR",
    )
    first, second = figures["days"]
    assert first["room_types"][0] == {
        "room_type": "double",
        "available": 4,
        "sold": 1,
        "occupancy": "25.00",
        "room_revenue": money("112.50"),
        "adr": money("112.50"),
        "revpar": money("28.13"),  # 28.125, half-up
    }
    assert second["room_types"][0] | {"room_type": "double"} == {
        "room_type": "double",
        "available": 3,
        "sold": 2,
        "occupancy": "66.67",
        "room_revenue": money("232.50"),
        "adr": money("116.25"),
        "revpar": money("77.50"),
    }
    assert second["room_types"][1]["sold"] == 0 and second["room_types"][1]["adr"] == money("0.00")
    assert figures["room_types"][0] == {
        "room_type": "double",
        "available": 7,
        "sold": 3,
        "occupancy": "42.86",
        "room_revenue": money("345.00"),
        "adr": money("115.00"),
        "revpar": money("49.29"),
    }
    assert figures["total"]["available"] == 11 and figures["total"]["occupancy"] == "27.27"
    assert {row["kind"]: row["amount"]["amount"] for row in figures["revenue_by_kind"]} == {
        "charge": "18.00",  # the charge of N3 is outside the range
        "city_tax": "16.00",
        "discount": "-25.00",
        "extra_guests": "50.00",
        "night": "320.00",
        "tax": "20.70",
    }


def test_nights_outside_the_range_and_no_rooms_count_nothing():
    figures = report([N2], {(N2, "double"): 0}, [LONG], [], "EUR")
    assert figures["total"] == {
        "available": 0,
        "sold": 1,
        "occupancy": "0.00",
        "room_revenue": money("112.50"),
        "adr": money("112.50"),
        "revpar": money("0.00"),
    }
