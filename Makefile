# Two commands: `make serve` and `make test`. Both set up what they need and are safe to re-run.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cksum < package-lock.json | cut -d' ' -f1)
ZVENV  := .venv-zensical
ZSTAMP := $(ZVENV)/.installed-$(shell cksum < requirements-zensical.txt | cut -d' ' -f1)
ENGINE ?= mkdocs
ENGINE_STAMP := $(if $(filter zensical,$(ENGINE)),$(ZSTAMP))
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup generate site serve test browser clean bench

help:
	@echo "make serve   build and serve the site with live reload at http://127.0.0.1:8000"
	@echo "make test    set up everything the tests need and run the whole suite"
	@echo "make site    build the publishable site into site/ (ENGINE=zensical to build with Zensical)"
	@echo "make bench   measure build, scale, checker speed, page weight and Lighthouse: bench/report.md"

$(STAMP): requirements.txt
	@$(PYTHON) scripts/check_python.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

# Zensical, Material's successor, in its own environment: make site ENGINE=zensical
$(ZSTAMP): requirements-zensical.txt
	@$(PYTHON) scripts/check_python.py
	@test -x $(ZVENV)/bin/python || $(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	@rm -f $(ZVENV)/.installed-* && touch $@

generate: $(STAMP)
	$(BIN)/python scripts/generate.py

site: $(STAMP) $(ENGINE_STAMP)
	@bash scripts/ensure_test_tools.sh chromium
	$(BIN)/python scripts/build_site.py --engine $(ENGINE)

serve: $(STAMP)
	$(BIN)/python scripts/generate.py
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000 --config-file mkdocs.generated.yml

browser:
	@bash scripts/ensure_test_tools.sh

$(NODE_STAMP): package.json package-lock.json | browser
	npm ci --no-audit --no-fund --silent
	@touch $@

test: $(STAMP) $(ZSTAMP) browser $(NODE_STAMP)
	node --test tests/js/
	$(BIN)/python -m pytest

clean:
	rm -rf site generated overrides/generated docs/generated mkdocs.generated.yml .pytest_cache

# Benchmarks (they report; they never fail the tests): writes bench/report.md and bench/results.json
BENCH_LH := bench/node_modules/lighthouse/package.json

$(BENCH_LH): bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
	@touch $@

bench: $(STAMP) browser $(BENCH_LH)
	$(BIN)/python bench/run.py
