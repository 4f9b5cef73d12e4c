"""A post that credits another body for its news relays it; it is no newsroom (qinglang.scoping, `strike_credited`,
session 16 prec16): news-genre `unlicensed_news` on it is struck, a licence lent or forged and a posing outlet stand.
Our own sentences and signals, written for these tests."""

from __future__ import annotations

from qinglang.engine import Engine
from qinglang.model import Content, Evidence, Signal
from qinglang.scoping import CREDITED_FACTOR, credited_source, strike_colabels, strike_credited


def _sig(label: str, score: float, *rules: str) -> Signal:
    evs = tuple(Evidence(field="text", start=0, end=2, text="xx", normalized="xx", rule=r, detector="t@1")
                for r in rules or (f"test.{label}",))
    return Signal(label=label, score=score, rule=evs[0].rule, detector="t@1", evidence=evs)


def _content(source: str | None, name: str = "河畔资讯") -> Content:
    return Content.from_json({"id": "c", "text": "x", "author": {"name": name}, "declared": {"source": source}})


def test_the_credited_body_is_the_declared_source_unless_it_is_the_poster() -> None:
    assert credited_source(_content("新华社")) == "新华社"
    assert credited_source(_content(None)) is None and credited_source(_content("  ")) is None
    for own in ("本台", "原创", "记者现场", "河畔资讯"):  # the poster names itself: its own gathering
        assert credited_source(_content(own)) is None, own
    assert credited_source(_content("河畔", name="河畔资讯")) is None
    assert credited_source(None) is None


def test_news_genre_on_a_credited_relay_is_struck_with_the_source_in_its_scope() -> None:
    news = _sig("unlicensed_news", 0.88, "news.genre.according_to", "news.name.unlicensed")
    out = strike_credited([news], _content("气象台"))
    assert out[0].score == round(0.88 * CREDITED_FACTOR, 4)
    assert all(e.scope == "credited:气象台" for e in out[0].evidence)
    frame = _sig("unlicensed_news", 0.8, "frame.unlicensed_news.wire_headline.wire_headline")
    assert strike_credited([frame], _content("人社部"))[0].score < 0.35


def test_a_lent_or_forged_licence_a_posing_outlet_or_no_credit_stands() -> None:
    for rules in (("news.genre.byline", "news.licence.forged"), ("news.licence.lent",),
                  ("news.name.lookalike_outlet",), ("news.genre.lookalike_outlet", "news.genre.byline")):
        kept = [_sig("unlicensed_news", 0.97, *rules)]
        assert strike_credited(kept, _content("新华社")) is kept, rules
    news = [_sig("unlicensed_news", 0.85, "news.genre.byline")]
    assert strike_credited(news, _content(None)) is news
    assert strike_credited(news, _content("本台记者")) is news
    other = [_sig("rumor", 0.85, "news.genre.byline")]
    assert strike_credited(other, _content("新华社")) is other


def test_strike_colabels_reads_the_content_and_keeps_its_old_call() -> None:
    news = [_sig("unlicensed_news", 0.85, "news.genre.byline")]
    assert strike_colabels(news, ["x"]) is news  # no content: nothing credited
    assert strike_colabels(news, ["x"], _content("新华社"))[0].score < 0.3


def test_the_engine_passes_a_credited_relay_and_reviews_the_same_story_uncredited(engine: Engine) -> None:
    text = "据江北日报报道，昨夜城东一处仓库起火，消防到场扑救，无人员伤亡。"
    item = {"id": "n1", "text": text, "author": {"id": "u-1", "name": "城东新闻速递"},
            "created_at": "2024-11-02T09:00:00+08:00"}  # inside task 9's period
    own = engine.moderate(item)
    assert own.action == "review" and any(lr.label == "unlicensed_news" and lr.policy_rule for lr in own.labels)
    relay = engine.moderate({**item, "declared": {"source": "江北日报"}})
    assert relay.action in ("pass", "label")
    lr = next(lr for lr in relay.labels if lr.label == "unlicensed_news")
    assert not lr.policy_rule and all(e.scope == "credited:江北日报" for e in lr.evidence)
