"""Session-15 classes of task 4 (news15): whose fault a missing source is, on posts written for these tests (not the
writer sets)."""

from __future__ import annotations

import pytest

from qinglang.detectors.news import outlet_name
from qinglang.engine import Engine


def _decision(engine: Engine, text: str, **extra: object) -> dict[str, object]:
    d = engine.moderate({"id": "t", "text": text, **extra})
    return {"action": d.action, "labels": {lr.label: lr for lr in d.labels}}


def _labels(engine: Engine, text: str, **extra: object) -> set[str]:
    d = engine.moderate({"id": "t", "text": text, **extra})
    return {lr.label for lr in d.labels} if d.action != "pass" else set()


@pytest.mark.parametrize(("name", "verified", "outlet"), [
    ("城市头条快讯", False, True),
    ("南岭晚报", False, True),
    ("入民日报评论", False, True),       # a look-alike of a national outlet
    ("南岭晚报记者李明", False, False),   # a person naming an employer
    ("某市新闻办", True, False),          # a verified institution's own account
    ("爱做饭的小王", False, False),
])
def test_outlet_name_is_the_news_detectors_name_rule(name, verified, outlet) -> None:
    assert (outlet_name(name, verified) is not None) is outlet


REPORT = "【突发】今天下午城西高架发生多车追尾，已造成3人受伤送医。"


def test_a_post_from_an_account_named_as_an_outlet_is_asked_for_a_licence_not_a_source(engine) -> None:
    assert "source_missing" in _labels(engine, REPORT, author={"name": "爱做饭的小王"})
    got = _labels(engine, REPORT, author={"name": "城西头条快讯"})
    assert "source_missing" not in got
    assert "unlicensed_news" in got


def test_an_apps_push_is_not_marked_for_its_source(engine) -> None:
    assert "source_missing" not in _labels(engine, REPORT, surface="popup", author={"name": "极简日历"})


def test_a_clickbait_title_over_a_calm_report_is_clickbait_only(engine) -> None:
    got = _labels(engine, "某市将70周岁以上老人的高龄津贴每月提高30元，自明年3月起执行。",
                  title="官宣！下月起这类人每月多领钱，赶紧看看有没有你")
    assert "clickbait" in got
    assert "source_missing" not in got


@pytest.mark.parametrize("text", [
    "央行今天宣布下调存款准备金率0.25个百分点，预计释放长期资金约5000亿元。",
    "国务院常务会议今日决定延长小微企业增值税减免政策至2026年底。",
])
def test_an_institutions_measured_report_misses_its_source_and_is_no_rumour(engine, text) -> None:
    d = _decision(engine, text)
    labels = d["labels"]
    assert "source_missing" in labels and "rumor" not in labels, labels
    assert any(ev.rule == "claims.source.measured" for ev in labels["source_missing"].evidence)
    assert d["action"] == "label"


@pytest.mark.parametrize("text", [
    # the sweep and the reader's stake of a fabricated policy in official language
    "国务院今天宣布：明年起全国所有存款一律征收5%利息税，3月1日起执行。",
    "央行今天宣布下调存款利率0.5个百分点，明年起统一取消定期存款。",
])
def test_a_fabricated_policy_in_official_language_stays_a_rumour(engine, text) -> None:
    assert "rumor" in _labels(engine, text)
