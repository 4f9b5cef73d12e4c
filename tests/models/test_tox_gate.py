"""The ordinary-text gate of the `cold`/`swsr` signals (docs/models.md, "The ordinary-text gate"): it ships with
provenance, reads the text view only, drops a signal below `gate_min`, names its probability in the evidence, and
bad settings are ConfigErrors. Uses the shipped artifacts; never trains."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from qinglang.detectors import Views
from qinglang.errors import ConfigError
from qinglang.model import Content
from qinglang.models.detector import ModelDetector
from qinglang.models.features import keys, views_of
from qinglang.models.linear import LinearModel, single
from qinglang.text.normalize import default_normalizer, normalize

ROOT = Path(__file__).resolve().parents[2]
# Our own sentences, written for these tests (not from any data set or blind set).
SLUR = "黑鬼都是垃圾，滚出中国去"
# An ordinary post of the teaching corpus (written blind, innocent: a quarrel with one's mother about long johns),
# which the `cold` model alone flags at 0.87. The gate learned it, so this checks the shipped file, not generalization
# (that is measured in docs/accuracy.md §6, session 7).
ORDINARY_ID = "t9-8bbd8c"


def _detect(det: ModelDetector, text: str) -> list:
    return det.detect(Content(id="t", text=text), Views.build(Content(id="t", text=text), default_normalizer()))


@pytest.fixture(scope="module")
def gate() -> LinearModel:
    return LinearModel.shipped("tox-gate")


def test_gate_ships_with_provenance_and_reads_the_text_view_only(gate: LinearModel) -> None:
    assert gate.meta["seed"] == 13 and gate.meta["n_weighted"] > 1000
    assert all(len(h) == 64 for h in gate.meta["data"].values())
    assert not any(k.startswith(("tests/data/blind/unseen", "holdout")) for k in gate.meta["data"])
    assert len(gate.idx["r"]) == 0, "no robust block"
    assert gate.route(1.0, 0.0) == "t", "every post is read by the text sub-model"


def test_gate_min_drops_signals_and_the_gate_is_named_in_the_evidence(gate: LinearModel) -> None:
    off = _detect(ModelDetector.shipped(min_score=0.8), SLUR)
    assert off
    kept = _detect(ModelDetector.shipped(min_score=0.8, gate=gate, gate_min=0.0), SLUR)
    assert {s.label for s in kept} == {s.label for s in off}
    assert all(" gate=" in ev.value for s in kept for ev in s.evidence)
    assert _detect(ModelDetector.shipped(min_score=0.8, gate=gate, gate_min=1.0), SLUR) == []


def test_shipped_gate_keeps_a_slur_and_drops_an_ordinary_post(gate: LinearModel) -> None:
    rows = (json.loads(x) for x in (ROOT / "corpus" / "train" / "t9.jsonl").read_text("utf-8").splitlines() if x)
    row = next(r for r in rows if r["id"] == ORDINARY_ID)
    assert row["expect"]["labels"] == []
    ordinary = row["content"]["text"]
    plain = ModelDetector.shipped(min_score=0.8)
    gated = ModelDetector.shipped(min_score=0.8, gate=gate, gate_min=0.15)  # the default registry's setting
    assert {s.label for s in _detect(gated, SLUR)} & {"abuse", "antagonism"}
    assert _detect(plain, ordinary), "the cold/swsr models alone flag it"
    assert _detect(gated, ordinary) == []


def test_bad_gate_settings_are_config_errors(gate: LinearModel) -> None:
    from qinglang.detectors.registry import Registry

    with pytest.raises(ConfigError, match="gate_min"):
        ModelDetector.shipped(gate=gate, gate_min=1.5)
    with pytest.raises(ConfigError, match="gate_min"):
        Registry.default().spec({"name": "model", "type": "model", "params": {"gate": "tox-gate", "gate_min": 2}},
                                "detectors.yaml: detectors[0]")
    with pytest.raises(ConfigError, match="no-such-model"):
        LinearModel.shipped("no-such-model")  # what the registry's build does with `gate: no-such-model`


def test_train_gate_weights_rows_and_reads_the_text_view_only() -> None:
    """`train.train_gate` on a tiny set of our own sentences: deterministic, no robust block, every route `t`, and
    the sample weights matter (the same rows weighted 20 move the score of a sentence that shares their words)."""
    pytest.importorskip("sklearn")
    from qinglang.models.train import Example, TrainConfig
    from qinglang.models.train_gate import train_gate

    pos = ["你这个废物滚远点", "你们这帮蠢货真恶心", "滚吧垃圾东西", "这种人就是人渣败类"]
    neg = ["今天食堂的饭真好吃", "周末一起去爬山吧", "这本书写得很有意思", "明天记得带伞出门"]
    heated = ["这破班上得我要疯了", "加班到半夜真是气死我了", "领导又改方案我真的服了", "周末又要加班烦死了"]
    rows = [Example(t, 1, f"p{i}") for i, t in enumerate(pos * 3)] + [Example(t, 0, f"n{i}")
                                                                        for i, t in enumerate(neg * 3)]

    def fit(weight: float) -> LinearModel:
        extra = [Example(t, 0, f"h{i}", weight=weight) for i, t in enumerate(heated * 3)]
        cfg = TrainConfig(name="g", labels=("abuse",), rule="model.g", description="test", min_df=1, bits=12)
        return train_gate([*rows, *extra], cfg, log=lambda _: None)

    a, b, heavy = fit(1.0), fit(1.0), fit(20.0)
    assert all(np.array_equal(a.arrays()[k], b.arrays()[k]) for k in a.arrays())
    assert len(a.idx["r"]) == 0 and a.route(0.9, 0.0) == "t"
    g = keys(views_of(normalize("加班加到我要疯了，真是气死了")))
    assert single(heavy).score(g)[0].raw_t < single(a).score(g)[0].raw_t
