"""A message addressed to the company it is about is correspondence, not news publishing (qinglang.scoping,
`strike_correspondence`, session 15 prec15): news-genre `unlicensed_news` in it stands only beside extortion. Our own
sentences and signals, written for these tests."""

from __future__ import annotations

from qinglang.engine import Engine
from qinglang.model import Evidence, Signal
from qinglang.scoping import CORRESPONDENCE_FACTOR, strike_correspondence


def _sig(label: str, score: float, *rules: str) -> Signal:
    evs = tuple(Evidence(field="text", start=0, end=2, text="xx", normalized="xx", rule=r, detector="t@1")
                for r in rules or (f"test.{label}",))
    return Signal(label=label, score=score, rule=evs[0].rule, detector="t@1", evidence=evs)


ADDRESSED = "您好，我是某某晚报记者，有市民反映贵单位食堂卫生问题，想请您方核实后回复。"


def test_news_genre_in_an_addressed_message_without_a_threat_is_struck() -> None:
    news = _sig("unlicensed_news", 0.85, "news.genre.self_introduced_reporter", "news.name.unlicensed")
    out = strike_correspondence([news], [ADDRESSED])
    assert out[0].score == round(0.85 * CORRESPONDENCE_FACTOR, 4)
    assert all(e.scope == "addressed:贵单位" for e in out[0].evidence)


def test_it_stands_beside_extortion_with_a_licence_cue_or_in_a_post_to_the_public() -> None:
    news = _sig("unlicensed_news", 0.85, "news.genre.self_introduced_reporter")
    beside = [news, _sig("extortion", 0.62)]
    assert strike_correspondence(beside, [ADDRESSED]) is beside
    lent = [_sig("unlicensed_news", 0.9, "news.genre.byline", "news.licence.lent")]
    assert strike_correspondence(lent, [ADDRESSED]) is lent
    public = [news]
    assert strike_correspondence(public, ["本报讯 某单位食堂卫生问题引发关注。"]) is public


def test_the_engine_passes_an_interview_request_and_keeps_a_threat(engine: Engine) -> None:
    d = engine.moderate({"id": "c1", "text": ADDRESSED, "surface": "private_chat", "kind": "message"})
    assert d.action in ("pass", "label")
    threat = "我是某某法治周刊记者，你们厂偷排的材料我们已经掌握，稿子明天就发，想撤稿的话合作费五万，今天回话。"
    d = engine.moderate({"id": "c2", "text": threat, "surface": "private_chat", "kind": "message"})
    labels = {lr.label for lr in d.labels if lr.policy_rule}
    assert d.action in ("review", "block") and "extortion" in labels


def test_the_cold_models_insult_on_talk_about_insulting_is_struck() -> None:
    from qinglang.scoping import ABOUT_INSULT_FACTOR, strike_talk_about_insult

    cold = _sig("abuse", 0.8, "model.cold.offensive")
    out = strike_talk_about_insult([cold], ["今天开会又被领导骂了，回家吃碗面缓缓"])
    assert out[0].score == round(0.8 * ABOUT_INSULT_FACTOR, 4) and out[0].evidence[0].scope.startswith("about_insult:")
    assert strike_talk_about_insult([cold], ["大家别互相骂了，好好说话"])[0].score < 0.8
    for text in ("这种人活该被骂", "见一个骂一个", "别在这儿喷粪"):  # deserved, a call, an insult: they stand
        assert strike_talk_about_insult([cold], [text])[0].score == 0.8
    lexical = [_sig("abuse", 0.8, "model.cold.offensive", "lexicon.abuse.abuse")]
    assert strike_talk_about_insult(lexical, ["又被领导骂了"]) is lexical


def test_the_engine_passes_a_post_about_being_scolded(engine: Engine) -> None:
    d = engine.moderate({"id": "c3", "text": "今天开会又被领导骂了一顿，心累，晚上吃顿火锅缓缓", "surface": "comment"})
    assert d.action in ("pass", "label")
