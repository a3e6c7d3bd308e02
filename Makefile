# Two commands set everything up from nothing: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# `make run` installs the app only; `make test` (and bench) add the test tools.
APP_STAMP := $(VENV)/.installed-app
STAMP := $(VENV)/.installed-test

.PHONY: run test lint test-slow bench clean catalogues

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs in seconds what pip takes half a minute for; pip installs uv itself, and
# installs everything the old way if uv cannot be had. --compile-bytecode: every process
# (the app's first frame, each test worker) reads compiled modules, even where
# PYTHONDONTWRITEBYTECODE is set, as it is on some CI machines.
INSTALL = $(BIN)/python -m pip install --quiet uv \
	&& $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python
# Tests and their own modules compiled once, not once in every worker and subprocess.
PYTEST = env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest

$(APP_STAMP): $(BIN)/python pyproject.toml
	$(INSTALL) -e . || $(BIN)/python -m pip install --quiet -e .
	touch $(APP_STAMP)

$(STAMP): $(BIN)/python pyproject.toml
	$(INSTALL) -e '.[test]' || $(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $(APP_STAMP)

# The checkout's own home (db/ here, git-ignored); an installed `minutes` uses the
# user-data folder instead (README: Install, and `minutes backup` to move meetings).
run: $(APP_STAMP)
	$(BIN)/minutes --home .

# pyproject.toml addopts runs three workers (pytest-xdist); add -n 0 for one process.
# The in-process gate; test-slow runs the long variants, PostgreSQL and LibreOffice.
# mypy (one core, ~20 s from a fresh clone) runs beside the suite, its report after it.
test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/lint-imports
	@$(BIN)/mypy > $(VENV)/mypy.log 2>&1 & mypy=$$!; \
	  $(PYTEST) -q; tests=$$?; \
	  wait $$mypy; typed=$$?; echo "mypy: $$(tail -n 1 $(VENV)/mypy.log)"; \
	  [ $$typed -eq 0 ] || cat $(VENV)/mypy.log; \
	  [ $$tests -eq 0 ] && [ $$typed -eq 0 ]

test-slow: $(STAMP)
	$(PYTEST) -q -m slow

# Every speed figure beside its anchor, one table; writes bench/results.json.
# BENCH_ARGS=--quick for a smaller run. pandoc (the Word export's anchor) is installed
# when missing and possible; otherwise its row says "pandoc missing".
bench: $(STAMP)
	@command -v pandoc >/dev/null 2>&1 || apt-get install -y pandoc >/dev/null 2>&1 \
		|| echo "pandoc missing: the Word export row will have no anchor"
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV)

# Compile the gettext catalogues (src/minutes_tui/locale/*/LC_MESSAGES/*.po → .mo).
catalogues: $(STAMP)
	$(BIN)/python tools/catalogues.py
