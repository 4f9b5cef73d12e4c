"""Gambling and water-army lures by behaviour class, as SMS and comment spam write them (issue 16, session 11).

Sentences written here for each class, not taken from any blind or unseen set: a tipster's group selling picks
(推单, 红单, a hit rate), a state lottery bought online through a private agent (合买), a casino's deposit bonus,
engagement sold as a service (上热搜, 真人挂榜, 铺量). The sport, the lottery or the platform named as a topic is not
a lure: fans discuss hit rates, and news reaches the trending list.
"""

from __future__ import annotations

import pytest

from qinglang.engine import Engine
from tests.decide import acted_labels


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.mark.parametrize(("text", "label"), [
    ("每天老师免费推单，昨天又是红单，想跟的私我 vx: qiu_tip88", "gambling"),
    ("【足彩推荐】今晚三场精选，近期命中率很高，想跟的加群 qq群 87654321", "gambling"),
    ("双色球合买群今晚开车，平台代购，中奖直接打款，加微信 cp_hemai01", "gambling"),
    ("尊敬的会员，周末存款加赠20%，客服在线，加v：vip_kefu07", "gambling"),
    ("抖音小红书点赞评论、包上热搜，价格实惠，详询v：rq_team77", "water_army"),
    ("素人笔记批量铺量，一篇8元，好评包过，联系vx：zhongcao_01", "water_army"),
])
def test_a_lure_class_names_its_label(engine: Engine, text: str, label: str) -> None:
    assert label in acted_labels(engine, text, surface="comment"), text


@pytest.mark.parametrize("text", [
    "这赛季投篮命中率太低了，教练该换人了，比赛回放在 b站 搜队名就有",
    "我们学校的新闻上热搜了，校友群都在转，原文在学校官网 www.xxu.edu.cn",
])
def test_the_topic_alone_is_no_lure(engine: Engine, text: str) -> None:
    assert not {"gambling", "water_army"} & acted_labels(engine, text, surface="comment"), text
