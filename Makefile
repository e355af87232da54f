# The two commands a new user needs (see README.md):
#   make demo   set up, then documents in examples/ → embedded graph → summary + HTML view
#   make test   set up (Python deps, Chromium, the test Neo4j server) and run every test
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: setup demo test lint clean

setup: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

demo: setup
	$(BIN)/docgraph build examples/ --store docgraph-store --view docgraph-view.html

test: setup
	bash scripts/test

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf docgraph-store docgraph-view.html .pytest_cache
