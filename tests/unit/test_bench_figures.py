"""bench/load.py's figures: requests/s over the measured window, whatever the requests' timing."""

from __future__ import annotations

import pytest

from bench.load import figures_of


def test_a_few_slow_requests_sent_together_count_over_the_whole_window():
    # Eight creates sent within 3 ms of each other, then nothing until the run stops.
    samples = [[0.0, 20.0, 201]] + [[3.0 + i * 0.0004, 2400.0, 201] for i in range(8)]

    figures = figures_of("create", "ceiling", 8, samples, warmup=3.0, run_seconds=6)

    assert figures.requests == 8
    assert figures.seconds == 3.0
    assert figures.rps == pytest.approx(8 / 3, abs=0.05)


def test_requests_sent_before_the_warm_up_ends_or_after_the_stop_are_left_out():
    samples = [[10.0 + t / 10, 5.0, 200] for t in range(0, 70)]  # one every 0.1 s for 7 s

    figures = figures_of("search", "ceiling", 1, samples, warmup=2.0, run_seconds=5)

    assert figures.requests == 30  # sent at 12.0 .. 14.9
    assert figures.rps == 10.0


def test_errors_are_counted_by_status():
    samples = [[0.0, 1.0, 200], [1.0, 1.0, 200], [1.5, 1.0, 503], [1.6, 1.0, 0]]

    figures = figures_of("search", "ceiling", 1, samples, warmup=1.0, run_seconds=2)

    assert figures.statuses == {"0": 1, "200": 1, "503": 1}
    assert figures.error_rate == pytest.approx(2 / 3, abs=0.001)


def test_the_run_counts_every_request_it_sent_for_the_cpu_readings_that_cover_them_all():
    # CPU is read before and after the whole run: dividing it by the window's requests alone
    # overstated CPU per request by the warm-up's share (a fifth in a full run).
    samples = [[t / 10, 5.0, 200] for t in range(0, 180)]  # 3 s of warm-up, 15 s measured

    figures = figures_of("create", "ceiling", 8, samples, warmup=3.0, run_seconds=18)

    assert figures.requests == 150
    assert figures.run_requests == 180
