# The README's two commands: `make run` and `make test`. Each is self-contained.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
# Passed on, so links in the emails `make run` writes point at the port it serves.
export PORT
export FLASK_APP := wsgi

.PHONY: run test test-fast install install-dev i18n lint migrate-check clean

# Both cores: test files are spread over two workers (a file stays on one worker, so its
# module fixtures are built once).
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist loadfile

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

# axe-core, which the browser tests load into each page, from npm at the pinned version.
AXE_CORE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE_CORE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $@

# The translations: .po files under sakrad/translations are the source (Poedit, Weblate);
# the .mo files are built from them.
TRANSLATIONS := sakrad/translations
EXTRACT := $(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext --no-location \
	--sort-output -o $(TRANSLATIONS)/messages.pot sakrad templates templates/_macros

install: $(VENV)/.installed
	$(BIN)/pybabel -q compile -d $(TRANSLATIONS)

install-dev: $(VENV)/.installed-dev $(AXE_CORE)
	$(BIN)/pybabel -q compile -d $(TRANSLATIONS)

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask sakrad seed-demo-if-empty
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

test: install-dev
	$(BIN)/pytest $(PYTEST_PARALLEL)

# The edit loop: unit and integration tests, no browser.
test-fast: install-dev
	$(BIN)/pytest $(PYTEST_PARALLEL) tests/unit tests/integration

# After changing interface strings: extract them and merge them into the sv and en catalogs,
# then translate the new Swedish entries in sakrad/translations/sv/LC_MESSAGES/messages.po.
i18n: install-dev
	$(EXTRACT)
	$(BIN)/pybabel -q update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) \
		--no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel -q compile -d $(TRANSLATIONS) --statistics

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrate-check: install
	$(BIN)/flask db upgrade
	$(BIN)/flask db check

clean:
	rm -rf $(VENV) instance .pytest_cache tests/browser/node_modules
