"""`benchmarks/stage_costs.py` (session 18): the per-stage timers wrap a real engine's hooks without changing what it
decides, and account every wrapped call."""

from __future__ import annotations

import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

from qinglang.engine import Engine

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location("stage_costs", ROOT / "benchmarks" / "stage_costs.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    argv, sys.argv = sys.argv, ["stage_costs.py"]
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.argv = argv
    return mod


def test_the_timers_wrap_every_stage_and_change_no_decision() -> None:
    items = [{"id": "a", "text": "加薇❤: abc_777 兼职日结", "surface": "comment"},
             {"id": "b", "text": "家人们晚上好，今天的福利", "surface": "live"},
             {"id": "c", "text": "今天天气很好"}]
    plain = Engine.from_config()
    timed = Engine.from_config()
    tool = _tool()
    cost: dict[str, int] = defaultdict(int)
    calls: dict[str, int] = defaultdict(int)
    tool.instrument(timed, cost, calls)
    for item in items:
        a, b = plain.moderate(item).to_json(), timed.moderate(item).to_json()
        a.pop("elapsed_ms"), b.pop("elapsed_ms")
        assert a == b
    assert calls["text stage (views)"] == 3 and calls["policy.evaluate"] >= 3
    assert calls["semantic.detect_cascade"] == 3 and calls["lexicon.detect"] == 3
    assert all(cost[name] >= 0 for name in calls)
    # the bulk path: the semantic tier's batch hook is timed once per batch (session 20)
    many = [d.to_json() for d in timed.moderate_many(items)]
    assert calls["semantic.detect_cascade_many"] == 1 and calls["semantic.detect_cascade"] == 3
    for a, b in zip([plain.moderate(it).to_json() for it in items], many, strict=True):
        a.pop("elapsed_ms"), b.pop("elapsed_ms")
        assert a == b
