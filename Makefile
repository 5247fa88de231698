# Two commands for a fresh clone:
#   make run    set up, load the demo data into SQLite, serve on http://127.0.0.1:8000
#   make test   set up, then run the whole suite on SQLite and again on PostgreSQL
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/cbm_registry
# The suite runs in one process per core (pytest-xdist; a test module stays in one process so its
# fixtures are built once); TEST_WORKERS=0 runs it in this process. Schemathesis gives all its
# generated tests one node id, which pytest-xdist would run once and silently drop 87 of: that
# module runs in a process of its own, after the others.
TEST_WORKERS ?= auto
SCHEMATHESIS := tests/test_api_schemathesis.py
PYTEST := $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --ignore=$(SCHEMATHESIS)

.PHONY: run demo-data test test-sqlite test-postgres lint install chromium clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: export DJANGO_DEBUG = 1
run: demo-data
	$(PY) manage.py runserver 127.0.0.1:8000

demo-data: export DJANGO_DEBUG = 1
demo-data: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_registry
	$(PY) manage.py ensure_demo_curator
	$(PY) manage.py ingest fixtures/articles --kind news --no-suggest
	$(PY) manage.py load_gold --reviewer $${DEMO_CURATOR_USERNAME:-curator}
	$(PY) manage.py ingest fixtures/demo-ru/tass-13704063.txt --language ru --kind analysis \
	  --publisher ТАСС --url https://tass.ru/info/13704063 \
	  --title "Венский документ. История и содержание" --no-suggest
	$(PY) manage.py ingest fixtures/demo-ru/ria-1371485582.txt --language ru --kind news \
	  --publisher "РИА Новости" --url https://ria.ru/20160208/1371485582.html --no-suggest
	$(PY) manage.py load_gold fixtures/demo-ru --reviewer $${DEMO_CURATOR_USERNAME:-curator}
	$(PY) manage.py train_measure_model --language en
	$(PY) manage.py train_measure_model --language ru
	$(PY) manage.py suggest

# Browser tests drive Debian's chromium; install it if it is missing (needs root and apt).
chromium:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests …"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
	  || { echo "Could not install chromium: install Debian's chromium package and run make test again." >&2; exit 1; }; }

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: lint test-sqlite test-postgres

test-sqlite: install chromium
	env -u DATABASE_URL $(PYTEST) -m 'not postgres'
	env -u DATABASE_URL $(PY) -m pytest -m 'not postgres' $(SCHEMATHESIS)

test-postgres: install chromium
	$(PY) .ci/ensure_postgres.py "$(POSTGRES_URL)"
	DATABASE_URL="$(POSTGRES_URL)" $(PYTEST)
	DATABASE_URL="$(POSTGRES_URL)" $(PY) -m pytest $(SCHEMATHESIS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
