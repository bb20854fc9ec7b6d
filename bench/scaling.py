"""`make bench-scaling`: throughput, latency and statements per request from 1 k to 1 M bookings.

1. The ceiling: one bare gunicorn + Flask JSON endpoint (bench/baseline_app.py), same settings.
2. A production-style system (bench/system.py) with 1 k existing bookings (bench/dataset.py:
   10 venues x 50 resources x 90 days of slots), driven by locust in a process of its own
   (bench/locustfile.py): (a) search, warm cache; (b) search, cold cache; (c) create spread over
   every slot; (d) 80 % search / 15 % create / 5 % cancel; (e) create through the ConsumerApi.
   Each at its ceiling (users back to back), then at half that rate for the latency.
3. Effect latencies: commit -> e-mail accepted by SMTP, commit -> audit row, hold -> search.
4. The scaling curve: a second system with 1 M existing bookings, the same search and create
   runs, and the SQL statements per request each service logged, at both sizes.

Prints one JSON line per figure as it is measured, then the tables; the JSON lines are also
written to var/bench/. `--quick` is a short run (100 k instead of 1 M, shorter phases).
`make bench` (bench/__main__.py) is the comparison to run for a change to a hot path.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime

from bench import cpu, effects, invariants, load, queries
from bench.dataset import seed_dataset
from bench.load import Workload
from bench.report import CACHE_TTL_SECONDS, OUT_DIR, Report, bare_flask, machine
from bench.spread import Spread, warm_cache
from bench.system import production_system


def measure(report: Report, tessera, workload: Workload, args, ceiling_rps: float, dataset: str) -> None:
    """The workload at its ceiling, then at half the rate it reached. After each run the system is
    left to finish the run's e-mails, audit rows and invalidations, so no run inherits another's
    backlog, and the CPU it took until then, per process type, is divided by the requests the run sent."""
    rate_per_user = 0.0
    for _ in ("ceiling", "half"):
        before = cpu.seconds_by_process(tessera)
        figures = load.run(
            tessera.gateway_url, workload, users=args.users, seconds=args.seconds, rate_per_user=rate_per_user
        )
        cpu.wait_drained(tessera)
        cpu_ms = cpu.ms_per_request(before, cpu.seconds_by_process(tessera), figures.run_requests)
        figures.ratio_to_ceiling = round(figures.rps / ceiling_rps, 3)
        report.add("load", dataset=dataset, **asdict(figures))
        report.add("cpu", dataset=dataset, workload=workload.label, mode=figures.mode, ms_per_request=cpu_ms)
        rate_per_user = figures.rps / 2 / args.users


def run_system(report: Report, args, bookings: int, label: str, ceiling_rps: float, *, full: bool) -> None:
    with production_system("bench", start=False, AVAILABILITY_CACHE_TTL_SECONDS=CACHE_TTL_SECONDS) as tessera:
        started = time.monotonic()
        seeded = seed_dataset(tessera.databases.urls, bookings=bookings)
        data = Spread.of(tessera, seeded.venues)
        report.add(
            "dataset",
            dataset=label,
            bookings=seeded.bookings,
            cancelled=seeded.cancelled,
            customers=seeded.customers,
            venues=len(data.venues),
            days=len(data.days),
            slots_per_day=len(data.times),
            slot_capacity=seeded.slot_capacity,
            rows=seeded.rows,
            seconds=round(time.monotonic() - started, 1),
        )
        tessera.system.start_all()
        host = tessera.gateway_url
        spread = data.locust_env(tessera.redis_server.url)

        report.add("queries", dataset=label, **queries.per_request(tessera, data))
        warm_cache(host, data.venues, data.days)
        workloads = [
            Workload("a search, warm cache", "WarmSearch", spread),
            Workload("b search, cold cache", "ColdSearch", spread),
            Workload("c create", "Create", spread),
        ]
        if full:
            workloads += [
                Workload("d mixed 80/15/5", "Mixed", spread),
                Workload("e create, ConsumerApi", "ConsumerApiCreate", spread),
            ]
        for workload in workloads:
            if workload.user_class == "WarmSearch":
                warm_cache(host, data.venues, data.days)
            measure(report, tessera, workload, args, ceiling_rps, label)
        if full:
            cpu.wait_drained(tessera)
            for latency in effects.email_and_audit(
                tessera, data.venues, data.days, data.times, bookings=args.effect_samples
            ):
                report.add("effect", dataset=label, **asdict(latency))
            latency = effects.search_staleness(
                tessera, data.venues[0], data.days[:10], data.times, samples=args.effect_samples
            )
            report.add("effect", dataset=label, **asdict(latency))
        report.add("capacity", dataset=label, **invariants.capacity(tessera))


def print_tables(report: Report) -> None:
    ceiling = report.of("load", workload="bare Flask endpoint")[0]
    print(
        f"\nceiling: bare gunicorn + Flask JSON endpoint {ceiling['rps']:.0f} requests/s "
        f"(p50 {ceiling['p50_ms']} ms, {ceiling['users']} users)\n"
    )
    print(
        f"{'workload':<26}{'data':>5} {'mode':<14}{'rps':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}{'x ceiling':>10}"
    )
    for line in report.of("load"):
        if line["workload"] == "bare Flask endpoint":
            continue
        print(
            f"{line['workload']:<26}{line['dataset']:>5} {line['mode']:<14}{line['rps']:>8.0f}{line['p50_ms']:>9.1f}"
            f"{line['p95_ms']:>9.1f}{line['p99_ms']:>9.1f}{line['error_rate']:>8.2%}{line['ratio_to_ceiling']:>10.2f}"
        )
    cpu_lines = report.of("cpu")
    if cpu_lines:
        processes = list(cpu_lines[0]["ms_per_request"])
        print(
            f"\n{'CPU ms per request, until drained':<26}{'data':>5} {'mode':<14}"
            + "".join(f"{name[:8]:>9}" for name in processes)
            + f"{'total':>9}"
        )
        for line in cpu_lines:
            spent = line["ms_per_request"]
            print(
                f"{line['workload']:<26}{line['dataset']:>5} {line['mode']:<14}"
                + "".join(f"{spent[name]:>9.2f}" for name in processes)
                + f"{sum(spent.values()):>9.2f}"
            )
    print(f"\n{'SQL statements per request':<40}" + "".join(f"{line['dataset']:>8}" for line in report.of("queries")))
    keys = [key for key in report.of("queries")[0] if key not in ("kind", "dataset")]
    for key in keys:
        print(f"{key:<40}" + "".join(f"{line[key]:>8}" for line in report.of("queries")))
    print(f"\n{'effect latency':<46}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for line in report.of("effect"):
        print(
            f"{line['effect']:<46}{line['samples']:>5}{line['p50_ms']:>9.1f}{line['p95_ms']:>9.1f}{line['max_ms']:>9.1f}"
        )
    for line in report.of("capacity"):
        print(
            f"\n{line['dataset']}: {line['overbooked_slots']} overbooked slots, "
            f"{line['ledger_mismatches']} slots whose ledger disagrees with their holds"
        )


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 k instead of 1 M bookings, 6 s phases")
    parser.add_argument("--seconds", type=float, default=15, help="measured seconds per run (default 15)")
    parser.add_argument("--users", type=int, default=32, help="locust users per run (default 32)")
    parser.add_argument("--small", type=int, default=1_000, help="bookings in the small data set (default 1 k)")
    parser.add_argument("--large", type=int, default=1_000_000, help="bookings in the large data set (default 1 M)")
    parser.add_argument("--effect-samples", type=int, default=100, help="bookings / holds per effect latency")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.large, args.effect_samples = 6, 100_000, 30
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = Report(OUT_DIR / f"scaling-{stamp}.jsonl")
    report.add("machine", **machine())
    with bare_flask() as url:
        ceiling = load.run(url, Workload("bare Flask endpoint", "Baseline"), users=args.users, seconds=args.seconds)
        ceiling.ratio_to_ceiling = 1.0
        report.add("load", dataset="-", **asdict(ceiling))
    small, large = (
        f"{args.small // 1000}k",
        (f"{args.large // 1_000_000}M" if args.large >= 1_000_000 else f"{args.large // 1000}k"),
    )
    run_system(report, args, args.small, small, ceiling.rps, full=True)
    run_system(report, args, args.large, large, ceiling.rps, full=False)
    print_tables(report)
    print(f"\nJSON lines: {report.out.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
