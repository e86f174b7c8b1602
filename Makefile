# Two commands: `make run` serves the guide, `make test` runs every test.
# Both bootstrap the same way: a .venv from the pinned requirements, compiled messages,
# collected static files.

HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# .python-version selects 3.13 through pyenv; fall back to any python3.13/3.12 on PATH.
PYTHON_BOOT ?= $(shell pyenv which python 2>/dev/null || command -v python3.13 || command -v python3.12)
MANAGE := $(BIN)/python manage.py
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test test-fast bootstrap messages static clean check-python system-deps accessibility-record

# The counts (docs/operating.md) on their own loopback port; METRICS_BIND= turns them off.
METRICS_BIND ?= 127.0.0.1:9100

run: bootstrap
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-mynalicense.settings.dev} \
	  MYNALICENSE_METRICS_BIND=$(METRICS_BIND) \
	  $(BIN)/gunicorn --config deploy/gunicorn.conf.py --bind $(HOST):$(PORT) mynalicense.wsgi

test: system-deps bootstrap $(VENV)/.dev-installed node_modules/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# For work in progress: everything but the real browser, the real servers and the exhaustive
# rule runs (well under a minute). `make test` still runs all of them.
test-fast: system-deps bootstrap $(VENV)/.dev-installed
	$(BIN)/python -m pytest -m "not browser and not system and not exhaustive" $(PYTEST_ARGS)

# The OS packages the tests need (gettext, Chromium, the Noto CJK fonts, Java, npm, nginx,
# openssl, poppler-utils): installed when missing if run as root, otherwise the script prints
# the one command to run and stops here. First, so that nothing after it finds them missing.
system-deps:
	scripts/install-system-deps

bootstrap: $(VENV)/.installed messages static

check-python:
	@test -n "$(PYTHON_BOOT)" || { echo "Python 3.12+ not found: install 3.13 (pyenv install 3.13)"; exit 1; }

$(VENV)/.installed: requirements.txt | check-python
	test -x $(BIN)/python || $(PYTHON_BOOT) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Test-only npm tools (the Nu Html Checker), pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

messages: $(MO_FILES)

%.mo: %.po | $(VENV)/.installed
	msgfmt --check --output-file=$@ $<

static: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=mynalicense.settings.dev $(MANAGE) collectstatic --noinput --verbosity 0

clean:
	rm -rf $(VENV) staticfiles node_modules $(MO_FILES)

# After `make test` (or `pytest -m browser`): the accessibility statement's date and
# results from that run (test-artifacts/accessibility-results.json) into
# wizard/data/accessibility.json. Commit that file. docs/operating.md.
accessibility-record: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=mynalicense.settings.dev $(MANAGE) accessibility_record

# Benchmarks (issue 6, docs/performance.md), kept out of `make test`: the server benchmark
# (gunicorn as `make run` starts it, loaded with wrk) and the rules benchmark; Lighthouse
# with its own pinned npm install in bench/. Each installs what it needs.
.PHONY: bench lighthouse
bench:
	bash bench/run all

lighthouse:
	bash bench/run lighthouse
