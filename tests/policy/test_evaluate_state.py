"""The evaluation caches live in an `Evaluator` the engine state owns, not on the frozen `Policy`; the one
clock module is the only home of China time."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from qinglang.clock import CN_TZ, parse_time, today_cn
from qinglang.engine import Engine
from qinglang.model import Content, Signal
from qinglang.policy import Evaluator, evaluate, load_policies, shipped_policy_dir

PKG = Path(__file__).resolve().parents[2] / "qinglang"


def test_policy_stays_pure_data_after_evaluation() -> None:
    engine = Engine.from_config()
    policy = engine._state.policy
    for text in ("加V：abc_777 看片", "你好", "nmsl"):
        engine.moderate({"id": text, "text": text})
    list(engine.moderate_many([{"id": "a", "text": "nmsl"}, {"id": "b", "text": "你好"}]))
    assert set(vars(policy)) == {"files", "version", "sources"}  # nothing cached on the frozen Policy


def test_reload_swaps_the_evaluator_with_the_policy() -> None:
    engine = Engine.from_config()
    before = engine._state.evaluator
    engine.moderate({"id": "x", "text": "nmsl"})
    engine.reload()
    assert engine._state.evaluator is not before and engine._state.evaluator.policy is engine._state.policy


def test_evaluator_and_one_shot_evaluate_agree() -> None:
    policy = load_policies([shipped_policy_dir()])
    ev = Evaluator(policy)
    day = dt.date(2024, 2, 10)
    content = Content(id="c", text="x", surface="hot_search")
    for score in (0.3, 0.5, 0.7, 0.95):
        sig = [Signal(label="abuse", score=score, rule="r", detector="d@1")]
        for explain in (True, False):
            a = ev.evaluate(sig, content, today=day, explain=explain)
            b = evaluate(policy, sig, content, today=day, explain=explain)
            assert (a.action, a.marks, a.acted) == (b.action, b.marks, b.acted)


def test_china_time_has_one_definition() -> None:
    defined = []
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and "timedelta(hours=8)" in ast.unparse(node):
                defined.append(str(path.relative_to(PKG)))
    assert sorted(set(defined)) == ["clock.py"]


def test_clock_helpers() -> None:
    assert parse_time("2024-08-05T17:30:00Z").astimezone(CN_TZ).hour == 1
    assert parse_time("2024-08-05T01:30:00").utcoffset() == dt.timedelta(hours=8)  # naive = China time
    now = dt.datetime.now(CN_TZ)
    assert today_cn() in {now.date(), (now - dt.timedelta(minutes=1)).date()}  # (a run across midnight)
