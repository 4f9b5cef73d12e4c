"""The cloaking yardstick: which spans each kind rewrites, and that one kind's randomness never shifts another's."""

from __future__ import annotations

import pytest

from qinglang.engine import Engine
from qinglang.eval.cloak import cloak_eval

ROWS = [
    {"id": "exact", "text": "你真是个傻逼", "label": 1},
    {"id": "sound", "text": "他就是个撕逼", "label": 1},  # found only by sound (撕逼 read as 死逼)
    {"id": "clean", "text": "今天天气不错，出去走走", "label": 0},
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_config(detectors="tools/lexicon_only.yaml")


def _retained(engine: Engine, rows: list[dict], **kw: object) -> dict[str, float]:
    _, results = cloak_eval(engine, rows, {"abuse", "porn"}, label_for_binary="abuse", **kw)  # type: ignore[arg-type]
    return {r.kind: r.retained for r in results}


def test_lexical_kinds_leave_spans_found_by_sound_as_written(engine: Engine) -> None:
    d = engine.moderate({"id": "s", "text": ROWS[1]["text"]})
    assert any("homophone" in ev.layers for lab in d.labels for ev in lab.evidence)  # the premise
    default = _retained(engine, ROWS[1:])
    strict = _retained(engine, ROWS[1:], cloak_sound_hits=True)
    assert default["split"] == 1.0  # the sound-found span is not split (a cloak of a cloak)
    assert strict["split"] < 1.0  # 撕 → 手斯: the strict reading loses it


def test_each_kind_has_its_own_random_stream(engine: Engine) -> None:
    every = _retained(engine, ROWS)
    alone = {k: _retained(engine, ROWS, kinds=[k])[k] for k in ("split", "emoji", "separator")}
    assert all(every[k] == v for k, v in alone.items())
