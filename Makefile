# Two entry points that work on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test lint typecheck unit unit-fast grid grid-baseline eval bench docs fixtures clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/armswatch analyze samples/ --format pretty
	$(BIN)/armswatch run samples/ --db demo.duckdb --no-progress
	@echo "Open the dashboard: $(BIN)/armswatch serve --db demo.duckdb, then http://127.0.0.1:8000/"

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

# The tests that need no trained spaCy model (not marked slow): a quick development loop.
# A test that loads the model without the mark is skipped there and named (tests/grid/model_guard.py).
unit-fast: $(STAMP)
	PYTHONPATH=tests/grid $(BIN)/pytest -q -m "not slow" -p model_guard

# The behavioural grid (src/armswatch/grid/): pass rates per construction and event type,
# the largest failure classes and the failures; exits 1 below tests/grid/baseline.json.
grid: $(STAMP)
	$(BIN)/python -m armswatch.grid $(GRID_ARGS)

# Record the current grid figures as the baseline tests/grid/test_grid.py holds the code to.
grid-baseline: $(STAMP)
	$(BIN)/python -m armswatch.grid --failures 0 --write-baseline tests/grid/baseline.json

eval: $(STAMP)
	$(BIN)/armswatch eval $(SHARED)/gold/seed
	$(BIN)/armswatch eval $(SHARED)/gold/dev
	$(BIN)/armswatch eval $(SHARED)/gold/global

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/watch_round.py --feeds 50 --items 20

docs: $(STAMP)
	$(BIN)/python -m armswatch.docs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
