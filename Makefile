# Wayfinder: `make run` serves the app, `make test` installs everything and runs the checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_DIR ?= $(CURDIR)/.data/demo
# The suite never touches your own data directory.
TEST_SECRET := WAYFINDER_SECRET_KEY=test-only-secret
TEST_ENV := WAYFINDER_DATA_DIR=$(CURDIR)/.data/test $(TEST_SECRET)

.PHONY: run demo test typecheck test-postgres test-moved-clock lint format install install-dev clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Wayfinder needs Python 3.11 or newer (make PYTHON=python3.12 ...)"; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null \
		|| { echo "Python's venv module is missing; on Debian: apt-get install python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf]'
	touch $(STAMP) $@

install: $(STAMP)

install-dev: $(DEV_STAMP)

# The system libraries WeasyPrint draws with (Debian: libpango-1.0-0 libpangoft2-1.0-0
# libharfbuzz0b); when they are there, `make run` adds the `pdf` extra so "Download PDF" works.
PDF_LIBS_PRESENT = $(BIN)/python -c 'import ctypes.util as u, sys; sys.exit(not all(map(u.find_library, ("pango-1.0", "pangoft2-1.0", "harfbuzz"))))'
PDF_STAMP := $(VENV)/.installed-pdf

$(PDF_STAMP): pyproject.toml | $(STAMP)
	@if $(PDF_LIBS_PRESENT); then \
		$(BIN)/python -m pip install --quiet -e '.[pdf]' && touch $@; \
	else \
		echo "PDF download stays off: Pango and HarfBuzz are missing (on Debian: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core, then make run again)"; \
	fi

## Serve Wayfinder on http://$(HOST):$(PORT) with the embedded SQLite database (with PDF
## download when the system libraries for it are installed).
run: $(STAMP) $(PDF_STAMP)
	$(BIN)/wayfinder init
	$(BIN)/wayfinder serve --host $(HOST) --port $(PORT)

## Serve a separate data directory filled with the demo persona.
demo: $(STAMP)
	WAYFINDER_DATA_DIR=$(DEMO_DIR) $(BIN)/wayfinder demo --data-dir $(DEMO_DIR)
	WAYFINDER_DATA_DIR=$(DEMO_DIR) $(BIN)/wayfinder serve --host $(HOST) --port $(PORT)

## Lint, check formatting and run the whole test suite (SQLite unless DATABASE_URL is set).
test: $(DEV_STAMP) typecheck
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

## Type-check services, selectors and the CLI (mypy with django-stubs; files in pyproject.toml).
typecheck: $(DEV_STAMP)
	$(TEST_ENV) $(BIN)/mypy

## The suite again against the local PostgreSQL server.
test-postgres: $(DEV_STAMP)
	$(TEST_ENV) DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(BIN)/pytest $(PYTEST_ARGS)

## The suite again under a moved machine clock (Debian's faketime): 400 days ahead, and
## just before Europe's spring DST change. Tests freeze their own clock, so both must pass.
## libfaketime moves the monotonic clock too, and Python's timed lock waits then never run
## out: a test must not rely on a timed wait expiring (sleep instead). The two runs go side
## by side, one per core, each with its own data directory and log; both logs are printed.
test-moved-clock: $(DEV_STAMP)
	@mkdir -p .data
	@echo "faketime +400d and @2027-03-28 00:59:00, side by side (logs in .data/moved-*.log)"
	@WAYFINDER_DATA_DIR=$(CURDIR)/.data/test-ahead $(TEST_SECRET) faketime -f "+400d" \
		$(BIN)/pytest $(PYTEST_ARGS) > .data/moved-ahead.log 2>&1 & ahead=$$!; \
	WAYFINDER_DATA_DIR=$(CURDIR)/.data/test-dst $(TEST_SECRET) faketime -f "@2027-03-28 00:59:00" \
		$(BIN)/pytest $(PYTEST_ARGS) > .data/moved-dst.log 2>&1; dst=$$?; \
	wait $$ahead; ahead=$$?; \
	echo "== 400 days ahead (exit $$ahead)"; cat .data/moved-ahead.log; \
	echo "== the DST-change day (exit $$dst)"; cat .data/moved-dst.log; \
	test $$ahead -eq 0 && test $$dst -eq 0

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .data build dist src/*.egg-info
