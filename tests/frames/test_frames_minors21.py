"""Session 21 (minors21, issue 15; task 7): harm reaching children, read by who is reached and what is asked.

- Grooming before any request: in a private chat to a child, an adult who makes himself the child's one confidant and
  sets the guardians outside — two of: the confidant (只有我才懂你, 心事只能跟我说), the guardians said not to
  understand (你爸妈都不理解你), the guardians kept out (别跟你妈讲, 聊完清除记录), the child's body asked about
  (`grooming.turned_from_guardians`); the child made to be alone with the adult and the guardians kept out of it —
  a teacher does not escape it by speaking as one (`grooming.isolated_from_guardians`); the camera turned
  on and the child told to wear less (`grooming.undress_on_camera`). The child's own family (奶奶带你…) and warnings
  veto; a counsellor's sentence about parents, a teacher who tells the child to tell the parents, are not acts.
- A child's device answering the child with a harm (a phone watch's or a learning tablet's assistant telling the
  child to go somewhere high, take diet pills in secret: `minors_harm.device_answers_harm`); a device's safe reply
  and a report of a bad one are not.
- A starvation diet sold to pupils by its result (瘦了12斤) or as a how-to (教程) is pushed on them
  (`minors_harm.diet_harm_to_minors`); a doctor's warning telling the same result is not.
- A derivative of children's material turned sexual (二创 / 同人 / 画成 + 比基尼, 凹造型, 不可描述 + a cartoon children
  know or a work for children: `minors_harm.sexualized_derivative`); the same cartoon redrawn at the beach is not.
- Bullying precision: 一起刷题 is a study session, and accounts arranged by the count to post a slogan are a water army,
  not a crowd called onto one person (`bullying.pile_on`).

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

from frame_classes import class_tests, decide

from qinglang.engine import Engine

CHILD_CHAT = {"surface": "private_chat", "kind": "message", "audience": {"minor_mode": True, "age": 12}}

ACTED = [
    ({**CHILD_CHAT, "text": "其实你爸妈都不理解你的，只有我才懂你，以后有什么心事可以跟我说"}, "grooming",
     "frame.grooming.turned_from_guardians"),
    ({**CHILD_CHAT, "text": "你发育了吗？这种事只能跟我说，别跟你妈讲"}, "grooming",
     "frame.grooming.turned_from_guardians"),
    ({**CHILD_CHAT, "text": "老师给你单独开小灶，放学后到办公室找我，这事不用告诉你爸妈"}, "grooming",
     "frame.grooming.isolated_from_guardians"),
    ({**CHILD_CHAT, "text": "把摄像头打开，外套脱了，让我看看你的新裙子"}, "grooming",
     "frame.grooming.undress_on_camera"),
    ({"text": "学习机的语音助手：不开心就爬上天台吹吹风，风景很好哦"}, "minors_harm",
     "frame.minors_harm.device_answers_harm"),
    ({"text": "初一女生暑假瘦身：每天只喝水，半个月瘦了12斤，姐妹们冲"}, "minors_harm",
     "frame.minors_harm.diet_harm_to_minors"),
    # a children's cartoon redrawn in a sexualized look
    ({"text": "同人新作：把汪汪队的小天天画成比基尼凹造型，细节拉满"}, "minors_harm",
     "frame.minors_harm.sexualized_derivative"),
]

SPARED = [
    # the child's own grandmother keeping a treat from the mother
    {**CHILD_CHAT, "text": "奶奶带你去吃冰淇淋，就我们两个，别告诉你妈哦"},
    # a counsellor's sentence about parents; a teacher who sends the child back to the parents
    {**CHILD_CHAT, "text": "爸妈不理解你的时候，可以试着写封信告诉他们你的想法"},
    {**CHILD_CHAT, "text": "明天下午单独给你补一下数学，在教室等我，记得跟家长说一声"},
    # a police warning quoting the lure
    {"text": "警方提醒：如果有人说“只有我懂你，别告诉你爸妈”，一定要马上告诉家长"},
    # a device's safe reply; a report of a bad one
    {"text": "儿童手表回答：熬夜对身体不好哦，早点睡吧"},
    {"text": "记者调查：某学习机助手回答“可以去天台试试”，厂家已整改下架"},
    # a doctor's warning telling the same diet and result
    {"text": "医生提醒：初中女生一天只吃一个苹果，一个月瘦了10斤，结果进了医院"},
    # a children's cartoon redrawn at the beach, no sexualized look
    {"text": "把佩奇一家画成了穿泳装去海边堆沙堡的样子，小朋友们都说好可爱"},
    # a study session
    {"surface": "live", "text": "晚上十点的自习直播，和考研的你一起刷题，番茄钟开起来"},
]

test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(ACTED, SPARED)


def test_an_arranged_count_of_accounts_is_no_pile_on(engine: Engine) -> None:
    """Accounts arranged by the count to post a slogan are an operation (water army), not a crowd called onto one
    person: bullying is not emitted."""
    _, labels, rules = decide(engine, {"surface": "live", "text": "开播前安排三十个号在评论区刷“抢到了”，钱转你了"})
    assert "bullying" not in labels, (labels, rules)


def test_a_child_chat_grooming_evidence_shows_every_cue(engine: Engine) -> None:
    """The evidence of the confidant frame names each cue family that fired, with its span."""
    item = {**CHILD_CHAT, "text": "其实你爸妈都不理解你的，只有我才懂你"}
    d = engine.moderate({"id": "x", **item})
    lr = next(lr for lr in d.labels if lr.label == "grooming")
    rules = {ev.rule for ev in lr.evidence}
    assert {"frame.grooming.turned_from_guardians.confidant",
            "frame.grooming.turned_from_guardians.guardians_against"} <= rules, rules
    for ev in lr.evidence:
        if ev.rule.startswith("frame.grooming.turned_from_guardians"):
            assert item["text"][ev.start:ev.end] == ev.text
