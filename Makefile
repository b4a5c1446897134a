# The README's two commands: `make run` and `make test`. Each is self-contained.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
# Passed on, so links in the emails `make run` writes point at the port it serves.
export PORT
export FLASK_APP := wsgi

.PHONY: run test install install-dev i18n lint migrate-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
	$(BIN)/python -m sakrad.i18n_tool compile

install-dev: $(VENV)/.installed-dev
	$(BIN)/python -m sakrad.i18n_tool compile

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask sakrad seed-demo-if-empty
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

test: install-dev
	$(BIN)/pytest

# After changing interface strings: extract, merge into sv/en, then translate what
# `python -m sakrad.i18n_tool missing` lists.
i18n: install-dev
	$(BIN)/python -m sakrad.i18n_tool update

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrate-check: install
	$(BIN)/flask db upgrade
	$(BIN)/flask db check

clean:
	rm -rf $(VENV) instance .pytest_cache
