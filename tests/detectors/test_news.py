"""The news detector (campaign 9): news-like names and genre from accounts without a licence."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglang.detectors.news import NAME_CITED_SCORE, NewsDetector
from qinglang.detectors.news_licence import NewsRegistry
from qinglang.errors import ConfigError
from tests.detectors.support import run_detector as _run

REGISTRY = Path(__file__).resolve().parents[1] / "scenarios" / "data" / "news_registry.csv"


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


def test_a_name_about_the_discipline_of_journalism_is_not_an_outlet(engine) -> None:
    det = NewsDetector(None, engine.normalizer)
    for name in ("新闻学考研资料", "新闻系小李的日常", "新闻传播学期末复习"):
        assert _run(engine, det, {"text": "议程设置理论笔记", "author": {"name": name}}) == [], name
    assert _run(engine, det, {"text": "你好", "author": {"name": "本地新闻速递"}})[0].rule == "news.name.unlicensed"


def test_a_declared_fiction_or_a_declared_source_is_no_outlet_posing(engine) -> None:
    """A newsy name on a declared-fiction post gives nothing; with a declared source it stays evidence below every
    action threshold; a source only cited in the text (a fake policy cites 新华社 as easily) changes nothing."""
    det = NewsDetector(None, engine.normalizer)
    author = {"name": "喵星日报"}
    assert _run(engine, det, {"text": "【虚构新闻】猫咪接管地球", "author": author,
                              "declared": {"fictional": True}}) == []
    sourced = _run(engine, det, {"text": "多地启动防汛应急响应", "author": author, "declared": {"source": "央视新闻"}})
    assert sourced[0].rule == "news.name.unlicensed" and sourced[0].score < 0.6
    cited = _run(engine, det, {"text": "明年起存款利息全部取消（来源：新华社）", "author": author})
    assert cited[0].score == 0.6


@pytest.mark.parametrize(("text", "rule"), [
    ("大家好，这里是“海峡新闻直播间”，马上连线我们在现场的记者，看看最新情况", "news.genre.own_outlet"),
    ("我们“江北资讯”公众号每天采编本地新闻，欢迎大家爆料", "news.genre.own_newsroom"),
    ("你们工地塌方的材料我们已经拿到了，稿件明早发布。想沟通就今晚联系。——城乡民生观察网", "news.genre.outlet_story"),
    ("【东港财经快讯】今日沪指收涨1.2%，本号独家首发！", "news.genre.own_newsroom"),
])
def test_a_post_that_presents_its_own_outlet_is_a_news_service(engine, text, rule) -> None:
    det = NewsDetector(None, engine.normalizer)
    got = _run(engine, det, {"text": text, "author": {"name": "小王"}})
    assert got and got[0].label == "unlicensed_news" and got[0].score >= 0.8
    assert rule in {e.rule for e in got[0].evidence}


@pytest.mark.parametrize("text", [
    "新闻课作业：模拟一次新闻直播，我演主播，同学演记者，纯属课堂练习",
    "提醒：正规记者证由国家新闻出版署核发，网上“兼职记者发放记者证”都是骗局",
    "今天看了一部讲记者的电影，主角为了一篇稿件发布顶住了压力，推荐",
])
def test_talk_about_news_work_is_no_news_service(engine, text) -> None:
    det = NewsDetector(None, engine.normalizer)
    assert _run(engine, det, {"text": text, "author": {"name": "小王"}}) == []


def test_a_national_outlets_name_with_a_look_alike_character_poses_as_it(engine) -> None:
    det = NewsDetector(None, engine.normalizer)
    for text in ("【人民曰报评论】这次改革势在必行", "新毕社快讯：今晚油价下调"):
        got = _run(engine, det, {"text": text, "author": {"name": "小王"}})
        assert got and "news.genre.lookalike_outlet" in {e.rule for e in got[0].evidence}, text
    # the real name, and a warning that names the fake in quotes, pose as nothing
    for text in ("人民日报评论：这次改革势在必行", "提醒：“人民曰报”是山寨号，认准官方认证"):
        assert _run(engine, det, {"text": text, "author": {"name": "小王"}}) == [], text


def test_a_report_of_an_account_posing_as_an_outlet_does_not_pose(engine) -> None:
    det = NewsDetector(None, engine.normalizer)
    text = "举报！有个叫'新毕社快讯'的号在冒充新华社，大家别关注"
    assert _run(engine, det, {"text": text, "author": {"name": "小王"}}) == []


def test_a_credited_name_stays_below_every_policy_threshold_on_unlicensed_news(engine) -> None:
    """The name rule on a post with a declared source is evidence only (session 16, prec16: it was 0.4, above the
    all-year key-positions rule's 0.35): below the least threshold of any shipped rule that can act on the label."""
    least = min(
        min(r.when.min_score.values()) if isinstance(r.when.min_score, dict) else r.when.min_score
        for f in engine._state.policy.files for r in f.rules
        if (r.when.labels is None and not r.when.degraded) or "unlicensed_news" in (r.when.labels or ()))
    assert NAME_CITED_SCORE < least
    det = NewsDetector(None, engine.normalizer)
    for surface in ("popup", "home_first_screen", "feed"):
        d = engine.moderate({"id": "k", "title": "今年退休人员基本养老金上调3%", "text": "人社部、财政部发出通知。",
                             "surface": surface, "author": {"name": "热点资讯站"}, "declared": {"source": "人社部"},
                             "created_at": "2024-03-01T10:00:00+08:00"})
        assert not any(lr.label == "unlicensed_news" and lr.policy_rule for lr in d.labels), (surface, d.action)
    assert _run(engine, det, {"text": "x", "author": {"name": "热点资讯站"}, "declared": {"source": "人社部"}})
