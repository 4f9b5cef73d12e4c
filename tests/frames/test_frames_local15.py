"""Session 15 (local15, issue 15 item 2; task 1): wealth flaunting and fan mobilisation by their structure, acted on
all year when the structure is there (ecosystem.yaml `eco.flaunt_fans.limit`, wealth_flaunt / fan_frenzy ≥ 0.8).

- Wealth flaunting: a sum or a luxury good the speaker has (万 and up, supercars, gold bars, whole flats) made light
  of (随手, 第四台, 太便宜扔了, 茅台洗脚) or set against the reader's means (你们一年的工资, 普通家庭), and 拜金 as a
  price put on a partner (月薪低于X万直接分, 没有X套房的别来). Talk about flaunting (reports, rebukes, "无语") and a
  purchase saved up for are spared.
- Fan mobilisation: a fan group ordered with quotas and penalties (每人至少…, 截图打卡, 完不成的踢出), piled onto a
  rival fandom or a critic (去她们超话刷屏, 扒出来, 开盒), an idol's flight, seat or hotel room passed on or sold,
  a fan's tuition or living money spent on the idol. Statements, parents, former fans and onlookers are spared.

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin-pair sets);
`engine` is the session's shared default engine (tests/conftest.py). Dates are outside the Spring Festival window,
so the standing rule, not the festival overlay, is what acts."""

from __future__ import annotations

import pytest
from frame_classes import assert_acted_on, assert_spared, decide

from qinglang.engine import Engine

SUMMER = "2024-07-10T20:00:00+08:00"

ACTED = [
    ({"text": "新买的第三块百达翡丽，表带颜色不喜欢，直接送保姆了，你们一个月工资够买个表扣吗😂"}, "wealth_flaunt",
     "frame.wealth_flaunt.casual_extravagance"),
    ({"text": "周末无聊，开了两箱拉菲泡澡，也就那样，普通家庭可能一辈子都喝不上一瓶"}, "wealth_flaunt",
     "frame.wealth_flaunt.casual_extravagance"),
    ({"text": "姐妹们记住，年薪不到一百万的男人直接拉黑，别浪费自己的青春"}, "wealth_flaunt",
     "frame.wealth_flaunt.mate_price"),
    ({"text": "女孩子就该嫁有钱人，我闺蜜嫁了个身家上亿的，现在每天喝下午茶，你们还在挤地铁上班"}, "wealth_flaunt",
     "frame.wealth_flaunt.gold_creed"),
    ({"text": "站子通知：明天每人至少转发五十条，截图交到群里，完不成的踢出后援会", "kind": "comment",
      "surface": "comment"}, "fan_frenzy", "frame.fan_frenzy.ordered_campaign"),
    ({"text": "对家又在黑我们哥，姐妹们去她们超话刷屏骂回去，一个都别放过"}, "fan_frenzy",
     "frame.fan_frenzy.rival_pileon"),
    ({"text": "爱豆下周三的座位号 16C，酒店 2306房，要的私我，一份三十"}, "fan_frenzy",
     "frame.fan_frenzy.itinerary_leak"),
    ({"text": "这学期生活费全花在哥哥的签售上了，信用卡也刷爆了，但是能见到他一面值了"}, "fan_frenzy",
     "frame.fan_frenzy.overspend"),
    # 同城: a hot-list boosting service (its guarantee said otherwise), a card room's game, a room refused by origin
    ({"text": "本地热榜上榜服务，保证你的店进前五，价格面议", "surface": "local"}, "water_army",
     "frame.water_army.rank_service"),
    ({"text": "老街麻将馆今晚开桌 两百起 只收熟人 地址私信", "surface": "local"}, "gambling",
     "frame.local.card_room_game"),
    ({"text": "两室一厅招租，拎包入住，不租河南人和外地户口，谢谢", "surface": "local"}, "antagonism",
     "frame.local.origin_refusal"),
    # AI content: the absence of a label said in a wording of its own
    ({"text": "周末去了趟雪山，风景绝了（图片由AI生成，发布页面未显示任何提示）"}, "aigc_unlabeled",
     "frame.aigc_unlabeled.stated_unlabeled"),
]

SPARED = [
    # a purchase saved up for, no comparison, nothing made light of
    {"text": "攒了三年终于提了人生第一台车，十五万的国产车，开回老家给爸妈看，他们高兴坏了"},
    # a reunion post with red envelopes
    {"text": "除夕一家人吃年夜饭，给侄子侄女每人包了两百块红包，奶奶笑得合不拢嘴"},
    # talk about flaunting: a rebuke of the video
    {"text": "刷到有人拿茅台洗脚还说你们一辈子喝不起，真的无语，这种炫富视频能不能别推了"},
    # a fan group's statement against orders
    {"text": "后援会声明：本站不组织任何打卡任务，不要求每人转发多少条，更不会踢人，理性追星"},
    # a parent's warning about the same orders
    {"text": "提醒各位家长，我家孩子的粉丝群要求每人每天至少三十条评论，完不成就踢出群，大家看看孩子手机"},
    # a keepsake album
    {"text": "买了一张专辑做纪念就够了，学生党理性消费，喜欢他的歌就好"},
    # 同城: a hot list read, a community card room, a landlord's ordinary conditions, a labelled AI drawing
    {"text": "同城热榜上看到的这家面馆，排队的人真多，改天去试试", "surface": "local"},
    {"text": "社区老年活动中心棋牌室周一到周五开放，娱乐为主，禁止赌博", "surface": "local"},
    {"text": "单间出租，1200一月，不要宠物，谢绝中介", "surface": "local"},
    {"text": "新画的猫咪插画（AI生成），已在发布页勾选AI标识，喜欢的点个赞", "declared": {"ai_generated": True}},
    # a quip about marrying rich, said not to be 拜金, with no sum and no put-down
    {"text": "本来想吃个瓜，结果看到一句嫁个有钱人吧，不是拜金，笑死"},
    # "千万" as "by all means" is no sum
    {"text": "出门旅游千万别随手把护照放背包外层，我这次差点丢了"},
]


@pytest.mark.parametrize(("item", "label", "rule"), ACTED)
def test_structure_is_acted_on_all_year(engine: Engine, item: dict, label: str, rule: str) -> None:
    assert_acted_on(engine, {"created_at": SUMMER, **item}, label, rule)


@pytest.mark.parametrize("item", SPARED)
def test_ordinary_sense_is_spared(engine: Engine, item: dict) -> None:
    assert_spared(engine, {"created_at": SUMMER, **item})


def test_evidence_names_every_part(engine: Engine) -> None:
    """The flaunt's evidence shows the sum and the put-down, each with its span and canonical form."""
    d = engine.moderate({"id": "x", "created_at": SUMMER,
                         "text": "随手买了个爱马仕，你们打工人一年赚的不如我一个包"})
    (lr,) = [x for x in d.labels if x.label == "wealth_flaunt"]
    rules = {e.rule for e in lr.evidence}
    assert "frame.wealth_flaunt.casual_extravagance.big_money" in rules
    assert {"frame.wealth_flaunt.casual_extravagance.casual_spend",
            "frame.wealth_flaunt.casual_extravagance.compare_down"} & rules
    assert d.action == "limit"


def test_standing_rule_needs_the_structure(engine: Engine) -> None:
    """A word alone (the wealth lexicon, 0.7) is below the standing limit outside the festival window."""
    action, _, _ = decide(engine, {"created_at": SUMMER, "text": "今天去看了爱马仕的新款包"})
    assert action == "pass"
