# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

# Local-only values; production takes them from the real environment. In debug mode the keys (encryption at rest,
# the access record) come from var/local-field-keys.json, made on first use (clinic_site/local_keys.py); `make serve` uses them too.
LOCAL_ENV := DJANGO_DEBUG=true
# DATABASE_URL, CACHE_URL, EMAIL_URL and DJANGO_PROXY_COUNT pass through from the environment when set.
SERVE_ENV := PATH=$(CURDIR)/$(BIN):$$PATH DJANGO_DEBUG=false \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-local-serve-only-$$(hostname)-not-for-production-0123456789abcdef} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost} \
	ACCESS_RECORD_KEY=$${ACCESS_RECORD_KEY:-$$($(BIN)/python -m clinic_site.local_keys ACCESS_RECORD_KEY)} \
	DJANGO_FIELD_ENCRYPTION_KEYS=$${DJANGO_FIELD_ENCRYPTION_KEYS:-$$($(BIN)/python -m clinic_site.local_keys DJANGO_FIELD_ENCRYPTION_KEYS)} \
	DJANGO_FIELD_HASH_KEY=$${DJANGO_FIELD_HASH_KEY:-$$($(BIN)/python -m clinic_site.local_keys DJANGO_FIELD_HASH_KEY)} \
	EMAIL_URL=$${EMAIL_URL:-smtp://127.0.0.1:1025} \
	DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-false} DJANGO_SECURE_COOKIES=$${DJANGO_SECURE_COOKIES:-false}

.PHONY: run test lint serve bench lighthouse clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(LOCAL_ENV) $(BIN)/python manage.py migrate --no-input
	$(LOCAL_ENV) $(BIN)/python manage.py load_initial_content
	$(LOCAL_ENV) $(BIN)/python manage.py create_local_staff
	PATH=$(CURDIR)/$(BIN):$$PATH PYTHONUNBUFFERED=1 $(LOCAL_ENV) $(BIN)/honcho --no-colour start --procfile Procfile.dev --port $(PORT)

# Two workers, one per core of the CI machine. Each migrates its test database and loads the initial content
# into it once (tests/conftest.py). Tests are handed out one by one in pytest-django's order (every worker
# runs its database tests before the transactional ones, which empty the tables the migrations and the
# content filled); a module marked xdist_group (servers shared by its tests) runs whole in one worker.
# TEST_WORKERS=0 runs the suite in one process.
TEST_WORKERS ?= 2
test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy
	DJANGO_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

serve: $(STAMP)
	$(SERVE_ENV) $(BIN)/python manage.py release --verbosity 0
	$(SERVE_ENV) $(BIN)/honcho --no-colour start --procfile Procfile --port $(PORT)

bench: $(STAMP)
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) staticfiles var/test-staticfiles .mypy_cache

lighthouse: $(STAMP)
	$(BIN)/python bench/lighthouse.py
