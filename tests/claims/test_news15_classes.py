"""Session-15 classes of task 4 (news15): whose fault a missing source is, on posts written for these tests (not the
writer sets)."""

from __future__ import annotations

import pytest

from qinglang.detectors.news import outlet_name
from qinglang.engine import Engine
from tests.decide import labels_if_acted


def _decision(engine: Engine, text: str, **extra: object) -> dict[str, object]:
    d = engine.moderate({"id": "t", "text": text, **extra})
    return {"action": d.action, "labels": {lr.label: lr for lr in d.labels}}


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


@pytest.mark.parametrize(("name", "outlet"), [
    ("南嶺晚報", True),          # traditional characters: read as 南岭晚报, as every text is
    ("城西 頭條 快訊", True),     # spaced and traditional
    ("ＡＢ日报", True),          # full width
    ("入民日報评论", True),       # a look-alike of a national outlet, in traditional characters
    ("爱做饭的小王", False),
])
def test_the_source_rule_and_the_news_detector_read_one_normalized_name(engine, name, outlet) -> None:
    """Session 16 (prec16): `poster_is_outlet` compared the raw name while the news detector normalized it; both now
    call `news.account_outlet` with the engine's normalizer, so they agree on every name."""
    from qinglang.claims.source import poster_is_outlet
    from qinglang.detectors import Views
    from qinglang.detectors.news import NewsDetector, account_outlet
    from qinglang.model import Content

    c = Content.from_json({"id": "t", "text": REPORT, "author": {"name": name}})
    views = Views.build(c, engine.normalizer)
    assert (account_outlet(c, engine.normalizer) is not None) is outlet
    assert poster_is_outlet(views) is outlet
    assert (NewsDetector(None, engine.normalizer)._name_evidence(c) is not None) is outlet


REPORT = "【突发】今天下午城西高架发生多车追尾，已造成3人受伤送医。"


def test_a_post_from_an_account_named_as_an_outlet_is_asked_for_a_licence_not_a_source(engine) -> None:
    assert "source_missing" in labels_if_acted(engine, REPORT, author={"name": "爱做饭的小王"})
    got = labels_if_acted(engine, REPORT, author={"name": "城西头条快讯"})
    assert "source_missing" not in got
    assert "unlicensed_news" in got


def test_an_apps_push_is_not_marked_for_its_source(engine) -> None:
    assert "source_missing" not in labels_if_acted(engine, REPORT, surface="popup", author={"name": "极简日历"})


def test_a_clickbait_title_over_a_calm_report_is_clickbait_only(engine) -> None:
    got = labels_if_acted(engine, "某市将70周岁以上老人的高龄津贴每月提高30元，自明年3月起执行。",
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
    assert "rumor" in labels_if_acted(engine, text)


@pytest.mark.parametrize("text", [
    # the crowd around the poster, an acquaintance who just told, a document "issued inside"
    "身边好多人都在传，下个月起我们这公交月票统一涨到每月200块，学生的也不例外",
    "气象局的同学刚说的，明天下午咱们这有特大冰雹，大家车别停露天！",
    "内部已经发文了，明年起公务员统一延迟两小时下班，不信等着看。",
])
def test_a_claim_told_as_passed_on_is_a_rumour_without_a_source_mark(engine, text) -> None:
    got = labels_if_acted(engine, text)
    assert "rumor" in got and "source_missing" not in got, got


def test_footage_the_poster_presents_is_its_own_account_not_a_report_missing_a_source(engine) -> None:
    rest = "底下好几辆车被压，伤亡还不清楚，大家绕行。"
    assert "source_missing" in labels_if_acted(engine, "今天下午西环高架桥塌了，" + rest)
    assert "source_missing" not in labels_if_acted(engine, "图为今天下午西环高架桥塌了的现场，" + rest)


def test_a_death_the_concerned_party_has_not_confirmed_is_a_rumour(engine) -> None:
    assert "rumor" in labels_if_acted(engine, "演员林某今早被发现在家中去世，年仅41岁，工作室至今未回应。一路走好")
    # a shop ignoring the poster's complaint is the poster's own dispute
    assert "rumor" not in labels_if_acted(engine, "我投诉了三次，商家至今未回应，客服也没有回应")


def test_a_body_that_says_it_is_not_so_takes_the_title_back(engine) -> None:
    got = labels_if_acted(engine, "有网友问公交卡优惠的事。该优惠已实行五年，并非新出台的规定，其他乘客仍按原价乘车。",
                  title="重磅！下周起，这些人坐公交不要钱了")
    assert "clickbait" in got


def test_an_incident_told_in_the_register_of_its_handling_misses_its_source_and_is_no_rumour(engine) -> None:
    d = _decision(engine, "昨晚绕城高速发生三车追尾，已致1人死亡4人受伤，事故原因正在调查。")
    labels = d["labels"]
    assert "source_missing" in labels and "rumor" not in labels, labels
    assert d["action"] == "label"
    # a person "still under investigation" is the claim itself, not its handling
    got = labels_if_acted(engine, "听说某某集团董事长还在被调查，公司账上没钱了，内部消息，懂的都懂")
    assert "rumor" in got
