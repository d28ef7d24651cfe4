VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-test lint bench clean

$(BIN)/python:
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test
	scripts/system-deps.sh

run: install
	HOST=$(HOST) scripts/run.sh

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The whole suite on SQLite and, at the same time, on a local PostgreSQL server (installed and
# started by scripts/with-postgres.sh when it is not there); see scripts/test-both.sh.
test: install-test lint
	scripts/test-both.sh $(BIN)/python -m pytest -q

bench: install
	PYTHONPATH=. $(BIN)/python -m bench

clean:
	rm -rf $(VENV) var
