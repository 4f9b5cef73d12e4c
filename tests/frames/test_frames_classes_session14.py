"""Behaviour classes added in session 14 (minors14) for tasks 7 and 8 (issue 15): content unfit for children reaching
them — the same joke or plot is fine for adults and harmful in minors mode or on a child's device (the contract's
`audience`) —, children's characters with gore or an adult turn, a child kept performing for gifts, a toddler's
drinking boasted as a talent; poem and song parodies with a sexual turn. The ordinary sense is left alone: the same
joke for adults, a parent's warning, a scholar on 床前明月光, a dialect post about the cold.

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

from frame_classes import class_tests, decide

from qinglang.engine import Engine

SUMMER = "2024-07-20T20:00:00+08:00"  # 07-summer-minors is active
LANGUAGE = "2024-11-05T20:00:00+08:00"  # 08-language is active
MINOR = {"minor_mode": True, "age": 9}

ACTED = [
    # an affair joke pushed to a child in minors mode
    ({"text": "今日段子：丈夫突然提前回家，衣柜里传出打喷嚏的声音，他问：谁在里面？", "audience": MINOR},
     "minors_harm", "frame.minors_harm.adult_theme_to_children"),
    ({"text": "给你讲个荤段子吧，保证笑死", "audience": MINOR, "kind": "transcript", "surface": "search"},
     "minors_harm", "frame.minors_harm.adult_theme_to_children"),
    # the same kind of joke named on a child's watch, no audience given
    ({"text": "电话手表每日推送：隔壁老王的成人笑话合集，点开就能听"}, "minors_harm",
     "frame.minors_harm.adult_theme_on_child_device"),
    # a children's character eaten as the spectacle
    ({"text": "汪汪队的小狗被大鲨鱼咬死的全过程，宝宝们快来看", "kind": "video", "created_at": SUMMER},
     "minors_harm", "frame.minors_harm.gore_for_children"),
    # a cartoon heroine "grown up" in a wink quote
    ({"text": "动画片公主「成年后」的同人图🔞 私信领取", "kind": "post"}, "minors_harm",
     "frame.minors_harm.sexualized_cartoon"),
    # a child kept dancing for gifts past bedtime, made to court the tipper
    ({"text": "家人们再刷两个火箭，让我家丫头跳到十一点，困了也得跳，快叫干爹", "surface": "live",
      "kind": "transcript"}, "minors_harm", "frame.minors_harm.child_distress_for_tips"),
    # a children's character teaching a dangerous act
    ({"text": "熊二教你用打火机点火，小朋友们快试试，超好玩", "kind": "video", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.cartoon_teaches_danger"),
    # a toddler's drinking boasted as a talent
    ({"text": "两岁闺女抿了一口白酒面不改色，以后酒桌上一把好手", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.minors_drinking"),
    # a song parody with a sexual turn, and a famous line with one
    ({"text": "两只老虎跑得快，一只没有穿衣服，一只脱光上床啦 #儿歌改编", "created_at": LANGUAGE},
     "language_misuse", "frame.language_misuse.classic_lewd_reading"),
    ({"text": "春眠不觉晓，处处闻啼鸟，夜来「嫂子」声（懂的都懂）#古诗新解", "created_at": LANGUAGE},
     "language_misuse", "frame.language_misuse.classic_lewd_reading"),
    # grooming: a pick-up at the school gate with a cover story for the parents; a night call behind a closed door
    ({"text": "下周五我在你们学校后门等你，带你去游乐园，回去就说在同学家写作业，别告诉你妈", "surface": "private_chat",
      "kind": "message"}, "grooming", "frame.grooming."),
    ({"text": "你才十四岁呀，我们网恋吧，晚上视频的时候把门锁上，耳机戴好", "surface": "private_chat",
      "kind": "message"}, "grooming", "frame.grooming."),
    # a parent named in the secrecy (别让你妈知道) is no parent's consent
    ({"text": "你上初二了吧，哥哥送你皮肤，晚上视频的时候别让你妈知道", "surface": "private_chat", "kind": "message"},
     "grooming", "frame.grooming."),
]

SPARED = [
    # a grandparent fetching a grandchild, the parents' consent said
    {"text": "乖孙，明天奶奶去你们学校门口接你，带你去吃面，你妈妈已经同意了", "surface": "private_chat",
     "kind": "message"},
    # the same affair joke among adults
    {"text": "今日段子：丈夫突然提前回家，衣柜里传出打喷嚏的声音，他问：谁在里面？"},
    # a parent warning others about a child's watch
    {"text": "各位家长注意，孩子的电话手表推送了成人笑话，我已经投诉并关掉推送", "surface": "private_chat",
     "kind": "message"},
    # a children's fairy tale told in minors mode (the wolf eats the grandmother; no spectacle)
    {"text": "睡前故事《小红帽》：大灰狼假扮外婆，最后猎人救出了小红帽和外婆", "audience": MINOR},
    # a cartoon episode that teaches fire safety
    {"text": "熊出没安全课：熊二玩打火机差点点着森林，小朋友们千万不要模仿，玩火很危险", "kind": "video",
     "created_at": SUMMER},
    # a scholar on the 床 of 床前明月光
    {"text": "“床前明月光”的“床”究竟指什么？学界有井栏说、坐具说，课本按坐具讲解", "created_at": LANGUAGE},
    # a northern dialect post about the cold (瑟瑟 as a shiver, not a pun)
    {"text": "今儿个贼冷，出门冻得嘚嘚瑟瑟的，俺们那旮沓都零下二十度了", "created_at": LANGUAGE},
    {"text": "零下十五度，站在公交站瑟瑟发抖，冻得哆哆嗦嗦瑟瑟的", "created_at": LANGUAGE},
]


test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(ACTED, SPARED)


def test_the_same_joke_depends_on_the_audience(engine: Engine) -> None:
    text = "成人笑话大全第一条：老婆出差提前回家，衣柜里藏着人"
    adult = decide(engine, {"text": text, "created_at": SUMMER})
    child = decide(engine, {"text": text, "created_at": SUMMER, "audience": MINOR})
    assert adult[0] == "pass" and "minors_harm" not in adult[1]
    assert child[0] != "pass" and "minors_harm" in child[1]
    assert any(r.endswith("adult_theme_to_children.adult_theme") for r in child[2])
