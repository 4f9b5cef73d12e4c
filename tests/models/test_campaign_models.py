"""Campaign label models: shipped with provenance, trained only on rows that may be trained on, capped below the
policies' block thresholds, and pointing at the words that moved them. Sentences here are our own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from qinglang.detectors import Views, default_registry_path
from qinglang.engine import Engine
from qinglang.errors import ConfigError
from qinglang.model import Content
from qinglang.models.detector import ModelDetector
from qinglang.models.linear import LinearModel
from qinglang.text.normalize import default_normalizer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import train_campaign_models as trainer  # noqa: E402


def _entry() -> dict:
    spec = yaml.safe_load(default_registry_path().read_text("utf-8"))
    return next(d for d in spec["detectors"] if d["name"] == "campaign_model")


def test_every_registered_campaign_model_ships_with_provenance() -> None:
    entry = _entry()
    for name in entry["params"]["models"]:
        m = LinearModel.shipped(name)
        label = name.removeprefix("campaign-")
        assert m.meta["labels"] == [label]
        assert m.meta["rule"] == f"model.campaign.{label}"
        sources = m.meta["data"]
        assert any(s.startswith("corpus/train/") for s in sources), "trained on the teaching corpus"
        assert not any("unseen" in s for s in sources), "the unseen sets are never trained on"
        assert all(len(h) == 64 for h in sources.values())
        assert m.bits == 18


def test_trainer_never_reads_holdout_or_unseen_rows() -> None:
    rows, files = trainer.load_rows(ROOT)
    assert rows and files
    assert {r.get("split", "train") for r in rows} <= {"dev", "train"}
    assert not any("unseen" in f for f in files)


@pytest.mark.parametrize(("text", "label", "cap"), [
    ("每天早上空腹喝一杯醋，三天就能软化血管，高血压都能根治，医院不会告诉你", "false_science", 0.75),
    ("紧急通知：明天起全市停水三天，自来水厂被人投毒了，赶紧去超市囤水，转给家人", "rumor", 0.45),
])
def test_a_violation_is_flagged_by_its_model_with_evidence_and_capped(text: str, label: str, cap: float) -> None:
    entry = _entry()
    det = ModelDetector.shipped(entry["params"]["models"], min_score=0.3, max_score=entry["params"]["max_score"],
                                label_max=entry["params"]["label_max"])
    views = Views.build(Content(id="g", text=text), default_normalizer())
    sig = next((s for s in det.detect(Content(id="g", text=text), views) if s.label == label), None)
    assert sig is not None, f"the {label} model fires"
    assert sig.score <= cap, "a model alone stays below the label's block threshold"
    assert sig.evidence and all(0 <= e.start < e.end <= len(text) for e in sig.evidence)
    assert sig.rule == f"model.campaign.{label}"


def test_the_campaign_models_are_opt_in() -> None:
    assert _entry()["enabled"] is False  # short ordinary sentences still fool them (docs/models.md)
    assert "campaign_model" not in {d.name for d in Engine().detectors}


def test_an_ordinary_post_gets_no_campaign_model_signal() -> None:
    entry = _entry()
    det = ModelDetector.shipped(entry["params"]["models"], min_score=entry["params"]["min_score"],
                                max_score=entry["params"]["max_score"], label_max=entry["params"]["label_max"])
    for text in ("周末带孩子去植物园看了郁金香，人不多，推荐", "这次期末考试数学进步了十分，继续加油"):
        views = Views.build(Content(id="n", text=text), default_normalizer())
        assert det.detect(Content(id="n", text=text), views) == []


def test_label_max_above_max_score_is_a_config_error(tmp_path: Path) -> None:
    reg = tmp_path / "reg.yaml"
    reg.write_text(yaml.safe_dump({"detectors": [{"name": "m", "type": "model", "params": {
        "models": ["campaign-rumor"], "max_score": 0.7, "label_max": {"rumor": 0.9}}}]}), "utf-8")
    with pytest.raises(ConfigError, match="label_max"):
        Engine.from_config(detectors=reg)
