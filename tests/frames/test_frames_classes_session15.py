"""Behaviour classes added in session 15 (minors15) for task 7 (issue 15): bullying as a hostile act aimed at someone
identifiable (the frames' `target: person`, read by `qinglang.text.target.person_spans`) — a call to pile on, a
private picture or a pupil's details laid bare to the class, a named pupil shut out —; grooming that is slow and kind
in a private chat with a child (secrecy, a gift, a meeting, a photo, a nude request); drinking praised to minors;
self-harm taught. The victims, parents and bystanders who tell of the same acts, and the same words aimed at nobody,
are left alone.

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

from frame_classes import class_tests, decide

from qinglang.engine import Engine
from qinglang.text.target import person_cue, person_spans

SUMMER = "2024-07-20T20:00:00+08:00"  # 07-summer-minors is active
CHILD_CHAT = {"surface": "private_chat", "kind": "message", "audience": {"age": 12}}

ACTED = [
    # a call to pile on, aimed at a named pupil
    ({"text": "就是七中那个叫赵某某的女生，大家去她主页刷“土包子”，刷到她删号为止", "kind": "comment"},
     "bullying", "frame.bullying.pile_on"),
    # a pupil's private picture passed round the grade
    ({"text": "把他在宿舍换衣服的照片转到年级群，让全校都看看这个怂包", "kind": "comment"}, "bullying",
     "frame.bullying.exposed_to_crowd"),
    # a named pupil shut out by the class
    ({"text": "明天开始谁都不准理钱小萌，谁跟她说话就是叛徒", "kind": "message", "surface": "private_chat"},
     "bullying", "frame.bullying.named_exclusion"),
    # slow, kind grooming: a meeting with a gift and the parents kept out, to a 12-year-old in private chat
    ({"text": "你爸妈又不在家吗？周六出来吧，叔叔带你去买你想要的那双鞋，别跟家里说", **CHILD_CHAT}, "grooming",
     "frame.grooming."),
    # a photo asked for, made secret, to a child
    ({"text": "我们的聊天要保密哦，你每天放学给我拍张照片，我就给你充点券", **CHILD_CHAT}, "grooming",
     "frame.grooming."),
    # a nude picture asked of a child
    ({"text": "我先发一张给你，你也发一张不穿衣服的，这样才公平", **CHILD_CHAT}, "grooming",
     "frame.grooming.nude_request_to_minor"),
    # drinking praised to minors as youth
    ({"text": "十五岁喝点小酒才叫青春，这款微醺果酒学生都说好喝", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.minors_drinking"),
    # self-harm taught to peers, with how to hide it
    ({"text": "划一道真的会轻松很多，教你们把疤藏起来：戴护腕，爸妈问就说是摔的", "audience": {"age": 14},
      "created_at": SUMMER}, "minors_harm", "frame.minors_harm.self_harm_taught"),
]

SPARED = [
    # a parent asking for help after the same pile-on
    {"text": "我女儿初二，有人在她视频下面喊大家去她主页刷“丑”，已经全部截图了，这种情况该怎么办", "kind": "post"},
    # a victim telling of being shut out
    {"text": "班里有人说谁跟我说话就是叛徒，我被孤立一个月了，不知道该不该告诉老师", "kind": "post"},
    # a teacher's warning about passing pictures round the class group
    {"text": "各位同学注意：把同学的照片转到年级群取笑是网络欺凌，涉嫌违法，发现请立即举报", "kind": "post"},
    # the same call to comment aimed at nobody: a brand campaign
    {"text": "新品上线啦，大家去官方主页刷一波“好喝”，抽三位送周边", "kind": "post"},
    # a mother in private chat with her child
    {"text": "妈妈周六带你去买那双鞋，放学给我拍张照片看看你的新发型", **CHILD_CHAT},
    # a grandparent fetching the child
    {"text": "乖孙，奶奶去学校门口接你，带你去吃好吃的", **CHILD_CHAT},
    # a school's drinking warning
    {"text": "暑期安全提醒：未成年人喝酒危害大，家长别让孩子喝酒，才叫真正的爱护", "created_at": SUMMER},
]


test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(ACTED, SPARED)


def test_bullying_evidence_names_the_target(engine: Engine) -> None:
    d = engine.moderate({"id": "x", "kind": "comment",
                         "text": "就是七中那个叫赵某某的女生，大家去她主页刷“土包子”，刷到她删号为止"})
    lr = next(lr for lr in d.labels if lr.label == "bullying")
    text = "就是七中那个叫赵某某的女生，大家去她主页刷“土包子”，刷到她删号为止"
    target = [ev for ev in lr.evidence if ev.rule == "frame.bullying.pile_on.target"]
    assert len(target) == 1 and target[0].field == "text" and target[0].detector.startswith("frame@")
    ev = target[0]
    assert text[ev.start:ev.end] == ev.text and ev.text in ("她", "赵某某") and ev.normalized
    assert any(e.rule == "frame.bullying.pile_on.pile_on" for e in lr.evidence)


def test_the_same_call_needs_a_person() -> None:
    """No one named: the pile-on frame has no target, and `person_spans` reads none."""
    assert person_spans("新品上线啦，大家去官方主页刷一波好喝") == []
    assert [t[a:b] for t in ["这不是三中的林某萱吗"] for a, b in person_spans(t)] == ["林某萱"]
    assert [t[a:b] for t in ["那个眼镜妹学校见"] for a, b in person_spans(t)] == ["那个眼镜妹"]
    # the model's abuse / antagonism split reads its own cue as before: a masked name is not added there
    assert person_cue("林某萱天天装") is None


def test_grooming_needs_a_child_recipient(engine: Engine) -> None:
    """The same words to an adult in private chat are not grooming."""
    text = "周六出来吧，带你去买你想要的那双鞋，别跟家里说"
    child = decide(engine, {"text": text, **CHILD_CHAT})
    adult = decide(engine, {"text": text, "surface": "private_chat", "kind": "message", "audience": {"age": 30}})
    assert "grooming" in child[1] and child[0] != "pass"
    assert "grooming" not in adult[1]
