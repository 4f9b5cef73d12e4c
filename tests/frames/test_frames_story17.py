"""Session 17 (story17, issue 15; tasks 1, 2, 7 and 10): harm read off the situation — who is reached, who speaks to
whom, what the post asks the reader to do — rather than off a new word.

- Minors: a reader told to get past their parents or teacher (不用告诉爸妈, 家长管不着, 不被老师发现) with an
  instruction or an offer is a child pushed to harm (`minors_harm.behind_guardians`); violence on a child recommended as
  a method (`punishment_advocated`); a child's school, class and the gate they leave by posted to all
  (`whereabouts_exposed`); a pupil's homework put behind fan duty (`fan_duty_over_homework`).
- Grooming: children recruited for paid private company or with their guardians kept out
  (`grooming.child_recruited_private`; game companionship for a fee stays minors_harm's); the child kept alone with
  the adult (别带同学, 就我们俩, 只有我懂你) is secrecy; a child telling of it and asking for help is no lure.
- Fans: a fan's standing made conditional on the act (谁不…谁就是黑粉, 不投别说爱他; `fan_frenzy.loyalty_test`), study
  and sleep put behind the fan duty (`duty_over_study`, `duty_over_sleep`).
- Wealth: money shown for the onlookers' awe (村里人都看傻了) or to prove money outranks effort
  (`wealth_flaunt.shown_off`, `money_creed`), a possession priced above the reader's income
  (`priced_over_reader`); a gift to kin shown off is not excused as a personal notice.
- Stories: a staged scene's record named as proof (真实监控) with its outcome withheld (竟然是……) is `staged`.
- Enterprises: a named company + a question that answers itself (这种公司你们还喝？) or a call to pass it to buyers,
  with a damaging claim or a failure tally (这周已经烧了8台) → `enterprise_smear`.

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

from frame_classes import class_tests, decide

from qinglang.engine import Engine

ACTED = [
    ({"text": "初中的弟弟妹妹想赚点零花钱的，来我们群里接单刷任务，一单二十，不用告诉爸妈"}, "minors_harm",
     "frame.minors_harm.behind_guardians"),
    ({"text": "寒假专属版本，无需登录不限时，家长管不着，点这里立即下载"}, "minors_harm",
     "frame.minors_harm.behind_guardians"),
    ({"text": "熊孩子就是欠揍，我家那个十岁的，衣架抽了两回马上老实了，大家学着点"}, "minors_harm",
     "frame.minors_harm.punishment_advocated"),
    ({"text": "闺女在育才小学二年级五班，每天下午五点从西门出来，扎两个小辫子，可爱吧"}, "minors_harm",
     "frame.minors_harm.whereabouts_exposed"),
    ({"text": "姐妹们今晚作业先放一边，打投任务每人30票，明早数据组检查"}, "minors_harm",
     "frame.minors_harm.fan_duty_over_homework"),
    ({"text": "姐妹们今晚作业先放一边，打投任务每人30票，明早数据组检查"}, "fan_frenzy",
     "frame.fan_frenzy.duty_over_study"),
    ({"text": "谁不给我们家哥哥做数据谁就是叛徒，今天不签到的别说爱他，超话见"}, "fan_frenzy",
     "frame.fan_frenzy.loyalty_test"),
    ({"text": "寻13-15岁女孩暑期陪伴，日结500，可住我家，不需要家长同意，详聊"}, "grooming",
     "frame.grooming.child_recruited_private"),
    ({"text": "下周我到你们县城，带你去吃火锅，游戏里那套皮肤也给你充上，别带同学哦，就我们俩", "kind": "message",
      "surface": "private_chat", "audience": {"minor_mode": False, "age": 12}}, "grooming", "frame.grooming.private"),
    ({"text": "开着新提的迈巴赫回老家，给每个侄子塞了两万压岁钱，村里人都看傻了"}, "wealth_flaunt",
     "frame.wealth_flaunt.shown_off"),
    ({"text": "我初中都没读完，现在三套房两台保时捷，读书有什么用"}, "wealth_flaunt",
     "frame.wealth_flaunt.money_creed"),
    ({"text": "我的猫窝比你们一年房租还贵，没办法，它值得"}, "wealth_flaunt",
     "frame.wealth_flaunt.priced_over_reader"),
    ({"text": "为了给哥哥冲榜我连续两晚不睡做数据，姐妹们都别睡了"}, "fan_frenzy", "frame.fan_frenzy.duty_over_sleep"),
    ({"title": "外卖员在楼下被保安拦住，结果他竟然是……",
      "text": "外卖员送餐被保安拦在门外，他摘下头盔，保安当场傻眼……真实监控画面"}, "staged",
     "frame.staged.claimed_real"),
    ({"text": "星辉牌充电宝就是个定时炸弹，这个月已经炸了5块了，转给身边想买的朋友"}, "enterprise_smear",
     "frame.enterprise_smear"),
]

SPARED = [
    # a surprise for the parents; a parent asking what to do
    {"text": "周末给爸妈准备结婚纪念日惊喜，不用告诉爸妈，教你做一个翻糖蛋糕"},
    {"text": "孩子偷偷玩手机不被我发现，作为家长该怎么办"},
    # a parent regretting a smack and asking for help
    {"text": "昨天气急了打了孩子一顿，现在很后悔，大家都是怎么管孩子的"},
    # a school's own notice names the class, with no child pointed at
    {"text": "三年级二班家长请注意：本周五下午三点半从东门接孩子，请勿提前到校"},
    # fans talking about loyalty tests
    {"text": "理性追星吧，“谁不投票谁就是黑粉”这种话别再说了，作业比打榜重要"},
    # a casting with the guardians present
    {"text": "招募10-14岁童装小模特，需家长陪同，正规公司，拍摄在商场公开进行"},
    # a child telling of a groomer and asking for help
    {"text": "游戏里有个叔叔说送我皮肤，让我拍照给他，不然就告诉我妈，我好害怕，该怎么办", "kind": "message",
     "surface": "private_chat", "audience": {"minor_mode": True, "age": 11}},
    # a price set against the speaker's own wage, not the reader's
    {"text": "这台相机比我一个月工资还贵，咬牙买了，好好拍照"},
    # the village's public good, not a person's money
    {"text": "我们村今年修了新路，花了三百万，村里人都看傻了，感谢政府"},
    # a consumer's complaint with a cited answer
    {"text": "这家店的奶茶我喝了拉肚子，已投诉，客服回复会退款，这种店还开着？"},
]

test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(ACTED, SPARED)


def test_gift_to_kin_shown_off_is_not_a_personal_notice(engine: Engine) -> None:
    """A red envelope given to kin reads as a personal act (qinglang.text.acts); shown off to the village, it does not
    excuse wealth_flaunt (qinglang.scoping.SHOWN), while the same gift told plainly stays unlabelled."""
    action, labels, rules = decide(engine, {"text": "给侄子们每人发了三万红包，全村人眼睛都看直了"})
    assert action != "pass" and "wealth_flaunt" in labels, (action, labels)
    assert "frame.wealth_flaunt.shown_off.onlookers_awed" in rules
    action, labels, _ = decide(engine, {"text": "给侄子们每人发了两百红包，祝他们新年学习进步"})
    assert action == "pass" and "wealth_flaunt" not in labels


def test_every_cue_that_fired_is_in_the_evidence(engine: Engine) -> None:
    """The frame's evidence lists each family that fired (span, normalized form, rule)."""
    text = "初中的弟弟妹妹想赚点零花钱的，来我们群里接单刷任务，一单二十，不用告诉爸妈"
    d = engine.moderate({"id": "x", "text": text})
    lr = next(lr for lr in d.labels if lr.rule == "frame.minors_harm.behind_guardians")
    fams = {ev.rule.rsplit(".", 1)[1] for ev in lr.evidence if ev.rule.startswith("frame.")}
    assert {"behind_guardians", "reader_push"} <= fams, fams
    for ev in lr.evidence:
        if ev.rule.startswith("frame."):
            assert ev.field == "text" and text[ev.start:ev.end] == ev.text and ev.normalized


def test_rhetorical_boycott_fires_beside_the_smear_detectors(engine: Engine) -> None:
    """A question that answers itself about a named company, beside hearsay that names no claim the smear frames
    read: the frame fires (read in the trace: the label may carry a stronger detector's evidence)."""
    d = engine.moderate({"id": "x", "text": "懂的都懂，鑫源集团老板儿子是外籍，这种公司你们还买？"}, explain=True)
    assert d.action != "pass" and "enterprise_smear" in {lr.label for lr in d.labels}
    fired = {s["rule"] for s in d.to_json()["trace"]["signals"] if s["score"] > 0}
    assert "frame.enterprise_smear.rhetorical_boycott" in fired, fired
