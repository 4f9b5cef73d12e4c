"""Session 15 (lang15): a porn film or story pointed at by what it is called (R18, 番号, 露骨描写) and where it
is handed over (隐藏链接, 磁力链接, 读者群); a massage / foot-bath / club ad that sells its workers by their looks and
winks at a "special service" is the covert sexual-service offer (vulgar); the shop alone, the shop with a price, a
news report of a raid stay unlabelled. Examples written for this test, not taken from any writer set."""

from __future__ import annotations

import pytest
from frame_classes import assert_acted_on, assert_spared

from qinglang.engine import Engine

ACTED = [
    {"text": "城西新开的足浴店，新来的几个妹妹水灵得很，晚上十一点后有特别服务"},
    {"text": "私人会所招待贵宾，技师身材好颜值高，男士专享，可到酒店😏"},
]

SPARED = [
    {"text": "城西新开的足浴店，技师手法专业，开业八折，晚上十一点后也营业"},
    {"text": "警方查处一家按摩店，店内几个年轻漂亮的技师提供特殊服务，老板被刑拘"},
    {"text": "这家正规养生馆的技师都很年轻，手法到位，价格不贵"},
]


@pytest.mark.parametrize("item", ACTED)
def test_service_sold_by_looks_with_a_wink_is_vulgar(engine: Engine, item: dict) -> None:
    assert_acted_on(engine, item, "vulgar", "frame.vulgar.service_by_looks")


@pytest.mark.parametrize("item", SPARED)
def test_the_shop_alone_or_a_raid_report_is_spared(engine: Engine, item: dict) -> None:
    assert_spared(engine, item)


def test_the_same_ad_with_its_porn_standing_is_the_porn(engine: Engine) -> None:
    """With a contact and 全套 the ad's porn stands; the looks frame's vulgar is then struck (scoping.SUBSUMED_RULES),
    its evidence kept and scoped `within:porn`."""
    from qinglang.model import Evidence, Signal
    from qinglang.scoping import SUBSUMED_FACTOR, strike_subsumed

    ev = Evidence("text", 0, 2, "足疗", "足疗", "frame.vulgar.service_by_looks")
    frame = Signal("vulgar", 0.65, "frame.vulgar.service_by_looks", "frame@1", (ev,))
    other = Signal("vulgar", 0.7, "lexicon.vulgar.vulgar", "lexicon@1", (ev,))
    porn = Signal("porn", 0.8, "lexicon.porn.porn", "lexicon@1", (ev,))
    out = strike_subsumed([porn, frame, other])
    assert out[1].score == round(0.65 * SUBSUMED_FACTOR, 4) and out[1].evidence[0].scope.endswith("within:porn")
    assert out[2] is other  # another rule's vulgar stands
    assert strike_subsumed([frame]) == [frame]


PORN_POINTED = [
    {"text": "新出的R18同人本，完整版放在隐藏链接里，回复可见"},
    {"text": "这部片子番号 SSIS-xxx，女主绝了，磁力链接我放评论区了"},
    {"text": "连载第十二章（此处删去露骨描写，想看完整的进读者群）"},
]

PORN_SPARED = [
    {"text": "爷爷当年所在部队的番号是多少？想查查他的档案"},
    {"text": "磁力链接下载的电影画质不行，还是买正版会员吧"},
    {"text": "警方破获一起更衣室偷拍案，嫌疑人已被刑事拘留"},
]


@pytest.mark.parametrize("item", PORN_POINTED)
def test_a_porn_film_or_story_pointed_at_is_porn(engine: Engine, item: dict) -> None:
    assert_acted_on(engine, item, "porn", "frame.porn.diversion")


@pytest.mark.parametrize("item", PORN_SPARED)
def test_the_words_in_their_own_sense_are_spared(engine: Engine, item: dict) -> None:
    assert_spared(engine, item)
