PY ?= python3
SHARED ?= ../shared
EXTRAS ?= dev,media,ocr,c2pa,server,postgres
export QINGLANG_SHARED := $(abspath $(SHARED))

.PHONY: install system demo test test-fast lint tables bench bench-service bench-ocr eval

install:
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[$(EXTRAS)]'

system:
	tools/setup_system.sh

# The main job: scan the bundled sample into a SQLite store, then serve the API and the reviewer console.
demo: system install
	qinglang demo --db sqlite:///qinglang-demo.db

# The whole suite, with a throwaway PostgreSQL on loopback when the server is installed.
test: system install
	@set -e; if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  eval "$$(tools/pg_test_server.sh start)"; trap 'tools/pg_test_server.sh stop' EXIT; \
	fi; $(PY) -m pytest -p no:cacheprovider

test-fast: install
	$(PY) -m pytest -x -q tests/text tests/lexicon tests/engine tests/cli

lint:
	ruff check .

# Rebuild the shipped tables and third-party lexicons from ../shared/data (deterministic).
tables:
	$(PY) tools/build_tables.py
	$(PY) tools/build_lexicons.py

bench: install
	$(PY) benchmarks/throughput.py --markdown

bench-service: install
	$(PY) benchmarks/service.py

bench-ocr: install
	$(PY) benchmarks/ocr.py --runs 5

# Accuracy figures written to docs/accuracy.md (see that page for what each command measures).
eval: install
	qinglang eval $(SHARED)/data/cold/dev.jsonl --label abuse --label antagonism --label porn --cloak
