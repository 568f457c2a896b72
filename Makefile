# Two entry points that work on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test lint typecheck unit eval bench docs fixtures clean

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

eval: $(STAMP)
	$(BIN)/armswatch eval $(SHARED)/gold/seed
	$(BIN)/armswatch eval $(SHARED)/gold/dev

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/memory.py

docs: $(STAMP)
	$(BIN)/python -m armswatch.docs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
