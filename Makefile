# Two commands: `make serve` and `make test`. Both set up what they need and are safe to re-run.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
TEST_STAMP := $(VENV)/.tests-$(shell cat requirements.txt requirements-test.txt | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cksum < package-lock.json | cut -d' ' -f1)
ZVENV  := .venv-zensical
ZSTAMP := $(ZVENV)/.installed-$(shell cksum < requirements-zensical.txt | cut -d' ' -f1)
ENGINE ?= mkdocs
ENGINE_STAMP := $(if $(filter zensical,$(ENGINE)),$(ZSTAMP))
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1  # the tests write nothing into the working tree, not even __pycache__

.PHONY: help setup generate site serve check test browser clean bench

help:
	@echo "make serve   build and serve the site with live reload (it prints the address: http://127.0.0.1:8000/ and your site_url's path)"
	@echo "make check   the fast tier: ruff, mypy, the checker's Node tests, every published language's words, pytest without a browser or build (< 20 s)"
	@echo "make test    set up everything the tests need and run the whole suite (check, then the full tier)"
	@echo "make site    build the publishable site into site/ (ENGINE=zensical to build with Zensical)"
	@echo "make bench   measure build time, page weight, checker speed (LIGHTHOUSE=1: Lighthouse): bench/out/report.md"

$(STAMP): requirements.txt
	@bash scripts/make_venv.sh $(PYTHON) $(VENV) requirements.txt
	@rm -f $(VENV)/.installed-* && touch $@

# The test tools, on top of the site's requirements.
$(TEST_STAMP): $(STAMP) requirements-test.txt
	@bash scripts/make_venv.sh $(PYTHON) $(VENV) requirements-test.txt
	@rm -f $(VENV)/.tests-* && touch $@

setup: $(STAMP)

# Zensical, Material's successor, in its own environment: make site ENGINE=zensical
$(ZSTAMP): requirements-zensical.txt
	@bash scripts/make_venv.sh $(PYTHON) $(ZVENV) requirements-zensical.txt
	@rm -f $(ZVENV)/.installed-* && touch $@

generate: $(STAMP)
	$(BIN)/python scripts/generate.py

site: $(STAMP) $(ENGINE_STAMP)
	@bash scripts/ensure_test_tools.sh chromium
	$(BIN)/python scripts/build_site.py --engine $(ENGINE)

serve: $(STAMP)
	$(BIN)/python scripts/generate.py
	@$(BIN)/python scripts/serve_address.py
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000 --config-file mkdocs.generated.yml

browser:
	@bash scripts/ensure_test_tools.sh

$(NODE_STAMP): package.json package-lock.json | browser
	npm ci --no-audit --no-fund --silent
	@touch $@

# pytest's worker processes in `make check` and `make test` (pytest-xdist; 0: one process).
TEST_WORKERS ?= 2

# The fast tier: no browser, no network, no build; nothing written into the working tree but mypy's
# cache (.mypy_cache, which keeps the type check about a second when little changed). Its five
# checks run side by side (each one's output shown whole when it ends); tests that share a
# module's fixture are marked with one xdist_group, so one worker makes it once.
FAST_CHECKS := check-lint check-types check-node check-words check-pytest
check: $(TEST_STAMP)
	@bash scripts/ensure_test_tools.sh node
	@$(MAKE) --no-print-directory -j$(words $(FAST_CHECKS)) -O $(FAST_CHECKS)

.PHONY: $(FAST_CHECKS)
check-lint: $(TEST_STAMP)
	$(BIN)/ruff check --no-cache scripts tests bench conftest.py
check-types: $(TEST_STAMP)
	$(BIN)/mypy
check-node:
	node --test scripts/sitekit/widgets/
check-words: $(TEST_STAMP)
	$(BIN)/python locales/check_words.py --published
check-pytest: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -m "not full" $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadgroup)

# The full tier on top: one shared build in a scratch copy of the project, Chromium, Zensical.
# SITE=site: check that already built site (from `make site`) instead of building one, so what
# is published is the very folder the tests checked (the publish workflow does this).
# Two workers (TEST_WORKERS=0: one process), each test file on one of them; the shared builds are
# made once, by the first worker to need them (tests/site_fixtures.py).
WORKERS := $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile)
test: check $(ZSTAMP) browser $(NODE_STAMP)
	$(if $(SITE),SITEKIT_TEST_SITE=$(abspath $(SITE))) $(BIN)/python -m pytest -m full $(WORKERS)

clean:
	rm -rf site generated overrides/generated docs/generated mkdocs.generated.yml mkdocs.generated.*.yml .pytest_cache .mypy_cache

# Benchmarks (they report; they never fail the tests): writes bench/out/report.md and results.json.
# LIGHTHOUSE=1 also runs Lighthouse (installs bench/node_modules; 3 runs per page, slow).
BENCH_LH := bench/node_modules/lighthouse/package.json

$(BENCH_LH): bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
	@touch $@

bench: $(STAMP) browser $(if $(LIGHTHOUSE),$(BENCH_LH))
	$(BIN)/python bench/run.py $(if $(LIGHTHOUSE),--lighthouse)
