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
# installs everything the old way if uv cannot be had.
INSTALL = $(BIN)/python -m pip install --quiet uv && $(BIN)/uv pip install --quiet --python $(BIN)/python

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
test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

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
