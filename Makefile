# varcat — two commands to start: `make run` and `make test`.
# One build profile (dev, with optimised dependencies) serves run, test and the tools, so no
# target rebuilds the world; `make bench` alone builds with --release.

CARGO     ?= cargo
DATA_DIR  ?= ./data
BIND      ?= 127.0.0.1:8080
BIN       := target/debug/varcat
VARCAT    := $(BIN) --data-dir $(DATA_DIR)

.PHONY: run build test check bench deps template screenshots clean

deps:
	@.ci/build-deps

build: deps
	$(CARGO) build

## Build, load catalog-data/ (idempotent) and serve on http://$(BIND)
run: build
	$(VARCAT) init
	$(VARCAT) import catalog-data
	MALLOC_ARENA_MAX=2 $(VARCAT) serve --bind $(BIND)

## Every test: unit tests and the integration suite (the feed tests need pyshacl in .venv),
## then the browser tests of the web UI (Chromium + axe-core, see tests/browser/)
test: deps
	@.ci/python-deps
	$(CARGO) test
	@.ci/browser-deps && node tests/browser/run.mjs $(BIN)

## Formatting, lints and tests
check: deps
	@.ci/python-deps
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) test

## National-scale benchmark; results go to benches/RESULTS.md
bench: deps
	@.ci/python-deps
	@.ci/bench-deps
	$(CARGO) bench --bench national_scale

## Regenerate the empty spreadsheet template in schemas/
template: build
	$(BIN) template schemas/template.xlsx

## Retake the README's screenshots (docs/*.png) from a server on catalog-data/
screenshots: build
	@.ci/browser-deps && node tests/browser/screenshots.mjs $(BIN)

clean:
	rm -rf $(DATA_DIR)
