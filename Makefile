# Two commands: `make run` (set up and serve the demo) and `make test` (set up and run the tests).
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: run test test-postgres install lint bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/reskill init
	$(VENV)/bin/reskill serve --host 127.0.0.1 --port 5000 --debug

test: $(STAMP)
	$(PY) -m pytest

# The whole suite again against a throwaway PostgreSQL server (Debian's packages) on 127.0.0.1.
test-postgres: $(STAMP)
	@url=$$(.ci/postgres.sh start) && \
	  RESKILL_TEST_DATABASE_URL=$$url $(PY) -m pytest; rc=$$?; .ci/postgres.sh stop; exit $$rc

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy skills_graph recommender web

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
