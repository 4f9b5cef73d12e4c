"""The `aigc` detector in the engine: Art. 6 levels as rule ids and marks; aigc_unlabeled scored on evidence."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from aigc_files import LABEL_JSON, RECORD, make_png

from qinglang.engine import Engine
from qinglang.errors import ConfigError


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_config()


def _aigc(decision) -> dict:
    return next(lab for lab in decision.to_json()["labels"] if lab["label"] == "aigc_unlabeled")


def test_media_with_valid_label_is_confirmed_and_marked(tmp_path: Path) -> None:
    p = tmp_path / "gen.png"
    p.write_bytes(make_png())
    engine = Engine.from_config(extra={"media": {"root": str(tmp_path)}})  # paths are read under the media root
    d = engine.moderate({"id": "1", "kind": "image", "media": [{"path": str(p)}]})
    lab = _aigc(d)
    assert lab["rule"] == "aigc.implicit.confirmed" and lab["score"] == 0.0
    assert d.marks[:2] == ("aigc_explicit", "aigc_explicit:confirmed")
    assert lab["evidence"][0]["field"] == "media[0]" and lab["evidence"][0]["value"] == "Label=1"


def test_inline_base64_media_with_invalid_label_is_unlabeled(engine: Engine) -> None:
    bad = json.dumps({**RECORD, "Label": "AIGC"})
    b64 = base64.b64encode(make_png(bad)).decode()
    d = engine.moderate({"id": "2", "media": [{"data_base64": b64}]})
    lab = _aigc(d)
    assert lab["rule"] == "aigc.trace.suspected" and lab["score"] == 0.8
    assert "aigc_explicit:suspected" in d.marks and d.action != "pass"


def test_declared_without_any_label_is_possible_and_gets_the_platform_label(engine: Engine) -> None:
    # The user declared it: the platform's duty is to add the explicit label (mark), not to punish it.
    d = engine.moderate({"id": "3", "text": "周末的风景", "declared": {"ai_generated": True}})
    lab = _aigc(d)
    assert lab["rule"] == "aigc.declared.possible" and lab["score"] == 0.0
    assert "aigc_explicit:possible" in d.marks and d.action == "label"
    assert any(e["rule"] == "aigc.declared.unlabeled" for e in lab["evidence"])


def test_declared_with_explicit_text_label_is_labeled(engine: Engine) -> None:
    text = "周末的风景（本文由AI生成）"
    d = engine.moderate({"id": "4", "text": text, "declared": {"ai_generated": True}})
    lab = _aigc(d)
    assert lab["score"] == 0.0 and lab["rule"] == "aigc.declared.possible"
    ev = next(e for e in lab["evidence"] if e["field"] == "text")
    assert text[ev["start"]:ev["end"]] == ev["text"] == "AI生成" and ev["rule"] == "aigc.explicit.text.end"


def test_undeclared_text_with_label_wording_is_a_suspected_trace(engine: Engine) -> None:
    d = engine.moderate({"id": "5", "text": "AI生成：一只猫在弹钢琴"})
    assert _aigc(d)["rule"] == "aigc.trace.suspected" and "aigc_explicit:suspected" in d.marks


def test_plain_content_gets_no_aigc_signal(engine: Engine) -> None:
    d = engine.moderate({"id": "6", "text": "今天天气很好", "media": [{"data_base64": base64.b64encode(
        make_png(None)).decode()}]})
    assert not [lab for lab in d.to_json()["labels"] if lab["label"] == "aigc_unlabeled"]
    assert "aigc_explicit" not in d.marks


def test_unreadable_media_is_evidence_not_a_crash(engine: Engine, tmp_path: Path) -> None:
    d = engine.moderate({"id": "7", "media": [{"data_base64": "!!!not base64"}, {"path": "no-such-file.png"},
                                              {"path": "/etc/passwd"}],
                         "declared": {"ai_generated": True}})
    # The media extractor marks what it could not examine (→ review); the AIGC detector still reports it.
    assert d.degraded and all(x.startswith("media[") for x in d.degraded) and d.action == "review"
    ev = _aigc(d)["evidence"]
    assert any("not valid base64" in e["normalized"] for e in ev)
    assert any("does not exist" in e["normalized"] for e in ev)
    assert any("outside the media root" in e["normalized"] for e in ev)  # the one loader's root check


def test_size_limit_param(tmp_path: Path) -> None:
    reg = tmp_path / "det.yaml"
    reg.write_text("detectors:\n  - name: aigc\n    type: aigc\n    params: {max_bytes: 100}\n")
    eng = Engine.from_config(detectors=reg, extra={"media": {"root": str(tmp_path)}})
    p = tmp_path / "gen.png"
    p.write_bytes(make_png(LABEL_JSON))
    d = eng.moderate({"id": "8", "media": [{"path": str(p)}], "declared": {"ai_generated": True}})
    assert any("over the 100-byte limit" in e["normalized"] for e in _aigc(d)["evidence"])
    reg.write_text("detectors:\n  - name: aigc\n    type: aigc\n    params: {max_byts: 100}\n")
    with pytest.raises(ConfigError, match=r"params\.max_byts: unknown key"):
        Engine.from_config(detectors=reg)


def test_label_wording_in_an_extracted_field_counts(engine: Engine) -> None:
    """Text added to the views by media extraction (OCR of an image) is searched like the post text."""
    from qinglang.detectors.aigc import AigcDetector
    from qinglang.detectors.base import Views
    from qinglang.model import Content

    content = Content(id="9", kind="image")
    views = Views(content, {"media[0].ocr": engine.normalizer.normalize("风景照  ＡＩ 生成")})
    (sig,) = AigcDetector().detect(content, views)
    ev = sig.evidence[0]
    assert ev.field == "media[0].ocr" and ev.text == "ＡＩ 生成" and ev.normalized == "ai生成"
    assert sig.rule == "aigc.trace.suspected" and sig.marks == ("aigc_explicit", "aigc_explicit:suspected")
