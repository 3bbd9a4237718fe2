# The one place that knows how to install, build, serve and test the dataset.
#
#   make serve                              build if needed, then serve on http://127.0.0.1:8001
#   make test                               install what the tests need and run them all
#   make build [SEEDS=folder] [DB=path]     (re)build the database from a folder of *.txt
#
# Every target installs what it needs first: a virtual environment in .venv with the pinned
# requirements. Only Python 3.11 and make are assumed.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= seeds
DB ?= build/kashmir.db
HOST ?= 127.0.0.1
PORT ?= 8001

# Serving settings for a public, read-only instance: facets come from metadata.yml rather than
# being guessed on every page, and long document texts are cut short in table cells.
DATASETTE_SETTINGS := \
	--setting suggest_facets off \
	--setting truncate_cells_html 300

BUILD := $(BIN)/python -m scripts.build --seeds $(SEEDS) --db $(DB)

.PHONY: install browser build serve test clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Always rebuilds: the command to run after editing seeds or code.
build: install
	$(BUILD)

# Rebuilds only when a seed, the seeds folder (a file added or removed) or the code changed.
$(DB): $(VENV)/.installed $(SEEDS) $(wildcard $(SEEDS)/*) $(wildcard scripts/*.py)
	$(BUILD)

serve: $(DB)
	$(BIN)/datasette serve -i $(DB) --metadata metadata.yml --host $(HOST) --port $(PORT) $(DATASETTE_SETTINGS)

# The map test drives Debian's Chromium (never a downloaded browser): install it where missing.
browser:
	@command -v chromium >/dev/null || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install browser
	$(BIN)/python -m pytest tests -ra

clean:
	rm -f build/*.db build/.*.tmp
