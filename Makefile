# bonsclics — the two commands of the README live here:
#   make run    install and serve on http://127.0.0.1:5000 with the demo network
#   make test   install what tests need and run every test (SQLite, then PostgreSQL)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q

.PHONY: run install install-dev system-deps system-deps-test db translations test test-sqlite test-postgres bench clean

run: install db
	$(FLASK) run --host 127.0.0.1 --port 5000

# Debian/Ubuntu packages: the venv module, and espeak-ng + lame for listening (optional:
# without them "Listen" uses the browser's voice only); Chromium and PostgreSQL for `test`.
system-deps:
	@missing=""; \
	$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || missing="$$missing python3-venv"; \
	command -v espeak-ng >/dev/null || missing="$$missing espeak-ng"; \
	command -v lame >/dev/null || missing="$$missing lame"; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -q && $(APT_INSTALL) $$missing || echo "could not install$$missing"; fi

system-deps-test: system-deps
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -q && $(APT_INSTALL) $$missing; fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: system-deps $(BIN)/python
	$(BIN)/pip install -q -e .
	$(FLASK) fetch-assets
	$(MAKE) translations

install-dev: system-deps-test $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	$(FLASK) fetch-assets --dev
	$(MAKE) translations

translations:
	$(FLASK) translate compile >/dev/null

db:
	$(FLASK) init-db
	$(FLASK) seed-demo

test: install-dev test-sqlite test-postgres

test-sqlite:
	BONSCLICS_REQUIRE_BROWSER=1 $(BIN)/python -m pytest

test-postgres:
	tests/pg-server.sh $(BIN)/python -m pytest -m "not browser"

bench:
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) node_modules static/vendor instance .pytest_cache .hypothesis
