"""A body-only call to click serves the post's own act (session 18, labels18; `qinglang.scoping.strike_subsumed`,
`BAIT_BESIDE`): without a title's promise, 想看的点赞过千就发下一张 or 后续看下集 beside a vulgar tease or a staged
serial is that act's vehicle, and `clickbait` is struck like a co-label; a teasing title keeps it, and so does a
rumour or an unlicensed report told under the bait (task 4's own acts). Our own signals and sentences, written for
these tests."""

from __future__ import annotations

from qinglang.engine import Engine
from qinglang.model import Evidence, Signal
from qinglang.scoping import SUBSUMED_FACTOR, strike_colabels, strike_subsumed


def _sig(label: str, score: float, *rules: str, field: str = "text") -> Signal:
    evs = tuple(Evidence(field=field, start=0, end=2, text="xx", normalized="xx", rule=r, detector="t@1")
                for r in rules or (f"test.{label}",))
    return Signal(label=label, score=score, rule=evs[0].rule, detector="t@1", evidence=evs)


BODY = "claims.clickbait.body.withheld"
TITLE = "claims.clickbait.title.teaser"


def test_a_body_only_bait_beside_another_finding_is_struck() -> None:
    bait, vulgar = _sig("clickbait", 0.7, BODY, "claims.clickbait.body.bait"), _sig("vulgar", 0.8)
    out = strike_subsumed([bait, vulgar])
    assert out[0].score == round(0.7 * SUBSUMED_FACTOR, 4)
    assert all(e.scope == "within:vulgar" for e in out[0].evidence) and out[1] is vulgar


def test_a_title_a_weak_companion_or_a_news_act_keeps_the_bait() -> None:
    titled = [_sig("clickbait", 0.7, BODY, TITLE), _sig("vulgar", 0.8)]
    assert strike_subsumed(titled) is titled
    weak = [_sig("clickbait", 0.7, BODY), _sig("staged", 0.4)]
    assert strike_subsumed(weak) is weak
    news = [_sig("clickbait", 0.7, BODY), _sig("rumor", 0.8), _sig("unlicensed_news", 0.9)]
    assert strike_subsumed(news) is news
    lexicon = [_sig("clickbait", 0.7, "lexicon.clickbait.clickbait"), _sig("staged", 0.8)]
    assert strike_subsumed(lexicon) is lexicon


def test_only_the_body_only_signal_of_the_label_is_struck() -> None:
    body, semantic, staged = _sig("clickbait", 0.6, BODY), _sig("clickbait", 0.55, "semantic.clickbait"), \
        _sig("staged", 0.8)
    out = strike_colabels([body, semantic, staged], ["后续看下集"])
    assert out[0].score < 0.6 and out[1] is semantic and out[2] is staged


def test_through_the_engine_the_evidence_names_what_the_bait_serves() -> None:
    engine = Engine()
    tease = engine.moderate({"id": "a", "surface": "feed", "text": (
        "今晚穿了条超短的吊带裙自拍，领口开得很低🙈 想看下一张的点赞过千就发")}, explain=True)
    labels = {lr.label for lr in tease.labels if lr.policy_rule}
    assert "vulgar" in labels and "clickbait" not in labels
    bait = next(s for s in tease.trace["signals"] if s["label"] == "clickbait")
    assert all(e["scope"] == "within:vulgar" and e["end"] > e["start"] for e in bait["evidence"])
    serial = engine.moderate({"id": "b", "surface": "feed", "text": "我老公出差回来看到了一幕让他崩溃，后续看下集"})
    assert "clickbait" in {lr.label for lr in serial.labels if lr.policy_rule}  # nothing else found: the bait stands
