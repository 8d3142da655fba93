# Two commands for a fresh machine (see README.md):
#   make start   set everything up and run the main job
#   make test    set everything up and run the whole test suite (what CI runs)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: start test lint setup clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

start: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/meldtrainer cursus start --cursus cursus

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP)
	scripts/ensure-system-packages
	$(BIN)/ruff check .
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache .hypothesis
