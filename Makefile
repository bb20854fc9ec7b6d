# Tessera: `make run` to start everything locally, `make test` to run the suite.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PYTEST := $(PY) -m pytest

.PHONY: install run test test-embedded test-pg test-unit race fuzz bench bench-search chaos compose-check clean help

help:
	@echo "make run       install, migrate, seed the demo venue and start every process"
	@echo "make test      the whole suite on the embedded backends (SQLite + embedded Redis)"
	@echo "make test-pg   the same suite on PostgreSQL + Redis (see DEVELOPERS.md)"
	@echo "make test-unit only the fast unit tests"
	@echo "make race      the capacity races at length (200 rounds) and ten e-mail worker kills, on both backends"
	@echo "make fuzz      schemathesis over /api/openapi.json through the gateway of a fresh system (tests/fuzz)"
	@echo "make bench     throughput, latency, scaling to 1 M bookings and effect latencies through the gateway (bench/README.md)"
	@echo "make chaos     kill every process type, restart Redis and PostgreSQL under booking load, then check nothing was lost"
	@echo "make bench-search  search latency, cache hit vs miss, and staleness after a hold (bench/README.md)"

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

test-embedded: install
	@TESSERA_TEST_BACKEND=embedded $(call run_pytest,)

test-pg: install
	@TESSERA_TEST_BACKEND=postgres $(call run_pytest,)

test-unit: install
	@$(call run_pytest,tests/unit)

# make test runs 20 rounds of the slot race per backend and kills the e-mail worker once;
# this runs 200 rounds and kills it ten times in one batch.
RACES := tests/integration/test_slot_race.py tests/integration/test_range_holds.py \
         tests/integration/test_email_delivery.py::test_sigkilled_email_worker_delivers_every_message_once
race: install
	@TESSERA_RACE_ROUNDS=200 TESSERA_EMAIL_KILLS=10 TESSERA_TEST_BACKEND=embedded $(call run_pytest,$(RACES))
	@TESSERA_RACE_ROUNDS=200 TESSERA_EMAIL_KILLS=10 TESSERA_TEST_BACKEND=postgres $(call run_pytest,$(RACES))

# make test runs a short, fixed-seed schemathesis run (tests/fuzz/test_public_api_fuzz.py); this is the
# long one with a fresh seed. TESSERA_TEST_BACKEND=postgres make fuzz for PostgreSQL + Redis.
fuzz: install
	$(PY) -m tests.fuzz

# Both run on PostgreSQL and a Redis server of their own, the way production runs (bench/system.py);
# about 15 and 6 minutes. BENCH_ARGS=--quick for a short run.
bench: install
	$(PY) -m bench $(BENCH_ARGS)

chaos: install
	$(PY) -m bench.chaos $(CHAOS_ARGS)

# TESSERA_TEST_BACKEND=postgres make bench-search for PostgreSQL + Redis.
bench-search: install
	$(PY) -m bench.search_cache

compose-check:
	docker-compose -f docker-compose.yml config -q

clean:
	rm -rf var .pytest_cache
