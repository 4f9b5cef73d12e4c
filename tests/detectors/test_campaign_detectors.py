"""The campaign detectors (topic, news, enterprise, livestream, language_misuse): labels, rules, evidence spans
in the ORIGINAL text, scores in [0, 1]."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglang.detectors import BuildContext, Views
from qinglang.detectors.enterprise import EnterpriseDetector
from qinglang.detectors.language_misuse import LanguageMisuseDetector, suggest
from qinglang.detectors.livestream import LivestreamDetector
from qinglang.detectors.news import NewsDetector, NewsRegistry
from qinglang.detectors.topic import TopicDetector
from qinglang.engine import Engine
from qinglang.errors import ConfigError
from qinglang.model import Content

REGISTRY = Path(__file__).resolve().parents[1] / "scenarios" / "data" / "news_registry.csv"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _run(engine: Engine, det, raw: dict) -> list:
    content = Content.from_json({"id": "t", **raw})
    views = Views.build(content, engine.normalizer)
    signals = det.detect(content, views)
    for s in signals:
        assert 0.0 <= s.score <= 1.0
        for ev in s.evidence:
            if ev.field in ("text", "title"):
                assert content.field_text(ev.field)[ev.start:ev.end] == ev.text
    return signals


def test_topic_source_missing_and_declared_source(engine) -> None:
    det = TopicDetector()
    sig = _run(engine, det, {"text": "醫保新規下月起實施，退休人員養老金調整"})  # traditional script folds
    assert [s.label for s in sig] == ["source_missing"]
    assert sig[0].rule == "topic.public_policy.source_missing"
    assert {e.text for e in sig[0].evidence} >= {"醫保", "養老金"}
    assert _run(engine, det, {"text": "醫保新規下月起實施，退休人員養老金調整", "declared": {"source": "新华社"}}) == []
    assert _run(engine, det, {"text": "今天做了红烧肉"}) == []


def test_news_registry_and_licence_lending(engine) -> None:
    reg = NewsRegistry.from_csv(REGISTRY)
    assert reg.conflicts() == {"44120190021": ["南方城市资讯有限公司", "某某文化传媒工作室"]}
    det = NewsDetector(reg, engine.normalizer)
    lent = _run(engine, det, {"text": "本报讯", "author": {"id": "u-9", "name": "股市头条",
                                                           "news_license": "31120170007"}})
    assert {s.rule for s in lent} == {"news.licence.lent", "news.genre.unlicensed"}
    ok = _run(engine, det, {"text": "本报讯", "author": {"id": "u-cls", "news_license": "31120170007"}})
    assert ok == []
    name = _run(engine, det, {"text": "你好", "author": {"name": "央广新聞TB"}})
    assert name[0].rule == "news.name.unlicensed" and name[0].evidence[0].text == "新聞"


def test_news_registry_errors_name_the_line(tmp_path) -> None:
    bad = tmp_path / "r.csv"
    bad.write_text("licence_no,entity\n123,\n", "utf-8")
    with pytest.raises(ConfigError, match=r"r\.csv:2"):
        NewsRegistry.from_csv(bad)


def test_enterprise_needs_a_target_for_smear(engine) -> None:
    det = EnterpriseDetector(["鸿星饮品"])
    assert _run(engine, det, {"text": "天气坑人"}) == []
    smear = _run(engine, det, {"text": "鸿星饮品有毒，黑心企业"})
    assert smear[0].label == "enterprise_smear" and smear[0].score >= 0.65
    ext = _run(engine, det, {"text": "删帖收费，价格私聊"})
    assert ext[0].label == "extortion" and ext[0].evidence[0].text == "删帖收费"


def test_livestream_context_exemptions_and_night(engine) -> None:
    det = LivestreamDetector()
    assert _run(engine, det, {"text": "这是我吃过最好的面"}) == []
    assert _run(engine, det, {"text": "下单后第一时间发货"}) == []
    ad = _run(engine, det, {"text": "全网第一，点链接下单"})
    assert ad[0].label == "false_ad" and ad[0].rule == "live.absolute_term"
    night = _run(engine, det, {"text": "hi", "live": {"room_id": "r", "paid": True},
                               "created_at": "2024-08-05T17:30:00Z"})  # 01:30 Beijing
    assert [s.rule for s in night] == ["live.paid.late_night"]
    day = _run(engine, det, {"text": "hi", "live": {"room_id": "r", "paid": True},
                             "created_at": "2024-08-05T07:30:00Z"})
    assert day == []


def test_language_misuse_only_for_disguised_terms(engine) -> None:
    det = LanguageMisuseDetector(engine.compiled_lexicon)
    assert _run(engine, det, {"text": "傻逼"}) == []  # plain spelling: the abuse label alone
    sig = _run(engine, det, {"text": "你个傻B"})
    assert sig[0].label == "language_misuse" and sig[0].evidence[0].text == "傻B"


def test_suggest_offsets_point_into_the_original(engine) -> None:
    text = "我们要再接再励，蓝瘦香菇"
    out = suggest(text, engine.normalizer, engine.compiled_lexicon)
    assert [(s.text, s.replacement) for s in out] == [("再接再励", "再接再厉"), ("蓝瘦香菇", "难受想哭")]
    assert all(text[s.start:s.end] == s.text for s in out)
    assert suggest("今天天气很好", engine.normalizer) == []


def test_registry_builds_the_new_detectors() -> None:
    names = {d.name for d in Engine().detectors}
    assert {"topic", "news", "enterprise", "livestream", "language_misuse"} <= names
    from qinglang.detectors import build_detectors  # params reach the factories
    assert callable(build_detectors) and BuildContext
