"""Session 21 (story21, issue 15; task 2): an extortion ultimatum is a demand on the party exposed.

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
