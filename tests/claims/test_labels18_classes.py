"""Session 18 (labels18): a body's bait quoted or in a debunking sentence is a mention, not the body failing its
title (`claims.title.score_title`: the body and withheld families scored `scoped`, as the rumour scorer's are). Our
own sentences, written for these tests."""

from __future__ import annotations

from qinglang.engine import Engine


def _clickbait(engine: Engine, title: str, text: str) -> list[dict]:
    d = engine.moderate({"id": "x", "surface": "feed", "title": title, "text": text}, explain=True)
    return [s for s in d.trace["signals"] if s["label"] == "clickbait" and s["score"] > 0]


def test_bait_words_quoted_in_a_warning_are_a_mention() -> None:
    engine = Engine()
    assert not _clickbait(engine, "评论区这些话术要当心",
                          "最近评论区常见“完整版在置顶”“想看的点赞过千就发”这类说法，点进去多是引流广告，大家别信，看到就举报。")


def test_a_rumour_the_body_denies_in_its_own_words_is_no_body_failing_a_plain_title() -> None:
    engine = Engine()
    assert not _clickbait(engine, "地铁5号线工程最新进展",
                          "记者从地铁集团获悉，5号线工程目前施工有序推进。此前网传“停工烂尾”不实，工地因夜间施工调整在部分时段暂停作业。")


def test_the_same_bait_made_by_the_post_itself_still_counts() -> None:
    engine = Engine()
    found = _clickbait(engine, "地铁5号线工程最新进展", "施工有序推进，想知道哪天通车的点赞过千我就发。")
    assert found and any(e["rule"] == "claims.clickbait.body.withheld" and e["end"] > e["start"]
                         for s in found for e in s["evidence"])
