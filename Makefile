# Two-command quickstart: `make demo` and `make test` each set up the
# virtualenv (created once, reinstalled when pyproject.toml changes) and run.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Released data: the read-only copy beside the checkout when there is one,
# else the product downloads it into ~/.cache/exedec_tf (or $EXEDEC_DATA_DIR).
DATA_DIR ?= $(firstword $(wildcard ../shared/exedec_data))
PYTEST_ARGS ?= -n 2

.PHONY: setup demo reproduce test test-fast lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/exedec-tf demo $(if $(DATA_DIR),--data_dir=$(DATA_DIR),)

reproduce: setup
	$(BIN)/exedec-tf reproduce $(if $(DATA_DIR),--data_dir=$(DATA_DIR),)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m "not slow"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python scripts/benchmarks/interpreter.py $(if $(DATA_DIR),--data_dir=$(DATA_DIR),)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
