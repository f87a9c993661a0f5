SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
export HF_HUB_OFFLINE := 1

.PHONY: install setup run test e2e bench lint format

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

install: $(VENV)/.installed

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_catalog
	$(BIN)/python manage.py build_index
	$(BIN)/python manage.py load_ethics
	$(BIN)/python manage.py load_recommender
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py collectstatic --noinput -v0

# Web server and Celery worker together (with beat inside it, for the periodic resync); Ctrl-C (or either one
# dying) stops both.
run: setup
	@echo "MLOps Hub on http://127.0.0.1:$(PORT)/  (Ctrl-C stops web and worker)"
	@trap 'trap - INT TERM EXIT; kill 0 2>/dev/null' INT TERM EXIT; \
	$(BIN)/celery -A community worker -B --loglevel=INFO --concurrency=2 & \
	$(BIN)/gunicorn community.wsgi -c python:community.gunicorn & \
	wait -n

test: install
	VAR_DIR=$(CURDIR)/var/test CELERY_QUEUE=mlopshub-test $(BIN)/python -m pytest $(PYTEST_ARGS)

# The browser journeys alone (headless Chromium against gunicorn and a worker); screenshots in var/e2e-artifacts/.
e2e: install
	VAR_DIR=$(CURDIR)/var/test CELERY_QUEUE=mlopshub-test $(BIN)/python -m pytest tests/e2e $(PYTEST_ARGS)

bench: install
	VAR_DIR=$(CURDIR)/var/bench $(BIN)/python -m tests.bench.run $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .
