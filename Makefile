# The one place that knows how to install, build, serve, test, export and publish the dataset.
#
#   make serve                              build if needed, then serve on http://127.0.0.1:8001
#   make test                               install what the tests need and run them all
#   make test-fast                          the tests that need no browser and build nothing of their own: seconds
#   make build [SEEDS=folder] [DB=path]     (re)build the database from a folder of *.txt
#   make csv                                every table and the map view as CSV in build/csv/
#   make forms-report                       the forms corpus (tests/fixtures/forms) against what a reader expects
#   make loadtest [LOADTEST_DB=path]        16 clients for 30 s; figures in build/loadtest.md
#   make bench                              build and serving at 100, 1,000, 10,000 documents: build/bench.md, README
#   make hardening                          Datasette's defaults against this instance, under attack: build/hardening.md
#   make serve BASE_URL=/kashmir-data/      serve under a path, behind a proxy
#   make serve BASEMAP=online               map tiles from OpenStreetMap's servers (default: offline)
#   make serve WORKERS=1                    one Datasette process (default: one per core)
#   make ftm                                FollowTheMoney entities for Aleph: build/kashmir.ftm.json
#   make package | publish-cloudrun | publish-fly    deploy beyond this machine (see README)
#
# Every target installs what it needs first: a virtual environment in .venv with the pinned
# requirements. Only Python 3.11 and make are assumed, on Debian: what else is needed (ICU's
# headers for PyICU, Chromium for the browser tests) comes from apt-get where missing.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= seeds
DB ?= build/kashmir.db
INSPECT := $(basename $(DB))-inspect.json
CSV_DIR ?= build/csv
FTM ?= $(basename $(DB)).ftm.json
HOST ?= 127.0.0.1
PORT ?= 8001
BASE_URL ?= /
WORKERS ?= $(shell nproc 2>/dev/null || echo 1)
# The map's tiles: offline (OpenStreetMap to zoom 6, served by this instance) or online
# (OpenStreetMap's servers; what the published containers use). See plugins/basemap.py.
BASEMAP ?= offline

BUILD := $(BIN)/python -m scripts.build --seeds $(SEEDS) --db $(DB) && $(BIN)/datasette inspect $(DB) --inspect-file $(INSPECT)

.PHONY: install browser build serve test test-fast forms-report loadtest bench hardening csv ftm package publish-cloudrun publish-fly clean

install: $(VENV)/.installed

# PyICU (needed by followthemoney) compiles against ICU: install Debian's headers where missing.
$(VENV)/.installed: requirements.txt requirements-data.txt
	@pkg-config --exists icu-uc 2>/dev/null || { \
	  echo "installing Debian's libicu-dev and pkg-config (PyICU compiles against them)"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config >/dev/null; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-data.txt
	@# plugins/search_everything.py replaced it: an older environment must not serve its /-/search too
	$(BIN)/python -m pip uninstall --quiet --disable-pip-version-check -y datasette-search-all 2>/dev/null || true
	touch $@

# Always rebuilds: the command to run after editing seeds or code.
build: install
	$(BUILD)

# The build's own code: the entry point, the pipeline's stages, the curated files' readers and
# the helpers they share. Not the exports, the serving settings, the tools, nor the plugins.
BUILD_CODE := scripts/build.py $(shell find scripts/pipeline scripts/curated scripts/common -name '*.py' -o -name '*.yml')

# Rebuilds only when a seed, the seeds folder (a file added or removed) or the build's code changed.
$(DB) $(INSPECT) &: $(VENV)/.installed $(SEEDS) $(wildcard $(SEEDS)/*) $(BUILD_CODE)
	$(BUILD)

# Read-only: the database is served immutable, with counts from the inspect file; the
# settings live in scripts/serve/settings.py. One Datasette process per core (WORKERS=1:
# `datasette serve` itself), all on one socket: scripts/serve/workers.py.
serve: $(DB) $(INSPECT)
	KASHMIR_BASEMAP=$(BASEMAP) $(BIN)/python -m scripts.serve.workers --workers $(WORKERS) --host $(HOST) --port $(PORT) -- \
	  -i $(DB) --inspect-file $(INSPECT) $$($(BIN)/python -m scripts.serve.settings options $(BASE_URL))

# The map test drives Debian's Chromium (never a downloaded browser): install it where missing.
browser:
	@command -v chromium >/dev/null || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install browser
	$(BIN)/python -m pytest tests -ra

# The loop while working: every test but those that drive the browser or build databases of
# their own (pytest markers `browser` and `slow`), in seconds. `make test` still runs them all.
test-fast: install
	$(BIN)/python -m pytest tests -ra -m "not browser and not slow"

# Not part of `make test`: 16 clients for 30 s against a local server; figures in build/loadtest.*
# `make loadtest LOADTEST_DB=build/bench/kashmir-10000/kashmir.db` serves a database already
# built (the benchmark's 10,000 documents, after `make bench`) as it is, without rebuilding it.
LOADTEST_DB ?=
loadtest: $(if $(LOADTEST_DB),install,$(DB) $(INSPECT))
	$(BIN)/python -m scripts.tools.loadtest --db $(or $(LOADTEST_DB),$(DB)) $(if $(LOADTEST_DB),,--inspect $(INSPECT)) --clients 16 --seconds 30 --out build/loadtest

# Not part of `make test`: Datasette's defaults against this instance's hardening, on the largest
# benchmark database (make bench first); figures in build/hardening.md.
hardening: install
	$(BIN)/python -m scripts.tools.hardening_bench --db build/bench/kashmir-10000/kashmir.db --out build/hardening.md

# Not part of `make test`: synthetic corpora of 100, 1,000 and 10,000 documents built, served
# and mapped; figures in build/bench.md. Takes about ten minutes on two cores.
bench: install browser
	$(BIN)/python -m scripts.tools.bench 100 1000 10000 --out build/bench.md
	$(BIN)/python -m scripts.tools.readme_bench --bench build/bench.md --readme README.md

# Not part of `make test` (tests/test_forms_corpus.py is): the forms corpus built and compared,
# field by field, with what a reader expects of each document.
forms-report: install
	rm -rf build/forms && mkdir -p build/forms/corpus && cp tests/fixtures/forms/*.txt seeds/places.yml build/forms/corpus/
	$(BIN)/python -m scripts.build --seeds build/forms/corpus --db build/forms/forms.db >/dev/null
	$(BIN)/python -m scripts.tools.forms_score --db build/forms/forms.db --details

csv: $(DB)
	$(BIN)/python -m scripts.export.csv_tables --db $(DB) --out $(CSV_DIR)

# FollowTheMoney entities (JSON lines) for Aleph and OpenAleph: build/kashmir.ftm.json
ftm: $(DB)
	$(BIN)/python -m scripts.export.ftm --db $(DB) --out $(FTM)

# Deploying: the database is immutable, so it scales out as identical stateless replicas.
# Each target builds a container with the database, metadata, plugins, templates and the
# pinned plugins; Datasette's Dockerfile makes the inspect file inside the image.
PUBLISH_INSTALLS := $(foreach package,datasette datasette-cluster-map datasette-leaflet cachetools,\
  --install $(shell grep -E '^$(package)==' requirements.txt | cut -d' ' -f1))
PUBLISH_OPTIONS := --metadata metadata.yml --plugins-dir plugins --template-dir templates $(PUBLISH_INSTALLS) \
  --extra-options "$$($(BIN)/python -m scripts.serve.settings settings)"
SERVICE ?= kashmir-responses
IMAGE ?= kashmir-responses
PUBLISH_FLAGS ?=

# Needs a Docker engine (none runs on the development machine).
package: $(DB)
	$(BIN)/datasette package $(DB) --tag $(IMAGE) $(PUBLISH_OPTIONS) $(PUBLISH_FLAGS)

# Needs the gcloud CLI, logged in to a Google Cloud project with Cloud Run enabled.
publish-cloudrun: $(DB)
	$(BIN)/datasette publish cloudrun $(DB) --service $(SERVICE) --max-instances 10 $(PUBLISH_OPTIONS) $(PUBLISH_FLAGS)

# Needs flyctl, logged in to a Fly.io account (PUBLISH_FLAGS=--generate-dir DIR writes the app
# files and stops, with no account).
publish-fly: $(DB)
	$(BIN)/datasette publish fly $(DB) --app $(SERVICE) $(PUBLISH_OPTIONS) $(PUBLISH_FLAGS)

clean:
	rm -rf build/*.db build/*-inspect.json build/.*.tmp build/csv build/*.ftm.json build/changes.csv
