"""The source reading (news23): who tells a current-affairs claim and how, read by the shipped source-reading model
beside the cue rule of `source_missing` — on posts written for these tests (not the writer sets)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from qinglang.claims.source import source_missing
from qinglang.claims.sourcing import FEATURES, SourceReading, source_features
from qinglang.errors import ConfigError
from qinglang.model import Content
from qinglang.models.files import shipped_path
from qinglang.stages import build_views

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))  # writer_sets, the halves' one home

# a personal errand told in the first person under its own title: the cue rule reads its topic words (社保局, 退休,
# 养老金) as a report; who tells it, and how, says it is a day's diary
DIARY = {"id": "diary", "title": "办退休的一天",
         "text": "我上个月刚去社保局办了退休手续，工作人员说养老金下个月到账，流程比想象中快，办事大厅人不多，"
                 "排队十分钟就轮到了，给窗口的小姐姐点个赞。"}
# a public body's act stated as fact by no one in particular, no channel named
REPORT = {"id": "report", "text": "外交部发言人今天在例行记者会上回应了某国议员窜访一事，表示坚决反对。"}


def _read(engine, post: dict) -> tuple[object, tuple[float, ...]]:
    claims = next(d for d in engine.detectors if d.name == "claims")
    views = build_views(Content.from_json(post), engine.normalizer).views
    rumor, _ = claims._scores(views)
    rule = source_missing(views, rumor)
    return rule, source_features(views, rumor, rule)


def test_the_features_name_the_speaker_and_the_voice(engine) -> None:
    post = {"id": "v", "text": "我们局今天召开会议，部署下月起实施的医保新政策。",
            "author": {"name": "某市医疗保障局", "verified": True}}
    _, x = _read(engine, post)
    f = dict(zip(FEATURES, x, strict=True))
    assert f["verified"] == 1.0 and f["issuer_name"] == 1.0 and f["has_author"] == 1.0
    assert f["topic:public_policy"] == 1.0 and f["declared_source"] == 0.0
    _, x = _read(engine, {**post, "declared": {"source": "市医保局官网"}})
    assert dict(zip(FEATURES, x, strict=True))["declared_source"] == 1.0


def test_the_shipped_model_loads_with_its_provenance() -> None:
    import writer_sets

    m = SourceReading.load()
    assert m.meta["data"]["not_read"] == list(writer_sets.RULES_REPORT)
    assert not set(m.meta["data"]["sets"]) & set(writer_sets.RULES_REPORT)  # never trained on the report half
    assert m.meta["command"].startswith("python tools/train_source_reading.py")
    assert 0.0 < m.veto < m.add < 1.0


def test_a_model_of_other_features_is_refused_naming_its_file(tmp_path: Path) -> None:
    src, dst = shipped_path("source-reading"), tmp_path / "source-reading"
    shutil.copy(src.with_suffix(".npz"), dst.with_suffix(".npz"))
    meta = json.loads(src.with_suffix(".json").read_text("utf-8"))
    meta["features"] = meta["features"][:-1]
    dst.with_suffix(".json").write_text(json.dumps(meta), "utf-8")
    with pytest.raises(ConfigError, match=r"source-reading.*features"):
        SourceReading.load(dst)


def test_a_diary_the_cue_rule_marks_is_read_below_the_veto_and_passes(engine) -> None:
    rule, x = _read(engine, DIARY)
    m = SourceReading.load()
    assert rule is not None  # the cue rule alone would mark it
    assert m.probability(x) < m.veto
    d = engine.moderate(DIARY)
    assert "source_missing" not in {lr.label for lr in d.labels}


def test_an_unsourced_report_stays_marked_with_the_rule_evidence(engine) -> None:
    rule, x = _read(engine, REPORT)
    assert rule is not None and SourceReading.load().probability(x) >= SourceReading.load().veto
    d = engine.moderate(REPORT)
    lr = next(lr for lr in d.labels if lr.label == "source_missing")
    assert d.action != "pass" and lr.rule.endswith(".source_missing")
    for e in lr.evidence:
        assert REPORT["text"][e.start:e.end] == e.text and e.text


def test_the_same_report_with_its_source_declared_is_not_marked(engine) -> None:
    d = engine.moderate({**REPORT, "id": "sourced", "declared": {"source": "外交部官网"}})
    assert "source_missing" not in {lr.label for lr in d.labels}


def test_a_rumour_told_as_a_ministry_s_act_is_marked_unsourced_beside_it(engine) -> None:
    text = "人社部今天宣布，延迟退休方案下月实施，男职工退休年龄提高到65岁，不服从的取消养老金。"
    d = engine.moderate({"id": "r1", "text": text})
    by = {lr.label: lr for lr in d.labels}
    assert "rumor" in by and by["source_missing"].rule == "claims.source_missing.reading"
    assert 0.6 <= by["source_missing"].score <= 0.8
    for e in by["source_missing"].evidence:
        assert text[e.start:e.end] == e.text and e.text


def test_a_rumour_read_below_the_add_point_stays_a_rumour_only(engine) -> None:
    text = "市政府今天宣布，下月起全市电动车一律上牌，不上牌的一律没收并罚款五百元。"
    d = engine.moderate({"id": "r2", "text": text})
    labels = {lr.label for lr in d.labels}
    assert "rumor" in labels and "source_missing" not in labels
