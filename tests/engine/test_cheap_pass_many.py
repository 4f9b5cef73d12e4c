"""The bulk path's cheap pass runs detector by detector over a batch (session 23, perf23: `passes.cheap_pass_many`), so
that each detector's tables stay in the processor's caches while it reads every item. Each item must get what the
one-item pass gives it: the same signals in the same order, its own degradations and no other item's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from qinglang.engine import Engine
from qinglang.model import Content, Signal
from qinglang.passes import cheap_pass, cheap_pass_many

POSTS = [
    "加我薇信 abc_777，兼职日结，一单三百",
    "今天去菜市场买了两斤排骨，晚上炖汤",
    "某某有限公司的奶粉吃坏了孩子，大家千万别买",
    "家人们，扣1领红包，主页置顶有惊喜",
    "周末带娃去公园放风筝，天气真好",
]


def _staged(engine: Engine, posts: list[str]) -> list[tuple[Content, Any, tuple[Signal, ...]]]:
    state = engine._current()
    out = []
    for k, text in enumerate(posts):
        content = Content(id=f"p{k}", text=text)
        out.append((content, engine._stage(state, content), ()))
    return out


def _key(signals: list[Signal]) -> list[tuple[str, str, float, tuple[Any, ...]]]:
    return [(s.label, s.detector, s.score, tuple((e.field, e.start, e.end, e.rule) for e in s.evidence))
            for s in signals]


def test_each_item_gets_the_signals_of_the_one_item_pass_in_the_same_order(engine: Engine) -> None:
    state = engine._current()
    alone = [cheap_pass(state.detectors, state.scope_acts, c, st) for c, st, _ in _staged(engine, POSTS)]
    many = cheap_pass_many(state.detectors, state.scope_acts, _staged(engine, POSTS))
    assert len(many) == len(POSTS)
    assert any(p.signals for p in alone)  # the posts give the detectors something to find
    for a, b in zip(alone, many, strict=True):
        assert b.content.id == a.content.id
        assert _key(b.signals) == _key(a.signals)
        assert b.degraded == a.degraded == []


@dataclass
class _Recorder:
    """A detector that notes which item it read and fails on the one whose text holds `fail_on`."""

    name: str
    fail_on: str
    seen: list[tuple[str, str]]
    version: str = "1"
    supported_labels: frozenset[str] = frozenset()

    def detect(self, content: Content, views: Any) -> list[Signal]:
        self.seen.append((self.name, content.id))
        if self.fail_on in (content.text or ""):
            raise RuntimeError("broken on purpose")
        return []


def test_detectors_read_the_batch_one_after_another_and_a_failure_degrades_only_its_item(
        engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    seen: list[tuple[str, str]] = []
    dets = [_Recorder("first", "排骨", seen), _Recorder("second", "放风筝", seen)]
    out = cheap_pass_many(dets, False, _staged(engine, POSTS))  # type: ignore[arg-type]
    ids = [f"p{k}" for k in range(len(POSTS))]
    assert seen == [("first", i) for i in ids] + [("second", i) for i in ids]
    assert [p.degraded for p in out] == [[], ["first@1:error"], [], [], ["second@1:error"]]
    assert "broken on purpose" in caplog.text
