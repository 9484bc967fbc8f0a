# Archivo: `make run` serves the app, `make test` runs every test. Both set up first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PORT ?= 8000
SIZE ?= 1000,10000
BENCH_STAMP := $(VENV)/.bench-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install index run dev test bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,eval]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Rebuild the index only when it is missing, of an older schema, or out of step with corpus/.
index: install
	$(BIN)/indexer build --if-stale

run: index
	PORT=$(PORT) $(BIN)/gunicorn --config webapp/gunicorn_conf.py 'webapp:create_app()'

dev: index
	$(BIN)/flask --app webapp run --debug --port $(PORT)

test: install
	@if command -v npm >/dev/null && [ ! -f node_modules/axe-core/axe.min.js ]; then \
		npm install --no-audit --no-fund --silent || echo "npm install failed: accessibility tests will skip"; fi
	$(BIN)/python -m pytest -q

# The `bench` extra (tantivy, matplotlib) only for the bench; SIZE=1000,10000,100000 adds 100k.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,eval,bench]'
	rm -f $(VENV)/.bench-*
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python -m bench --size $(SIZE)

# The shipped collections, then SciFact when a ../shared/data copy is beside the repository.
SCIFACT ?= ../shared/data/scifact
eval: install
	$(BIN)/indexer evaluate tests/data/cranfield
	$(BIN)/indexer evaluate tests/data/bilingual
	@if [ -f $(SCIFACT)/docs.jsonl ]; then $(BIN)/indexer evaluate $(SCIFACT); \
	else echo "SciFact skipped: no collection at $(SCIFACT) (not shipped: CC BY-NC; set SCIFACT=<folder>)"; fi

clean:
	rm -rf $(VENV) var node_modules
