"""Session 22 (minors22, issue 15; task 7): harm taught to children as a thing to do, harm shown where children are,
and grooming read past the family's ordinary messages.

- A dangerous experiment taught as a thing to do at home, to pupils or without an adult (酒精 + 打火机 + 在家做 +
  不用大人帮忙: `minors_harm.risky_howto_for_children`); a teacher's warning about the same experiment is not.
- A rule-breaking trick taught to pupils (不扫码开共享单车锁: `minors_harm.illicit_trick_taught`).
- The "death game": a day-counted task series with a night wake-up, a photo as proof and secrecy
  (`minors_harm.death_game_tasks`); a parent's description of the game with a call to report it is not.
- A starvation diet pushed where the reader is a child by the item's own audience (minors mode, a stated age), with
  no pupil named (`minors_harm.diet_harm_in_minors_reach`).
- Drink pressed on a child whose age is said to them and the bottle played down (你都12了还怕啥, 跟饮料一样).
- A bedtime story for small children with a character's eyes bleeding or locked in a dark room.
- A child's distress made into a numbered series for the comments (第N弹, 下一期); a parent telling of the child's
  tears is not.
- A child's walk home alone at a stated hour beside the school and class (whereabouts).
- Grooming: the camera pointed down and fewer clothes asked; a child's kept photos held over a threat to post them
  to the class group (a personal group no longer excuses grooming: `qinglang.scoping.TO_A_CHILD`). Spared: an uncle
  fetching the child with the parents' agreement said, a New Year message to an aunt (身体健康 is a blessing).

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

from frame_classes import class_tests, decide

from qinglang.engine import Engine

CHILD_CHAT = {"surface": "private_chat", "kind": "message", "audience": {"minor_mode": True, "age": 12}}
MINORS_FEED = {"surface": "feed", "audience": {"minor_mode": True, "age": 10}}

ACTED = [
    ({**MINORS_FEED, "text": "小学生在家做的彩虹火焰：棉球蘸点酒精放碗里，打火机点上就出来啦，不用家长帮忙"},
     "minors_harm", "frame.minors_harm.risky_howto_for_children"),
    ({"surface": "hot_search", "audience": {"minor_mode": True, "age": None},
      "text": "中学生教你用一根发卡打开共享单车的锁，不扫码直接骑"}, "minors_harm",
     "frame.minors_harm.illicit_trick_taught"),
    ({**CHILD_CHAT, "text": "30天任务开始了，每天凌晨三点起床，做完就拍张照片发我，不许告诉任何人"}, "minors_harm",
     "frame.minors_harm.death_game_tasks"),
    ({**CHILD_CHAT, "text": "想变瘦就每天只喝水，吃了就催吐，我一个月瘦了15斤"}, "minors_harm",
     "frame.minors_harm.diet_harm_in_minors_reach"),
    ({"surface": "live", "kind": "transcript", "audience": {"minor_mode": False, "age": 13},
      "text": "小兄弟你都13了还怕啥，这啤酒跟饮料一样，干了，叔给你点个赞"}, "minors_harm",
     "frame.minors_harm.minors_drinking"),
    ({**MINORS_FEED, "title": "兔宝宝睡前故事",
      "text": "兔宝宝不听话，被关进黑屋子，眼睛里流出血来……小朋友们要乖哦"}, "minors_harm",
     "frame.minors_harm.disturbing_cartoon"),
    ({"text": "恶搞女儿第8弹：把她最爱的布娃娃扔进垃圾桶，她哭到崩溃哈哈，下一期整她的仓鼠"}, "minors_harm",
     "frame.minors_harm.child_distress_for_likes"),
    ({"text": "我家儿子8岁，阳光小学二年级三班，每天下午5点自己走回家，大家看他多独立"}, "minors_harm",
     "frame.minors_harm.whereabouts_exposed"),
    ({**CHILD_CHAT, "text": "开视频我帮你看看作业，把镜头往下移一点，外套别穿这么厚"}, "grooming",
     "frame.grooming.undress_on_camera"),
    ({**CHILD_CHAT, "text": "你之前发的照片我都存着。今晚再拍一段视频给我，不然就发到你们班级群"}, "grooming",
     "frame.grooming.leverage_for_more"),
]

SPARED = [
    # a science teacher's warning about the same experiment
    {"text": "科学老师提醒：酒精加打火机的火焰实验千万不要自己在家做，想看的同学来实验室看老师演示"},
    # a parent describing the death game and telling others to report it
    {"text": "家长注意：有种“50天任务”要求孩子凌晨起床拍照发给管理员、不许告诉任何人，发现请立即报警"},
    # an uncle fetching the child with the parents' agreement said
    {**CHILD_CHAT, "text": "周末你爸妈出差，舅舅去学校门口接你，带你去吃火锅，已经跟你妈说好了"},
    # a parent telling of the child's tears, no series, no audience asked for
    {"text": "女儿的布娃娃被狗叼走了，她哭到打嗝，我陪她缝了一下午，总算修好了"},
]

test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(ACTED, SPARED)


def test_a_new_year_message_to_an_aunt_is_not_grooming(engine: Engine) -> None:
    """A message that opens by addressing an elder of the family, with a 红包 and 身体健康 (a blessing) and 初三 (the
    lunar date), is no grooming: the reader is the aunt."""
    item = {"surface": "private_chat", "kind": "message",
            "text": "三姨，我给小明转了个红包，他还小没微信，您帮他收着。祝您身体健康，初三去您家拜年"}
    _, labels, rules = decide(engine, item)
    assert "grooming" not in labels, (labels, rules)


def test_the_death_game_evidence_shows_every_cue(engine: Engine) -> None:
    """The death-game frame's evidence names the task series, the night wake-up, the proof and the secrecy."""
    item = {**CHILD_CHAT, "text": "30天任务开始了，每天凌晨三点起床，做完就拍张照片发我，不许告诉任何人"}
    _, _, rules = decide(engine, item)
    for family in ("task_series", "night_wake", "task_proof", "task_secrecy"):
        assert f"frame.minors_harm.death_game_tasks.{family}" in rules, rules
