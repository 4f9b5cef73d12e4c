"""Session 21 (story21, issue 15; task 2): an extortion ultimatum is a demand on the party exposed.

An account that keeps writing about a company (持续关注, 系列, 第二篇已写完) and invites the company to "contact" or
"cooperate" — or notes that its PR desk has not called yet — makes the unpriced ultimatum
(`extortion.contact_invite`); a newsroom that asked the company for a response (未获回应) does not, nor an ad agency
inviting companies to advertise.

`extortion.private_ultimatum` needs, beside the publicity and the move to a private talk, a threat or a deletion on
offer; a price with "私聊" is an ultimatum only when the post speaks to a company (`extortion.private_price`: 贵司,
你们公司). A seller pricing its own goods "价格私聊" beside a publicity word (a 热搜 package, a placement on news
sites, private videos) is not extortion: its own labels (water_army, unlicensed_news, porn) stay its business.

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

import pytest
from frame_classes import assert_acted_on, decide

from qinglang.engine import Engine

ACTED = [
    ({"text": "贵公司食品抽检不合格的材料我们已经拿到了，费用方面可以私下谈"}, "extortion",
     "frame.extortion.private_price"),
    ({"text": "你们厂偷排的视频在我手里，想谈的私聊，不然明天就发到网上"}, "extortion",
     "frame.extortion.private_ultimatum"),
    ({"text": "关于你们公司的投诉帖，私下谈一谈，可以帮你删掉"}, "extortion", "frame.extortion"),
    ({"text": "本号会持续关注某某科技的质量问题，欢迎该公司公关部主动与本号联系沟通"}, "extortion",
     "frame.extortion.contact_invite"),
    ({"text": "某品牌的系列文章第二篇已经写完，他们公关部到现在都没有联系我们，大家猜猜为什么"}, "extortion",
     "frame.extortion.contact_invite"),
]

NEWSROOM = [
    {"text": "记者将持续关注此事，已就相关问题联系企业，截至发稿未获回应"},
    {"text": "本报将持续跟进该小区烂尾问题，欢迎知情业主向本报提供线索"},
]

SELLERS = [
    {"text": "抖音上热门套餐，点赞评论转发全包，真人号，价格私聊"},
    {"text": "新闻源发稿，门户网站可收录，软文宣传均可，报价私聊"},
    {"text": "定制写真视频，尺度可谈，价格私聊"},
]


@pytest.mark.parametrize(("item", "label", "rule"), ACTED)
def test_a_demand_on_the_party_exposed_is_extortion(engine: Engine, item: dict, label: str, rule: str) -> None:
    assert_acted_on(engine, item, label, rule)


@pytest.mark.parametrize("item", SELLERS)
def test_a_seller_pricing_its_goods_in_private_is_not_extortion(engine: Engine, item: dict) -> None:
    _, labels, rules = decide(engine, item)
    assert "extortion" not in labels, (labels, rules)


@pytest.mark.parametrize("item", NEWSROOM)
def test_a_newsroom_that_keeps_reporting_is_not_extortion(engine: Engine, item: dict) -> None:
    _, labels, rules = decide(engine, item)
    assert not any(r.startswith("frame.extortion.contact_invite") for r in rules), rules
    assert "extortion" not in labels, (labels, rules)
