"""Behaviour classes added in session 13 (frames13) for tasks 1, 2, 7 and 8 (issue 15, item 2): minors streaming for
tips and offered as paid companions, alcohol and tobacco praised in children, weapons in cartoons for children,
extortion by a held article without a price, damaging rates about a named (or pinyin-cloaked) company with its
source withheld, fans told to borrow for their idol, airport mobs with the itinerary. Each is acted on with its label
and the evidence of every cue that fired; the ordinary sense of the same words (a parent refusing, a 12315 complaint,
a newsroom asking for comment, fans refusing to collect money, a star's 私生活) is left alone.

The examples are written for these tests (not taken from the blind sets in tests/data/blind, the corpus writers
nor the twin-pair sets); `engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from frame_classes import class_tests, frame_engine, write_frames

from qinglang.engine import Engine
from qinglang.errors import ConfigError
from qinglang.frames import load_frames

# Tasks 1 and 7 are dated campaigns: outside their windows the ecosystem rules act on these labels only at 0.9.
SPRING = "2024-02-05T20:00:00+08:00"  # 01-spring-festival is active
SUMMER = "2024-07-20T20:00:00+08:00"  # 07-summer-minors is active

ACTED = [
    # task 7: a small child kept on stream for tips, with the host's own words
    ({"text": "我闺女才四岁，今天陪大家播到半夜了，哥哥们刷个嘉年华让宝宝早点睡觉", "surface": "live",
      "kind": "transcript"}, "minors_harm", "frame.minors_harm.child_streamer"),
    # task 7: a pupil offered as a paid voice companion
    ({"text": "接陪玩订单，小学妹声音超甜，高一在读，语音陪聊随时在线", "kind": "comment", "surface": "comment"},
     "minors_harm", "frame.minors_harm.recruit_minor"),
    # task 7: a child's smoking praised as grown-up, the age in Chinese numerals
    ({"text": "小外甥八岁就学会抽烟了，吞云吐雾的样子像个小大人"}, "minors_harm", "frame.minors_harm.minors_smoking"),
    # task 7: smoking sold to peers as maturity, the school year said of oneself
    ({"text": "我初二就开始抽烟了，抽烟才叫成熟，男生都该试试", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.minors_smoking"),
    # task 7: starving and purging passed on as a diet method to a teenager's peers
    ({"text": "十四岁想瘦的姐妹看过来，我的方法：饿了就喝水，每天只吃一个鸡蛋，吃多了就催吐，一个月瘦了十斤",
      "created_at": SUMMER}, "minors_harm", "frame.minors_harm.diet_harm_to_minors"),
    # task 7: a weapon swung in a cartoon offered to children
    ({"text": "儿童动画新番：小兔子拿菜刀追着哥哥砍，小朋友们一定要看到最后哦", "kind": "video"},
     "minors_harm", "frame.minors_harm.gore_for_children"),
    ({"text": "给宝宝看的早教动画，队长用电锯锯开同伴的头", "kind": "video"},
     "minors_harm", "frame.minors_harm.gore_for_children"),
    # task 2: an article held over a company, a business desk offered instead of a price
    ({"text": "贵司产品质量问题的调查稿件已经写好，暂时还没发出，如需沟通请联系本号商务邮箱", "surface": "private_chat",
      "kind": "message"}, "extortion", "frame.extortion.held_piece"),
    # task 2: a damaging rate stated as a ranking, its source refused; a brand cloaked in pinyin
    ({"text": "理想汽车电池起火率全国最高，内部人员跟我说的，别问我消息哪来的"}, "enterprise_smear",
     "frame.enterprise_smear."),
    ({"text": "Meng牛的奶检出致癌物，内部数据我看过，大家别喝了"}, "enterprise_smear", "frame.enterprise_smear."),
    # task 1: fans told to borrow to buy albums; an airport mob with the idol's seat on the plane
    ({"text": "今天每人至少买三十张专辑，没钱的去开借呗也要冲，哥哥的销量不能输", "kind": "comment",
      "surface": "comment", "created_at": SPRING}, "fan_frenzy", "frame.fan_frenzy."),
    ({"text": "弟弟的航班号我搞到了，周五晚上接机，大家冲进到达口，保安拦也没用", "kind": "comment",
      "surface": "comment", "created_at": SPRING}, "fan_frenzy", "frame.fan_frenzy.mob_itinerary"),
]

SPARED = [
    # a parent refusing to let a child drink; a family dinner with juice for the children
    {"text": "亲戚非要给我家六岁孩子倒白酒，我当场拒绝了，孩子喝酒会伤肝"},
    {"text": "年夜饭给孩子准备了果汁，大人喝酒小朋友喝椰汁，一家人其乐融融"},
    # parents discussing children who tip streamers; a host refusing minors' tips
    {"text": "孩子沉迷看直播打赏，家长该怎么管？专家建议开启青少年模式"},
    {"text": "直播间的未成年朋友，不要打赏，叔叔不收孩子的钱，已经打赏的联系客服退款", "surface": "live",
     "kind": "transcript"},
    # a pupil's summer study plan; a parent warning about violent knock-off cartoons
    {"text": "高三学生可以这样安排周末：上午做卷子，晚上留一小时运动"},
    {"text": "提醒各位家长：网上有些山寨动画片里有血腥暴力镜头，给孩子看之前先自己审一遍"},
    # the lunar 初二 at the in-laws' table; a doctor on teenage dieting
    {"text": "大年初二回娘家，陪我爸喝了两杯白酒，第一次喝这么多，哈哈", "created_at": SPRING},
    {"text": "医生提醒：青春期孩子靠催吐、只喝水减肥会伤胃，家长发现孩子节食要及时干预", "created_at": SUMMER},
    # a newsroom asking a company for comment; a consumer's complaint to 12315
    {"text": "我们收到读者投诉，已向涉事企业发函核实，企业回应后将持续报道"},
    {"text": "我买的美的空调用了三个月就坏了，已经拨打12315投诉，售后还没有回复"},
    # fans refusing to collect or borrow; a post on a star's 私生活 (私生 alone is no stalker fan)
    {"text": "理性追星，不集资不借钱，没钱就别买专辑，好好学习才是对哥哥最好的支持", "kind": "comment",
     "surface": "comment", "created_at": SPRING},
    {"text": "这个明星的私生活被扒出来了，酒店房号都有人晒，太可怕了，支持起诉", "created_at": SPRING},
]


test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(ACTED, SPARED)


def test_child_streamer_evidence_shows_every_cue(engine: Engine) -> None:
    d = engine.moderate({"id": "x", "surface": "live", "kind": "transcript",
                         "text": "我闺女才四岁，今天陪大家播到半夜了，哥哥们刷个嘉年华让宝宝早点睡觉"})
    lr = next(lr for lr in d.labels if lr.label == "minors_harm")
    fams = {ev.rule.rsplit(".", 1)[1] for ev in lr.evidence}
    assert {"child_host", "host_act"} <= fams and len(fams & {"tip_push", "spend", "stream_hours"}) >= 2
    assert all(ev.normalized or ev.rule.endswith(("child_host", "stream_hours")) for ev in lr.evidence)


CLOAKED = """\
name: custom
families:
  brand: {terms: [比亚迪], match: [exact, pinyin]}
  plain: {terms: [娃哈哈]}
  claim: {terms: [刹车失灵]}
frames:
  - id: custom.brand_claim
    label: enterprise_smear
    all: [brand, claim]
    window: 20
  - id: custom.plain_claim
    label: enterprise_smear
    all: [plain, claim]
    window: 20
"""


def _engine(tmp_path: Path, text: str) -> Engine:
    return frame_engine(tmp_path, write_frames(tmp_path, text))


def test_a_family_written_in_pinyin_matches_the_cloaked_name_only_where_asked(tmp_path: Path) -> None:
    eng = _engine(tmp_path, CLOAKED)
    d = eng.moderate({"id": "1", "text": "Bi亚迪刹车失灵"})
    lr = next(lr for lr in d.labels if lr.label == "enterprise_smear")
    assert {(ev.rule, ev.text, ev.normalized) for ev in lr.evidence} >= {
        ("frame.custom.brand_claim.brand", "Bi亚迪", "比亚迪")}
    assert not eng.moderate({"id": "2", "text": "wa哈哈刹车失灵"}).labels  # exact only: the default
    assert not eng.moderate({"id": "3", "text": "笔压底刹车失灵"}).labels  # pinyin is not homophone


def test_an_unknown_match_mode_is_a_file_line_error(tmp_path: Path) -> None:
    d = write_frames(tmp_path, CLOAKED.replace("match: [exact, pinyin]", "match: [exact, pinyn]"))
    with pytest.raises(ConfigError, match=r"custom\.yaml:3:"):
        load_frames([d])
