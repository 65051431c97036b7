# The course's two front doors: `make book` and `make test`.  Both set up a virtual
# environment in .venv the first time (and again only when requirements.txt or
# pyproject.toml change), then do their work.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip --disable-pip-version-check
BROWSER_STAMP := tests/browser/node_modules/.installed

.PHONY: help setup book test test-core lab learners notebooks chapter bench clean

help:
	@echo "make book       build the book into _build/html"
	@echo "make test       run every test (nnlib, notebooks, widgets, exercises, book, browser)"
	@echo "make lab        open JupyterLab on the learners' notebooks; LAB_ARGS=\"--port 8890 --no-browser\""
	@echo "make test-core  run the numpy-only tests (nnlib's core and the exercise checkers), in seconds"
	@echo "make learners   regenerate the learners' notebooks in learners/ from chapters/"
	@echo "make notebooks  re-execute the chapter notebooks in place (after editing one)"
	@echo "make chapter    start chapter N: make chapter N=15 NAME=dropout [TITLE=\"Dropout\"] [CAPTION=\"Regularisation\"]"
	@echo "make bench      measure speed against the targets (not part of make test); BENCH=--quick"
	@echo "make clean      remove _build (keeps .venv)"

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed; $(PYTHON) is " + sys.version.split()[0])'
	@test -x $(BIN)/python || { echo "==> creating $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo "==> installing the course's packages into $(VENV) (a few minutes the first time)"
	$(PIP) install --progress-bar on -r requirements.txt -e .
	@touch $@

book: $(STAMP)
	$(BIN)/python tools/build_book.py

# chromium (apt-get, as root) and the browser tests' local CDN copies (npm ci).
$(BROWSER_STAMP): tests/browser/package.json tests/browser/package-lock.json tools/setup_browser.sh
	@sh tools/setup_browser.sh

# Two workers (pytest-xdist): one builds the book and runs the tests that read it (one browser);
# the other runs every other test file meanwhile (tests/conftest.py groups them).
test: $(STAMP) $(BROWSER_STAMP)
	$(BIN)/python -m pytest -ra -n 2 --dist loadscope --no-loadscope-reorder

test-core: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 tests/core tests/check

# JupyterLab on the exercise notebooks, in the same .venv; anything else for it goes in LAB_ARGS,
# e.g. make lab LAB_ARGS="--no-browser --port 8890" (a machine without a desktop).
# As root (a container), JupyterLab refuses to start without --allow-root.
LAB_ARGS ?=
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=learners $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

learners: $(STAMP)
	$(BIN)/python tools/make_learners.py

notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py

# A new chapter's skeleton, in every place it needs (tools/new_chapter.py says which); CORE= the core
# module its formula goes in (default training), CAPTION= a new part of the book for it.
chapter: $(STAMP)
	@test -n "$(N)" -a -n "$(NAME)" || { echo "usage: make chapter N=15 NAME=dropout [TITLE=...] [CAPTION=...] [CORE=...]"; exit 2; }
	$(BIN)/python tools/new_chapter.py $(N) $(NAME) $(if $(TITLE),--title "$(TITLE)") $(if $(CAPTION),--caption "$(CAPTION)") $(if $(CORE),--core $(CORE))

# Options: make bench BENCH="--quick" (or --skip-book, --only step, ...; see tools/bench.py).
# PyTorch, for the comparison, is optional: .venv/bin/pip install torch==2.13.0 (a CPU build).
bench: $(STAMP)
	$(BIN)/python tools/bench.py $(BENCH)

clean:
	rm -rf _build
