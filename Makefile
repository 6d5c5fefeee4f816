# steppewatch: the one entry point for set-up, running, testing and benchmarks.
#   make demo   set up, generate the synthetic demo scenario, run the pipeline into SQLite, print a summary
#   make run    as demo, then serve the dashboard on http://127.0.0.1:8000
#   make test   set up (incl. PostgreSQL and Chromium from Debian when missing) and run every test
#   make bench  run the speed and memory benchmarks; figures are printed with the core count

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DOCS   ?= 3000
PYTEST_ARGS ?=

.PHONY: install system-deps demo run test test-fast bench lint typecheck clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	bash scripts/install-system-deps.sh

demo: install
	$(BIN)/steppewatch demo --docs $(DOCS)

run: demo
	$(BIN)/steppewatch serve

test: install system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: install
	$(BIN)/python -m pytest -m "not slow and not browser and not postgres" $(PYTEST_ARGS)

bench: install
	bash scripts/install-system-deps.sh bench
	$(BIN)/python bench/run_all.py

lint: install
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .mypy_cache test-output
