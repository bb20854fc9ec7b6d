# Tessera: `make run` to start everything locally, `make test` to run the suite.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PYTEST := $(PY) -m pytest

.PHONY: install run test test-embedded test-pg test-unit test-fast lint race fuzz bench bench-quick bench-scaling bench-search chaos compose-check clean help \
        web web-deps web-test web-size web-e2e web-types web-screenshots

help:
	@echo "make run       install, migrate, seed the demo venue and start every process"
	@echo "make test      the whole suite on the embedded backends (SQLite + embedded Redis)"
	@echo "make test-pg   the same suite on PostgreSQL + Redis (see DEVELOPERS.md)"
	@echo "make test-unit only the fast unit tests (make test-fast: the same)"
	@echo "make lint      ruff (lint and format) and mypy; make test runs it first"
	@echo "make race      the capacity races at length (200 rounds) and ten e-mail worker kills, on both backends"
	@echo "make fuzz      schemathesis over /api/openapi.json through the gateway of a fresh system (tests/fuzz)"
	@echo "make bench     throughput, latency, scaling to 1 M bookings and effect latencies through the gateway (bench/README.md)"
	@echo "make chaos     kill every process type, restart Redis and PostgreSQL under booking load, then check nothing was lost"
	@echo "make bench-search  search latency, cache hit vs miss, and staleness after a hold (bench/README.md)"
	@echo "make web       build the web app into web/dist (needs Node.js 20.19+; docs/web.md)"
	@echo "make web-test  the web app's unit tests (Vitest)"
	@echo "make web-size  the customer journey's gzipped JavaScript; fails above 150 KB"
	@echo "make web-e2e   the browser journeys (Playwright + axe) against a fresh Tessera, and the API types check"
	@echo "make web-types regenerate web/src/lib/api-types.ts from a running Tessera's /api/openapi.json"
	@echo "make web-screenshots  run the browser journeys and copy the README's screenshots into docs/screenshots"

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

run: install
	$(PY) -m runner

# pytest exits 5 when it collected nothing; that is a failure here, not a pass.
define run_pytest
	$(PYTEST) $(1); rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc
endef

test: test-embedded

# pytest-xdist workers run whole modules side by side; each worker's systems take Redis databases
# and ports of their own (tests/support/backends.py). On SQLite a third worker fills the CPU the
# other two leave idle while their tests wait on a killed process or a retry (make test: 6 min 28 s
# and 6 min 54 s against 7 min 11 s to 8 min 12 s with two). On PostgreSQL the systems share one
# server (100 connections): make test-pg runs the races (marked `race`: hundreds of requests at
# once, each system's connections at their peak) first, one at a time, then the rest on two
# workers (a third took as long and peaked at 89 connections).
TEST_WORKERS ?= 3
TEST_PG_WORKERS ?= 2

# The browser journeys (tests/e2e/test_web_app.py) run on the embedded backend only; both runs need
# the built app, which the runner's test serves too.
test-embedded: install lint web web-test
	@TESSERA_TEST_BACKEND=embedded $(call run_pytest,-n $(TEST_WORKERS) --dist loadfile)

# Tests marked one_backend (unit tests, the gateway's own behaviour, the browser journeys) do not
# depend on the database: make test runs them, make test-pg leaves them out.
test-pg: install web
	@TESSERA_TEST_BACKEND=postgres $(call run_pytest,-m "race and not one_backend")
	@TESSERA_TEST_BACKEND=postgres $(call run_pytest,-n $(TEST_PG_WORKERS) --dist loadfile -m "not race and not one_backend")

test-unit: install
	@$(call run_pytest,tests/unit)

test-fast: test-unit

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

# make test runs 20 rounds of the slot, stay, appointment and reservation-series races per backend, kills the e-mail
# worker once and sends 300 events twice; this runs 200 rounds, kills it ten times in one batch and sends 1,000 twice.
RACES := tests/integration/test_slot_race.py tests/integration/test_range_holds.py tests/e2e/test_stay_race.py \
         tests/e2e/test_appointment_race.py \
         tests/integration/test_reservations.py::test_series_racing_for_the_same_times_never_overlap \
         tests/integration/test_email_delivery.py::test_sigkilled_email_worker_delivers_every_message_once \
         tests/integration/test_email_delivery.py::test_every_event_published_twice_gives_one_message_and_one_audit_row
RACE_SIZES := TESSERA_RACE_ROUNDS=200 TESSERA_EMAIL_KILLS=10 TESSERA_REDELIVERED_EVENTS=1000
race: install
	@$(RACE_SIZES) TESSERA_TEST_BACKEND=embedded $(call run_pytest,$(RACES))
	@$(RACE_SIZES) TESSERA_TEST_BACKEND=postgres $(call run_pytest,$(RACES))

# make test runs a short, fixed-seed schemathesis run (tests/fuzz/test_public_api_fuzz.py); this is the
# long one with a fresh seed. TESSERA_TEST_BACKEND=postgres make fuzz for PostgreSQL + Redis.
fuzz: install
	$(PY) -m tests.fuzz

# Both run on PostgreSQL and a Redis server of their own, the way production runs (bench/system.py);
# about 15 and 6 minutes. BENCH_ARGS=--quick for a short run.
bench: install
	$(PY) -m bench $(BENCH_ARGS)

bench-quick: install
	$(PY) -m bench --quick

bench-scaling: install
	$(PY) -m bench.scaling $(BENCH_ARGS)

chaos: install
	$(PY) -m bench.chaos $(CHAOS_ARGS)

# TESSERA_TEST_BACKEND=postgres make bench-search for PostgreSQL + Redis.
bench-search: install
	$(PY) -m bench.search_cache

# The web app (web/, docs/web.md). `web` builds only when web/dist is older than its sources.
web-deps:
	@cd web && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }

web: install
	$(PY) -m runner.web_build

web-test: web-deps
	cd web && npm test

web-size: web
	cd web && npm run size

web-e2e: install web
	@TESSERA_TEST_BACKEND=embedded $(call run_pytest,tests/e2e/test_web_app.py)

# From a running Tessera (`make run`, or TESSERA_API_URL); tests/e2e/test_web_app.py fails when they are stale.
# The journeys save every page and state they visit under var/screenshots; these are the README's.
README_SCREENSHOTS := desktop-2-slots desktop-staff-1-day-sheet desktop-stay-2-rooms desktop-staff-desk-2-folio \
                     desktop-appointment-2-times desktop-staff-appointment-1-day
web-screenshots: web-e2e
	@for name in $(README_SCREENSHOTS); do cp var/screenshots/$$name.png docs/screenshots/$$name.png; done

web-types: web-deps
	cd web && npm run api-types

compose-check:
	docker-compose -f docker-compose.yml config -q

clean:
	rm -rf var .pytest_cache web/dist web/test-results
