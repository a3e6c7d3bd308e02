# Two commands set everything up from nothing: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint test-slow bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/minutes --home .

# pyproject.toml addopts runs two workers (pytest-xdist); add -n 0 for one process.
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
