"""Session-17 classes of tasks 4 and 9 (news17): a title against its body by structure, a rule stated as fact with its
effective date, who does the reporting — on posts written for these tests (not the writer sets)."""

from __future__ import annotations

import pytest
from news_classes import acted_labels

from qinglang.claims.headline import body_quotes_title

# --- clickbait: the body quotes the title's claim as something going round --------------------------------------------

def test_a_title_stating_what_its_body_quotes_as_hearsay_is_clickbait(engine) -> None:
    body = "最近群里流传“高速公路全面取消收费”的消息。交通部门工作人员表示，收费政策没有调整，请以官方发布为准。"
    assert "clickbait" in acted_labels(engine, body, title="高速公路全面取消收费，下月执行")


@pytest.mark.parametrize(("title", "body", "quoted"), [
    # hearsay framing before or after the quote, the title stating it
    ("高速公路全面取消收费", "网上流传“高速公路全面取消收费”的说法，交通部门已回应。", True),
    # a quoted name is no hearsay (the campaign's name in quotes)
    ("网信办部署暑期网络环境整治", "中央网信办启动“清朗·暑期网络环境整治”专项行动。", False),
    # the title attributes or quotes its words itself
    ("专家：高速公路全面取消收费不可能", "网上流传“高速公路全面取消收费”的说法不实。", False),
    ("“高速公路全面取消收费”是假的", "网传“高速公路全面取消收费”的说法不实。", False),
])
def test_body_quotes_title_reads_a_quote_framed_as_hearsay(title, body, quoted) -> None:
    assert (body_quotes_title(title, body) is not None) is quoted


# --- clickbait: the post puts its announced content somewhere else ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "下个月起有一件事和每个上班族都有关，具体是什么，评论区见",
    "这三类家电千万别放在阳台，具体是哪三类请看我主页置顶",
])
def test_a_post_that_points_away_from_itself_for_its_own_content_is_clickbait(engine, text) -> None:
    assert "clickbait" in acted_labels(engine, text)


def test_a_shop_pointing_to_its_store_for_prices_is_not_withheld_content(engine) -> None:
    assert "clickbait" not in acted_labels(engine, "本店新到一批秋季毛衣，价格详见橱窗，欢迎选购")


# --- a missing source: a rule stated with the day it takes effect, a public figure, a figure against its baseline -----

@pytest.mark.parametrize("text", [
    "城南片区的注意了，下周一起5路和18路公交调整线路，不再经过老汽车站，大家出门留意",
    "今年全市接待游客1.2亿人次，旅游总收入980亿元，大家最爱去哪个景点？",
    "今年市里的公务员报名人数12万，比去年多了2万，竞争真激烈",
    # the reader asked for their view closes the report; it does not make it a reply to one person
    "医保门诊报销比例从明年1月1日起提高到60%，你怎么看？",
])
def test_a_public_fact_stated_without_a_source_gets_the_mark(engine, text) -> None:
    d = engine.moderate({"id": "t", "text": text})
    assert "source_missing" in {lr.label for lr in d.labels} and "source" in d.marks


@pytest.mark.parametrize("text", [
    "我明天起开始早睡早起，坚持一个月看看效果",          # the poster's own plan
    "本店下周一起全场八折，欢迎新老顾客到店选购",        # a shop's own offer
])
def test_a_personal_plan_or_a_shops_offer_is_no_public_rule(engine, text) -> None:
    assert "source_missing" not in acted_labels(engine, text)


def test_a_licensed_outlet_or_an_official_issuer_is_its_own_source(engine) -> None:
    text = "下周一起5路和18路公交调整线路，不再经过老汽车站"
    assert "source_missing" not in acted_labels(engine, text, declared={"source": "市交通运输局"})
    assert "source_missing" not in acted_labels(engine, text, author={"name": "城南公交集团", "verified": True})


# --- task 9: news gathering in the post's own voice, a licence offered -----------------------------------------------

@pytest.mark.parametrize("text", [
    "各位网友，我们正在化工厂爆炸现场进行直播报道，现在连线一位附近的目击者",
    "我们记者以患者家属身份暗访了三家民营诊所，本台将持续关注",
    "我是《城乡法治观察》记者，今天带大家走进城南旧改工地的拆迁现场",
])
def test_news_gathering_in_the_posts_own_voice_from_an_unlicensed_account(engine, text) -> None:
    assert "unlicensed_news" in acted_labels(engine, text)


def test_the_same_reporting_from_a_licensed_outlet_is_not_unlicensed(engine) -> None:
    text = "各位网友，我们正在化工厂爆炸现场进行直播报道，现在连线一位附近的目击者"
    # the shipped engine imports no registry: a well-formed licence number is taken as a licence (news.licence_format)
    licensed = {"name": "南岭日报", "news_license": "44120170001", "verified": True}
    assert "unlicensed_news" not in acted_labels(engine, text, author=licensed)


@pytest.mark.parametrize(("text", "offered"), [
    ("转让互联网新闻信息服务许可资质，可挂靠，年费面议", True),
    ("新闻资质出租，手续快，价格私聊", True),
    ("本站不持有也不借用任何新闻资质，只发企业公告", False),
    ("警惕！有人在群里出租新闻许可证，这是违法的", False),
])
def test_a_news_licence_offered_for_rent_or_sale(engine, text, offered) -> None:
    assert ("unlicensed_news" in acted_labels(engine, text)) is offered
