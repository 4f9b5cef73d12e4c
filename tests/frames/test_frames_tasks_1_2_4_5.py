"""Behaviour classes added in session 6 to the frames of campaign tasks 1, 2, 4 and 5 (Spring Festival, enterprises,
self-media, livestream): each behaviour is acted on with its label and the evidence of its cues, and the ordinary
sense of the same words is left alone.

The examples are written for these tests (not taken from the blind sets in tests/data/blind)."""

from __future__ import annotations

import pytest
from frame_classes import decide

from qinglang.engine import Engine

FESTIVAL = "2024-02-12T20:00:00+08:00"  # inside the Spring Festival overlay window (policies/01-spring-festival.yaml)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


ACTED = [
    # task 1: the homecoming boast, fan vote quotas bought with extra accounts, a fabricated 返乡见闻, a staged feud
    ({"text": "过年开着两辆大奔回老家，给每个亲戚塞了五千，当年看不起我的人脸都绿了，混得差的别回来丢人",
      "created_at": FESTIVAL}, "wealth_flaunt", "frame.wealth_flaunt.contempt"),
    ({"text": "年度人气榜开始了，每人每天20票全部投完，号不够的去买号，反超对家就靠今晚", "created_at": FESTIVAL},
     "fan_frenzy", "frame.fan_frenzy.vote_rigging"),
    ({"text": "回乡偶记：我们镇上一半的厂都倒闭了，年轻人没工作只能去要饭，这才是真实的农村，新闻里看不到",
      "created_at": FESTIVAL}, "rumor", "frame.rumor.homecoming_tale"),
    ({"text": "大年初一婆婆当众羞辱我娘家穷，我直接把桌子掀翻了，全家都惊呆了，本人亲历", "created_at": FESTIVAL},
     "staged", "frame.staged.holiday_spectacle"),
    # task 2: deletion sold to companies, a publicity ultimatum, a rumour about a company's boss
    ({"text": "承接各大平台负面删除，差评投诉都可删，48小时见效，先删后付，企业客户欢迎咨询"}, "extortion",
     "frame.extortion.deletion_service"),
    ({"text": "@某某食品 采访函已经发了三次，下周一就在各大平台同步发布调查报道，想私下解决的话价钱好商量"},
     "extortion", "frame.extortion."),
    ({"text": "鹅厂年后要裁掉两成，40岁以上一律优化，圈里都知道了，消息保真"}, "enterprise_smear",
     "frame.enterprise_smear."),
    # task 4: staged social experiments, boasting of fraud for likes, prize bait, selling on a disaster
    ({"text": "社会实验：假装晕倒在地铁口，接下来的一幕让人泪目……人间自有真情"}, "staged",
     "frame.staged.social_test"),
    ({"text": "我专骗老实人的彩礼，骗完就跑，有本事来抓我，点赞破万出教程"}, "staged",
     "frame.staged.provocation_bait"),
    ({"text": "粉丝福利！关注后评论区扣1，每人免费送一部新手机，数量有限，抢完为止"}, "clickbait",
     "frame.clickbait.fake_giveaway"),
    ({"text": "台风过境，为受灾的朋友们祈福，我家店铺全场五折清仓，点头像进店"}, "clickbait",
     "frame.clickbait.disaster_marketing"),
    # task 5: sexual propositions to strangers on camera, undressing for gifts, a hand-set sales counter, a course
    # that guarantees a life outcome
    ({"text": "走，跟着我去问问那个路过的妹子，今晚陪我过夜吗，房间我都订好了", "surface": "live",
      "kind": "transcript"}, "vulgar", "frame.vulgar.street_harassment"),
    ({"text": "宝宝们送两个嘉年华，我就穿少一点，镜头往下拍给你们看", "surface": "live", "kind": "transcript"},
     "vulgar", "frame.vulgar.tip_for_tease"),
    ({"text": "小助理把销量再往上改一下，改到五万单，家人们看已经卖出五万单了，最后一波", "surface": "live",
      "kind": "transcript"}, "false_ad", "frame.false_ad.fake_sales_count"),
    ({"text": "想让他回心转意？来我的训练营，学费6980，七天挽回，无效退款", "surface": "live"}, "false_science",
     "frame.false_science.guaranteed_course"),
    # a viewer asking a streamer to show her chest (胸 as a body part; session 9, live9)
    ({"text": "主播把外套拉开让我们看看胸", "surface": "live", "kind": "bullet"}, "vulgar",
     "frame.vulgar.live_body_request"),
]


@pytest.mark.parametrize(("item", "label", "rule"), ACTED)
def test_behaviour_is_acted_on_with_its_cues(engine: Engine, item: dict, label: str, rule: str) -> None:
    action, labels, rules = decide(engine, item)
    assert action != "pass"
    assert label in labels
    assert any(r.startswith(rule) for r in rules), rules


SPARED = [
    {"text": "回老家过年，给爸妈换了台新冰箱，一家人热热闹闹的", "created_at": FESTIVAL},
    {"text": "返乡日记：村里修了水泥路，小学翻新了，年轻人回来开民宿的多了", "created_at": FESTIVAL},
    {"text": "春晚节目投票通道开了，每人每天可以投5票，喜欢哪个投哪个", "created_at": FESTIVAL},
    {"text": "平台提醒：任何人以删帖为名收费都是诈骗，请通过侵权投诉通道处理"},
    {"text": "公司今年优化了部分岗位，按劳动法给了补偿，大家好聚好散"},
    {"text": "街头采访：过年你最想对家人说什么？路人们的回答好暖"},
    {"text": "抽奖：关注并转发，随机抽取三位送书，通过微博抽奖平台公开开奖"},
    {"text": "地震灾区需要帮助，我们店本月营业额全部捐给红十字会，捐赠票据会公示"},
    {"text": "主播今天教大家做红烧肉，镜头往下一点能看到锅里的火候", "surface": "live", "kind": "transcript"},
    {"text": "这节网课讲二次函数，学费按课时收，报名前可以先试听", "surface": "live"},
    # a clothes seller's size chart and a viewer's measurements (胸围, not 胸; session 9, live9)
    {"text": "这款衬衫三号链接，M码胸围九十六，L码胸围一百零二，肩宽四十四", "surface": "live",
     "kind": "transcript"},
    {"text": "我胸围八十八腰围七十穿什么码", "surface": "live", "kind": "bullet"},
]


@pytest.mark.parametrize("item", SPARED)
def test_ordinary_sense_is_not_acted_on(engine: Engine, item: dict) -> None:
    action, labels, _ = decide(engine, item)
    assert action == "pass", labels
