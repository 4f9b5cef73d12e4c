"""The title read against its body (news22): the pair features, the shipped title-pair model and its tier in the
claims detector; a missing source beside AI content told as real — on posts and signals written for these tests
(not the writer sets)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from news_classes import acted_labels

from qinglang.claims.pair import FEATURES, TitlePair, pair_view
from qinglang.errors import ConfigError
from qinglang.model import Evidence, Signal
from qinglang.models.files import shipped_path
from qinglang.scoping import SUBSUMED_FACTOR, strike_subsumed

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))  # writer_sets, the halves' one home


def _feature(title: str, body: str, name: str) -> float:
    return pair_view(title, body).dense[FEATURES.index(name)]


def test_a_national_title_over_a_district_body_reads_scope_over_narrow() -> None:
    title, body = "全国学校统一取消期末考试", "我们区有两所小学试点把期末考试改成了游园闯关。"
    assert _feature(title, body, "scope_over_narrow") == 1.0
    assert _feature(title, body, "t_scope") == 1.0


def test_a_scope_word_the_body_repeats_is_carried() -> None:
    title, body = "全国铁路今起实行新运行图", "国铁集团介绍，全国铁路今起实行新的列车运行图，部分线路增开班次。"
    assert _feature(title, body, "t_scope") == 0.0
    assert _feature(title, body, "scope_over_narrow") == 0.0


def test_title_bigrams_are_split_by_whether_the_body_carries_them() -> None:
    pv = pair_view("银行倒闭储户慌了", "银行今天调整了营业时间。")
    keys = {k for k, _ in pv.hashed}
    assert "c:银行" in keys and "u:倒闭" in keys


def test_the_shipped_model_loads_with_its_provenance() -> None:
    m = TitlePair.load()
    # the report half it was trained without: this session's, or the last one's until the model is retrained
    import writer_sets

    assert m.meta["data"]["not_read"] in (sorted(writer_sets.RULES_REPORT), sorted(writer_sets.RULES_REPORT_BEFORE))
    assert m.meta["command"].startswith("python tools/train_title_pair.py")
    assert 0.5 <= m.threshold < 1.0


def test_the_report_half_joined_is_scored_left_out_only() -> None:
    # news23: the report half trains the shipped model; its figures are the left-out scores, kept apart from the tune
    # half's, where the operating point is chosen
    import writer_sets

    data, figures = TitlePair.load().meta["data"], TitlePair.load().meta["figures"]
    if data.get("report_half_trained"):
        assert set(writer_sets.RULES_REPORT) <= set(data["sets"])
        assert {"tune_half", "report_half", "leave_one_set_out"} <= figures.keys()


def test_a_model_of_other_features_is_refused_naming_its_file(tmp_path: Path) -> None:
    src = shipped_path("title-pair")
    dst = tmp_path / "title-pair"
    shutil.copy(src.with_suffix(".npz"), dst.with_suffix(".npz"))
    meta = json.loads(src.with_suffix(".json").read_text("utf-8"))
    meta["features"] = meta["features"][:-1]
    dst.with_suffix(".json").write_text(json.dumps(meta), "utf-8")
    with pytest.raises(ConfigError, match=r"title-pair.*features"):
        TitlePair.load(dst)


def test_an_overstating_title_reads_above_a_title_its_body_carries() -> None:
    m = TitlePair.load()
    over = m.read("突发！全国高速今起全部免费，车主沸腾了", "本市一段新修的三公里辅路今天试通车，暂不收费。")
    carried = m.read("市交通局：本周六起三条公交线路调整走向",
                     "市交通局发布通知，本周六起，12路、35路、41路公交线路调整走向，具体站点可在官网查询。")
    assert over.probability > m.threshold > carried.probability
    assert over.found and not carried.found


def test_the_tier_marks_the_title_and_names_the_body_fact(engine) -> None:
    # a title announcing a decision over a street's flea market: no cue family of the scorer fires, the pair model does
    title = "刚刚，一个重要决定！"
    body = "本周六我们街道将在社区广场举办邻里跳蚤市场，欢迎居民参加。"
    d = engine.moderate({"id": "t", "title": title, "text": body})
    assert d.action != "pass"
    ev = [e for lr in d.labels if lr.label == "clickbait" for e in lr.evidence]
    assert {(e.field, e.rule) for e in ev} >= {("title", "claims.clickbait.title_pair.title"),
                                               ("text", "claims.clickbait.title_pair.body")}
    for e in ev:
        assert e.text == (title if e.field == "title" else body)[e.start:e.end] and e.text


def test_a_plain_report_under_its_own_headline_is_no_bait(engine) -> None:
    labels = acted_labels(engine, "市图书馆今天起延长开放时间至晚上九点，周一闭馆维护不变。",
                          title="市图书馆延长开放时间")
    assert "clickbait" not in labels


# --- source_missing beside a generated scene told as real (qinglang.scoping.SUBSUMED) -------------------------------


def _sig(label: str, score: float) -> Signal:
    ev = Evidence(field="text", start=0, end=2, text="xx", normalized="xx", rule=f"test.{label}", detector="t@1")
    return Signal(label=label, score=score, rule=ev.rule, detector="t@1", evidence=(ev,))


def test_a_missing_source_beside_ai_content_told_as_real_is_struck() -> None:
    for aigc in ("aigc_unlabeled", "aigc_deceptive"):
        missing, ai = _sig("source_missing", 0.6), _sig(aigc, 0.7)
        out = strike_subsumed([missing, ai])
        assert out[0].score == round(0.6 * SUBSUMED_FACTOR, 4) and out[1] is ai


def test_a_missing_source_beside_a_weak_aigc_reading_or_alone_stands() -> None:
    alone = [_sig("source_missing", 0.6)]
    assert strike_subsumed(alone) is alone
    weak = [_sig("source_missing", 0.6), _sig("aigc_unlabeled", 0.3)]
    assert strike_subsumed(weak) is weak
