# Backchannel: `make serve` and `make test` each build the virtual environment from the
# lock file when it is missing or stale, then serve or test. Dependencies and the sources are
# compiled to bytecode when installed, so no process (nor a read-only or
# PYTHONDONTWRITEBYTECODE environment) pays for compiling them at start-up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP  := $(VENV)/.synced

export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

.PHONY: serve test lint typecheck bench chaos fuzz coverage-table clean

$(STAMP): pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv sync --frozen --quiet --compile-bytecode
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/backchannel serve

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# SIGKILL a loaded server several times and check that no acknowledged write was lost
# (SQLite, and PostgreSQL when BACKCHANNEL_TEST_POSTGRES_URL is set).
chaos: $(STAMP)
	$(BIN)/python scripts/chaos.py $(CHAOS_ARGS)

# Schemathesis over all 108 operations against a real server, many examples per operation;
# prints the figures and fails on any 5xx or response that does not match the spec.
fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz.py $(FUZZ_ARGS)

coverage-table: $(STAMP)
	$(BIN)/python scripts/operation_coverage.py

clean:
	rm -rf $(VENV) .pytest_cache .backchannel
