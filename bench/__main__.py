"""`make bench`: what a user swapping the restaurant mock for Tessera would compare, in one run.

1. The ceiling: one bare gunicorn + Flask JSON endpoint (bench/baseline_app.py), same gunicorn
   settings, at 8 clients and at 256.
2. A production-style system (bench/system.py) with 1 k existing bookings (bench/dataset.py),
   driven by locust in a process of its own (bench/locustfile.py) through the gateway, for four
   workloads: native search (warm cache), ConsumerApi search, native create, ConsumerApi create.
   Each with one client (its own latency), 8 clients back to back (requests/s, CPU), 8 clients at
   half that rate (latency at half load), and 256 clients (errors, timeouts, p99 under overload).
3. The effect latencies: commit -> e-mail accepted by SMTP, commit -> audit row.

CPU time per process type is read before each run and after the system has finished the run's
e-mails, audit rows and invalidations (bench/cpu.py), and divided by every request the run sent.
Prints one JSON line per figure as it is measured, then the tables and the issue's targets; the
JSON lines are kept in var/bench/. `--quick` (`make bench-quick`, under 3 minutes) runs 2.5 s
phases and 64 instead of 256 clients. `make bench-scaling` (bench/scaling.py) is the 1 k -> 1 M run.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from bench import cpu, effects, invariants, load
from bench.dataset import seed_dataset
from bench.load import Figures, Workload
from bench.report import CACHE_TTL_SECONDS, OUT_DIR, Report, bare_flask, machine
from bench.spread import Spread, warm_cache
from bench.system import production_system

WORKLOADS = (
    ("native search", "WarmSearch"),
    ("ConsumerApi search", "ConsumerApiSearch"),
    ("native create", "Create"),
    ("ConsumerApi create", "ConsumerApiCreate"),
)


@dataclass(frozen=True)
class Plan:
    seconds: float  # measured seconds per run at 1 and 8 clients
    many: int  # clients in flight for the overload run
    many_seconds: float
    effect_samples: int
    warmup: float  # seconds of each run not measured


FULL = Plan(seconds=15, many=256, many_seconds=60, effect_samples=100, warmup=3)
QUICK = Plan(seconds=2.5, many=64, many_seconds=4, effect_samples=10, warmup=1)


def run_once(report: Report, tessera, workload: Workload, ceiling_rps: float, **load_args) -> Figures:
    """One load run, its CPU per request once its effects are drained, both reported."""
    before = cpu.seconds_by_process(tessera)
    figures = load.run(tessera.gateway_url, workload, **load_args)
    cpu.wait_drained(tessera)
    figures.ratio_to_ceiling = round(figures.rps / ceiling_rps, 3)
    report.add("load", **asdict(figures))
    spent = cpu.ms_per_request(before, cpu.seconds_by_process(tessera), figures.run_requests)
    report.add("cpu", workload=workload.label, mode=figures.mode, users=figures.users, ms_per_request=spent)
    return figures


def measure_workload(report: Report, tessera, workload: Workload, plan: Plan, ceilings: dict[int, float]) -> None:
    timing = {"seconds": plan.seconds, "warmup": plan.warmup}
    run_once(report, tessera, workload, ceilings[8], users=1, **timing)
    eight = run_once(report, tessera, workload, ceilings[8], users=8, **timing)
    run_once(report, tessera, workload, ceilings[8], users=8, rate_per_user=eight.rps / 2 / 8, **timing)
    many = {"seconds": plan.many_seconds, "warmup": plan.warmup + 2}  # 256 users take a moment to start
    run_once(report, tessera, workload, ceilings[plan.many], users=plan.many, **many)


def print_tables(report: Report) -> None:
    print(f"\n{'workload':<22}{'clients':>8} {'mode':<13}{'rps':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}", end="")
    print(f"{'errors':>8}{'x ceiling':>10}")
    for line in report.of("load"):
        print(
            f"{line['workload']:<22}{line['users']:>8} {line['mode']:<13}{line['rps']:>8.0f}{line['p50_ms']:>9.1f}"
            f"{line['p95_ms']:>9.1f}{line['p99_ms']:>9.1f}{line['error_rate']:>8.2%}{line['ratio_to_ceiling']:>10.2f}"
        )
    cpu_lines = report.of("cpu")
    processes = list(cpu_lines[0]["ms_per_request"])
    print(f"\n{'CPU ms per request':<22}{'clients':>8} {'mode':<13}", end="")
    print("".join(f"{name[:9]:>10}" for name in processes) + f"{'total':>9}")
    for line in cpu_lines:
        spent = line["ms_per_request"]
        print(f"{line['workload']:<22}{line['users']:>8} {line['mode']:<13}", end="")
        print("".join(f"{spent[name]:>10.2f}" for name in processes) + f"{sum(spent.values()):>9.2f}")
    print_effects(report)
    print("\ntarget (docs/performance.md)                         measured  target")
    for name, measured, target, met in targets(report):
        print(f"{name:<52}{measured:>9}  {target:<8}{'met' if met else 'missed'}")


def print_effects(report: Report) -> None:
    print(f"\n{'effect latency':<46}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for line in report.of("effect"):
        print(
            f"{line['effect']:<46}{line['samples']:>5}{line['p50_ms']:>9.1f}{line['p95_ms']:>9.1f}{line['max_ms']:>9.1f}"
        )


def targets(report: Report) -> list[tuple[str, str, str, bool]]:
    def load_of(workload: str, users: int, *, half: bool = False) -> dict:
        return next(
            line for line in report.of("load", workload=workload, users=users) if line["mode"].startswith("at ") == half
        )

    def cpu_of(workload: str) -> float:
        line = next(line for line in report.of("cpu", workload=workload, users=8) if line["mode"] == "ceiling")
        return round(sum(line["ms_per_request"].values()), 1)

    many = max(line["users"] for line in report.of("load", workload="native search"))
    rows = [
        ("warm search, CPU-ms per request, all processes", cpu_of("native search"), "<= 3"),
        ("ConsumerApi search, CPU-ms per request", cpu_of("ConsumerApi search"), "<= 5"),
        ("create, effects drained, CPU-ms per booking", cpu_of("native create"), "<= 25"),
        ("ConsumerApi create, effects drained, CPU-ms", cpu_of("ConsumerApi create"), "<= 30"),
        (
            "warm search requests/s / bare ceiling (8 clients)",
            load_of("native search", 8)["ratio_to_ceiling"],
            ">= 0.6",
        ),
        ("create requests/s / bare ceiling (8 clients)", load_of("native create", 8)["ratio_to_ceiling"], ">= 0.15"),
    ]
    for label, workload in (("search", "native search"), ("create", "native create")):
        one = load_of(workload, 1)["p95_ms"]
        rows.append(
            (
                f"{label}: p95 at half the ceiling / one client's p95",
                round(load_of(workload, 8, half=True)["p95_ms"] / one, 1),
                "<= 3",
            )
        )
    worst = [load_of(name, many) for name, _ in WORKLOADS]
    failed = max(line["error_rate"] for line in worst)
    timeouts = sum(line["statuses"].get("0", 0) for line in worst)
    p99 = max(line["p99_ms"] for line in worst)
    measured = [(name, value, target, _meets(value, target)) for name, value, target in rows]
    measured.append(
        (f"{many} clients: errors / timeouts", f"{failed:.2%}/{timeouts}", "0 / 0", failed == 0 and timeouts == 0)
    )
    measured.append((f"{many} clients: worst p99 ms", round(p99), "< 2000", p99 < 2000))
    email = report.of("effect", effect=effects.EMAIL_EFFECT)
    if email:
        measured.append(("commit -> e-mail accepted, p95 ms", email[0]["p95_ms"], "<= 250", email[0]["p95_ms"] <= 250))
    return [(name, str(value), target, met) for name, value, target, met in measured]


def _meets(value: float, target: str) -> bool:
    bound = float(target.split()[-1])
    return value <= bound if target.startswith("<=") else value >= bound


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2.5 s runs, 64 clients at most (under 3 min)")
    parser.add_argument(
        "--effects", action="store_true", help="only the effect latencies of 100 bookings, one by one (a minute)"
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.effects:
        return effects_only(FULL)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = Report(OUT_DIR / f"bench-{stamp}.jsonl")
    report.add("machine", **machine())
    ceilings = {}
    with bare_flask() as url:
        for users, seconds in ((8, plan.seconds), (plan.many, plan.many_seconds)):
            ceiling = load.run(
                url, Workload("bare Flask endpoint", "Baseline"), users=users, seconds=seconds, warmup=plan.warmup
            )
            ceiling.ratio_to_ceiling = 1.0
            report.add("load", **asdict(ceiling))
            ceilings[users] = ceiling.rps
    with production_system("bench", start=False, AVAILABILITY_CACHE_TTL_SECONDS=CACHE_TTL_SECONDS) as tessera:
        seeded = seed_dataset(tessera.databases.urls, bookings=1000)
        tessera.system.start_all()
        data = Spread.of(tessera, seeded.venues)
        for label, user_class in WORKLOADS:
            warm_cache(tessera.gateway_url, data.venues, data.days)
            workload = Workload(label, user_class, data.locust_env(tessera.redis_server.url))
            measure_workload(report, tessera, workload, plan, ceilings)
        for latency in effects.email_and_audit(
            tessera, data.venues, data.days, data.times, bookings=plan.effect_samples
        ):
            report.add("effect", **asdict(latency))
        report.add("capacity", **invariants.capacity(tessera))
    print_tables(report)
    print(f"\nJSON lines: {report.out.name}")
    return 0


def effects_only(plan: Plan) -> int:
    report = Report(OUT_DIR / f"bench-effects-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.jsonl")
    report.add("machine", **machine())
    with production_system("bench", start=False) as tessera:
        seeded = seed_dataset(tessera.databases.urls, bookings=1000)
        tessera.system.start_all()
        data = Spread.of(tessera, seeded.venues)
        for latency in effects.email_and_audit(
            tessera, data.venues, data.days, data.times, bookings=plan.effect_samples
        ):
            report.add("effect", **asdict(latency))
    print_effects(report)
    print(f"\nJSON lines: {report.out.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
