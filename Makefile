# The two commands: `make book` and `make test`. Both create .venv/ and install into it on first use.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help venv book book-fast test test-unit test-notebooks test-book test-execute test-browser \
        bench clean \
        assets chromium node check-portable test-lint

help:
	@echo "make book   - build the whole book into _build/html/ (executes every notebook)"
	@echo "make test   - run every test: workflow lint, unit, nbval, book build with -W, browser tests"
	@echo "make bench  - benchmark mlpcourse against numpy, scikit-learn and PyTorch"
	@echo "also: book-fast (reuse unchanged notebooks' results), test-unit, test-notebooks,"
	@echo "      test-book, test-browser (needs the built book), test-lint (actionlint, zizmor),"
	@echo "      assets (npm ci), chromium"
	@echo "make check-portable - nbval under 3 OpenBLAS kernels x 1 and 2 threads (by hand, slow)"

# tools/ipython_kernel_config.py goes to .venv/etc/ipython/, read by every kernel of .venv:
# the course's figure style (Okabe-Ito colours, 2x-pixel inline figures).
$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml \
          tools/ipython_kernel_config.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt -c constraints.txt
	mkdir -p $(VENV)/etc/ipython
	cp tools/ipython_kernel_config.py $(VENV)/etc/ipython/ipython_kernel_config.py
	touch $@

venv: $(STAMP)

# --- the book (book helper) ------------------------------------------------------------
# The JavaScript the book serves itself (MathJax 3, RequireJS, the widgets HTML manager),
# pinned in package.json + package-lock.json; tools/offline_assets.py copies it into the build.
NODE_STAMP := node_modules/.installed
JB_BUILD := $(BIN)/jupyter-book build . -W --keep-going
# A test stage's failure must fail make: no pipes around the commands below.

node:
	command -v npm >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -q --no-install-recommends nodejs npm; }

$(NODE_STAMP): package.json package-lock.json
	$(MAKE) node
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

assets: $(NODE_STAMP)

# Debian's Chromium for the browser tests (CI runs as root on a fresh machine). Another
# Chromium-based browser can stand in: MLPCOURSE_CHROMIUM=/path/to/it (the GitHub workflow
# uses the runner's Google Chrome).
MLPCOURSE_CHROMIUM ?= /usr/bin/chromium
export MLPCOURSE_CHROMIUM
chromium:
	test -x $(MLPCOURSE_CHROMIUM) || { apt-get update -q && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -q --no-install-recommends chromium; }

# Executes every notebook; -W: a warning (or a failing cell) fails the build.
book: $(STAMP) $(NODE_STAMP)
	$(JB_BUILD)
	@echo "The book is built: open $(CURDIR)/_build/html/index.html"

# Same, but notebooks whose code has not changed reuse their cached results.
book-fast: $(STAMP) $(NODE_STAMP)
	mkdir -p _build
	$(BIN)/python -c "import os, yaml; c = yaml.safe_load(open('_config.yml')); \
	  c['execute']['execute_notebooks'] = 'cache'; ext = c['sphinx']['local_extensions']; \
	  c['sphinx']['local_extensions'] = {k: os.path.abspath(v) for k, v in ext.items()}; \
	  yaml.safe_dump(c, open('_build/fast_config.yml', 'w'), sort_keys=False)"
	$(BIN)/jupyter-book build . --keep-going --config _build/fast_config.yml
	@echo "The book is built: open $(CURDIR)/_build/html/index.html"

# Every stage in order (the browser tests need the book the stage before builds). A failing
# stage does not hide the others: all run, each one's time is printed, and make fails at the
# end if any stage failed.
TEST_STAGES := test-lint test-unit test-execute test-browser
test: $(STAMP)
	@failed=""; summary=""; \
	for stage in $(TEST_STAGES); do \
	  start=$$(date +%s); \
	  if $(MAKE) --no-print-directory $$stage; then result=ok; else result=FAILED; failed="$$failed $$stage"; fi; \
	  summary="$$summary$$(printf '  %-15s %-7s %4ss' $$stage $$result $$(( $$(date +%s) - start )))\n"; \
	done; \
	printf "\nmake test:\n$$summary"; \
	if [ -n "$$failed" ]; then echo "failed stages:$$failed"; exit 1; fi

# nbval over every notebook: it runs, and the cells tagged nbval-check-output print what is committed.
NBVAL_WORKERS ?= 2
test-notebooks: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest -q -n $(NBVAL_WORKERS) --dist loadfile \
	  -p no:cacheprovider --nbval-lax --nbval-current-env book/*.ipynb

# nbval and the book build each execute every notebook, one kernel at a time per process:
# side by side (nbval with one worker) they keep the two cores busy without crowding them.
# Each one's output is printed when it ends; both run even if the other fails.
test-execute: $(STAMP) $(NODE_STAMP)
	$(MAKE) --no-print-directory -j2 --keep-going --output-sync=target NBVAL_WORKERS=1 \
	  test-notebooks test-book

# A clean, strict build (no stale pages for the browser tests to find).
test-book: $(STAMP) $(NODE_STAMP)
	rm -rf _build/html
	$(JB_BUILD)

# axe-core (the accessibility test) comes from node_modules, like the book's own scripts.
# Two workers: a page test mostly waits for Chromium, so two at a time keep both cores busy.
test-browser: $(STAMP) $(NODE_STAMP) chromium
	test -f _build/html/index.html || { echo "no built book: run make test-book first"; exit 1; }
	$(BIN)/python -m pytest tests/browser -q -p no:cacheprovider -n 2 --dist load --durations=10

test-unit: $(STAMP)
	$(BIN)/python -m pytest tests -n 2 -q

# The GitHub Actions workflow: actionlint (with ShellCheck on its run: scripts) and zizmor's
# security audits (offline: the audits that ask GitHub's API are left out).
WORKFLOWS := $(wildcard .github/workflows/*.yml)
test-lint: $(STAMP)
	$(BIN)/actionlint -shellcheck $(BIN)/shellcheck $(WORKFLOWS)
	$(BIN)/zizmor --offline --persona=pedantic $(WORKFLOWS)
	$(BIN)/python tools/repo_url.py --check

# By hand, before committing a checked cell (make test does not call it): nbval under several
# OpenBLAS kernels and thread counts, listing every checked cell whose output changes.
# One notebook: make check-portable NOTEBOOKS=book/regression.ipynb
NOTEBOOKS ?=
check-portable: $(STAMP)
	$(BIN)/python tools/check_portable.py $(NOTEBOOKS)

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf _build .pytest_cache .hypothesis
