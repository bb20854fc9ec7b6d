"""What a benchmark's load spreads over: the seeded venues, their days and slot times."""

from __future__ import annotations

from dataclasses import dataclass

import requests


@dataclass
class Spread:
    """What the load spreads over: the seeded venues, their days and slot times."""

    venues: list[str]
    days: list[str]
    times: list[str]

    @classmethod
    def of(cls, tessera, venues: list[str]) -> Spread:
        rows = tessera.sql(
            "availability",
            "SELECT DISTINCT s.local_date, s.local_time FROM slots s "
            "JOIN venues v ON v.id = s.venue_id WHERE v.slug = ANY(:venues)",
            venues=venues,
        )
        return cls(
            venues, sorted({day.isoformat() for day, _ in rows}), sorted({at.strftime("%H:%M") for _, at in rows})
        )

    def locust_env(self, redis_url: str) -> dict[str, str]:
        """The BENCH_* variables bench/locustfile.py reads."""
        return {
            "BENCH_VENUES": ",".join(self.venues),
            "BENCH_DAYS": ",".join(self.days),
            "BENCH_TIMES": ",".join(self.times),
            "BENCH_REDIS_URL": redis_url,
        }


def warm_cache(host: str, venues: list[str], days: list[str]) -> None:
    with requests.Session() as http:
        for venue in venues:
            for day in days:
                http.get(
                    f"{host}/api/v1/venues/{venue}/availability", params={"date": day, "party_size": 2}, timeout=10
                ).raise_for_status()
