PY ?= python3
SHARED ?= ../shared
export QINGLANG_SHARED := $(abspath $(SHARED))

.PHONY: install demo test lint tables bench eval

install:
	$(PY) -m pip install -q -e '.[dev]'

demo: install
	qinglang scan examples/sample.jsonl -o /tmp/qinglang-demo.jsonl
	@echo "decisions written to /tmp/qinglang-demo.jsonl"

test: install
	$(PY) -m pytest

lint:
	ruff check .

tables:
	$(PY) tools/build_tables.py

bench: install
	$(PY) benchmarks/throughput.py
