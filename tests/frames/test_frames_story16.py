"""Session 16 (story16, issue 15; tasks 1, 2 and 10): stories told by their structure, antagonism as a claim about a
whole group, 同城 rumours, and the enterprise hard negatives (a regular's joke, a reporter asking for comment).

- Staged: a first-person ordeal in a family scene (locked out, thrown out, a night in the car) + a moral for a
  whole group (这就是…的下场, 姐妹们看清楚了) + shown to the audience (拍下来给你们看) → `staged` 0.6 (limit);
  someone's misery filmed as a serial (吃馒头蘸酱油 … 关注我明天继续直播) → 0.6; a status reversal told as a
  headline (实习生 / 保安 … 一个电话 / 竟然让她当了总经理) → 0.5 (a mark). Declared fiction and talk about
  such plots are spared.
- Rumour: a local place + a frightening event + a call to stay away (别出门, 别把孩子送去), no source → `rumor` 0.6;
  a toll said to be hidden by the news (新闻只报个位数, 医生被要求不许对外说) → 0.6. Notices, debunks and questions
  are spared.
- Antagonism: a place pointed at (那个省的人) with a stock joke (看好钱包); a whole group told what it deserves
  (…就该…, 蛀虫). The model's antagonism needs a people noun somewhere (tests/text/test_target.py).
- Enterprises: a regular's joke (这家店迟早被我吃倒闭) and a reporter asking a company to respond are no smear.

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

import pytest
from frame_classes import assert_acted_on, assert_spared, decide

from qinglang.engine import Engine

ACTED = [
    ({"text": "大年初二被婆家赶出家门，抱着孩子在楼道里站了半宿，这就是嫁到外省的下场，姐妹们看清楚了，全程录下来了"},
     "staged", "frame.staged.ordeal_lesson"),
    ({"text": "村口的老大爷每天捡垃圾吃，三年没吃过肉……关注我，每天带你们看他怎么过日子", "kind": "video"},
     "staged", "frame.staged.misery_serial"),
    ({"text": "保洁阿姨在电梯里被富二代嘲笑，她一个电话，集团董事长亲自下楼道歉"}, "staged",
     "frame.staged.status_twist"),
    ({"text": "咱们区万达广场那边有人投毒，已经好几个人送医了，这几天别去那逛，看好孩子", "surface": "local"},
     "rumor", "frame.rumor.local_alarm"),
    ({"text": "这次矿难其实死了好几十个，新闻只报了三个，都被压下来了"}, "rumor", "frame.rumor.hidden_toll"),
    ({"text": "那个县的人啊，懂的都懂，出门记得看紧钱包", "kind": "comment", "surface": "comment"}, "antagonism",
     "frame.antagonism.stock_joke_pointed"),
    ({"text": "00后就该滚出职场，全是毒瘤", "kind": "comment", "surface": "comment"}, "antagonism",
     "frame.antagonism.group_stereotype"),
    ({"text": "外地人一律不让进我们村的学校，别租给他们", "kind": "comment", "surface": "comment"}, "antagonism",
     "frame.antagonism.group_exclusion"),
    # false_ad: a promise a reader would act on, said while selling
    ({"text": "这款生发液史上最强，用完秃顶长满头发，今天只要99元，链接在橱窗"}, "false_ad",
     "frame.false_ad.sold_promise"),
    ({"text": "玉镯外面卖五万，今天只要680，每个都有鉴定证书"}, "false_ad", "frame.false_ad.sold_promise"),
    # 同城 tea code: the "tea" described as a person, delivered
    ({"text": "到了一批茶 学生款 可看照 住酒店的老板私聊", "surface": "local"}, "porn", "frame.porn.tea_code"),
]

SPARED = [
    # declared fiction and talk about such plots
    {"text": "【短剧】保洁阿姨一个电话，董事长亲自下楼道歉 第5集（剧情演绎，纯属虚构）"},
    {"text": "又是这种保安拦千金、老板亲自道歉的剧情，都是剧本，别当真"},
    # a real complaint about one's in-laws, with no moral for a group and nothing shown to an audience
    {"text": "过年被婆婆说了几句，心里有点难受，晚上跟老公聊开了，明天一起回我妈家"},
    # a local notice, a debunk, a question
    {"text": "【停电通知】因线路检修，本周六8:00-12:00阳光小区暂停供电，请提前做好准备。——供电所", "surface": "local"},
    {"text": "网传城东菜市场有人投毒系谣言，警方已核实，大家别转发", "surface": "local"},
    {"text": "听说咱们小区的水有问题？有人知道是真的假的吗", "surface": "local"},
    # a regular's joke and a reporter asking for comment
    {"text": "小区门口那家烧烤太香了，老板又送了两串，迟早被我吃倒闭😂"},
    {"text": "李总您好，我是某日报记者，关于贵公司产品召回一事，想请贵公司就此事回应，截稿前都可以联系我。",
     "kind": "message", "surface": "private_chat"},
    # talk about a false ad, an honest review with its price
    {"text": "姐妹们别信那种三个月长高5厘米的鞋垫，都是智商税"},
    {"text": "这款面霜用了一个月，保湿还行，39元不贵，就是味道有点大"},
    # a building rule, not a people kept out
    {"text": "物业通知：一律不让电动车上楼，外卖员送到门口即可"},
    # a tea shop: tender leaves and delivery are tea, not a person
    {"text": "今年的明前新茶很嫩，店里可以试喝，营业到晚上九点", "surface": "local"},
    # one's own hometown and a rebuke of the joke
    {"text": "别再拿那个省的人开玩笑说看好钱包了，地域黑真的很无聊", "kind": "comment", "surface": "comment"},
]


@pytest.mark.parametrize(("item", "label", "rule"), ACTED)
def test_class_acted_on(engine: Engine, item: dict, label: str, rule: str) -> None:
    assert_acted_on(engine, item, label, rule)


@pytest.mark.parametrize("item", SPARED)
def test_ordinary_sense_spared(engine: Engine, item: dict) -> None:
    _, _, rules = decide(engine, item)
    assert not any(r.startswith(("frame.staged.ordeal_lesson", "frame.staged.misery_serial",
                                 "frame.staged.status_twist", "frame.rumor.local_alarm", "frame.rumor.hidden_toll",
                                 "frame.antagonism.stock_joke_pointed", "frame.antagonism.group_exclusion",
                                 "frame.false_ad.sold_promise", "frame.porn.tea_code",
                                 "frame.enterprise_smear.")) for r in rules), rules


def test_ordeal_staged_for_an_audience_is_limited_with_evidence_of_each_part(engine: Engine) -> None:
    text = "除夕夜被老公锁在门外冻了一夜，这就是远嫁的下场，姐妹们看清楚了，拍下来给你们看"
    d = engine.moderate({"id": "x", "text": text, "created_at": "2024-05-10T20:00:00+08:00"})
    assert d.action == "limit"
    staged = next(lr for lr in d.labels if lr.label == "staged")
    rules = {ev.rule for ev in staged.evidence}
    assert {"frame.staged.ordeal_lesson.ordeal", "frame.staged.ordeal_lesson.moral",
            "frame.staged.ordeal_lesson.shown"} <= rules
    assert all(ev.normalized and ev.text for ev in staged.evidence)


def test_a_twist_headline_is_a_mark_not_a_limit(engine: Engine) -> None:
    d = engine.moderate({"id": "x", "text": "外卖小哥送错了单，总裁竟然让他当了总经理！"})
    staged = [lr for lr in d.labels if lr.label == "staged"]
    assert staged and all(lr.score < 0.6 for lr in staged)
    assert d.action in ("label", "pass")


def test_the_shipped_frames_spare_a_notice_everywhere(engine: Engine) -> None:
    assert_spared(engine, {"text": "【停水通知】因管网维修，明天9:00-18:00新华小区暂停供水，请提前储水。——自来水公司",
                           "surface": "local"})
