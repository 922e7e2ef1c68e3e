# duohub-retriever: every task a maintainer or CI runs. `make install` builds .venv from nothing.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: install generate check-drift lint test test-fast demo bench build clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

generate: $(VENV)/.installed
	$(PY) scripts/generate.py

check-drift: $(VENV)/.installed
	$(PY) scripts/check_drift.py

lint: $(VENV)/.installed
	$(BIN)/ruff check overlay scripts tests
	$(BIN)/ruff format --check overlay scripts tests
	$(BIN)/mypy

test: install
	$(BIN)/pytest -q

demo: $(VENV)/.installed
	$(PY) examples/demo.py

bench: $(VENV)/.installed
	$(PY) scripts/bench/run.py

build: $(VENV)/.installed
	rm -rf dist && $(PY) -m build --wheel --sdist --outdir dist .

clean:
	rm -rf $(VENV) node_modules dist .pytest_cache .mypy_cache .hypothesis
