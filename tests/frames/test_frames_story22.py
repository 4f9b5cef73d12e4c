"""Session 22 (story22, issue 15; tasks 1, 2 and 5): constructions read from the tune half's misses.

Task 2: a smear told calmly in an insider's or a tester's voice (a friend who worked there, a former employee, the
supply chain, a lab test whose report cannot be shown) about a business named or masked (某捞, 丝x, “野莓家”) —
`enterprise_smear.insider_account` (with a damaging claim) and `insider_warning` (with a warning to the reader); the
"舆情预警" ultimatum — a company told of bad publicity, given a deadline to get in touch, and what happens after it
(`extortion.deadline_notice`; a newsroom's deadline for a response and a regulator's for a correction are spared); a
serial announced as the threat's next step (否则下周开始连载) is no fiction declaration (`qinglang.text.acts`).
Task 5: the room filled by hand (bots put in, the viewer count pulled up with 把, a sold figure brushed:
`false_ad.fake_sales_count`); what the open room cannot show shown in the paid one (`porn.paid_show`).
Task 1: the region's people left out after the place (全是那个省的，这帮人…) in a sweeping verdict; and a family
message (二姨，… 祝您身体健康 … 初三我们过去) is no grooming: 初三 of the new year is a date, 身体健康 a wish.

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

import pytest
from frame_classes import assert_acted_on, decide

from qinglang.engine import Engine
from qinglang.text.acts import read_text

ACTED = [
    ({"text": "我表姐在某记后厨干过半年，说他们的卤水都是回收油反复熬的，吃过的自己掂量"}, "enterprise_smear",
     "frame.enterprise_smear.insider_account"),
    ({"text": "我把某x牌奶粉送去第三方检测机构测了，重金属超标，报告不方便公开，宝妈们别再买了"}, "enterprise_smear",
     "frame.enterprise_smear.insider_account"),
    ({"text": "作为前员工提醒一句，“快乐蜂”家的外卖都是前一天剩的，能不点就别点，别怪我没提醒"}, "enterprise_smear",
     "frame.enterprise_smear"),
    ({"text": "贵公司在各平台的负面舆情正在发酵，如需协调处置，请于明天12点前联系我方，逾期将启动全网推送"},
     "extortion", "frame.extortion.deadline_notice"),
    ({"text": "本号持续关注某楼盘的质量问题，欢迎开发商公关部主动联系本号沟通，否则下周开始连载"}, "extortion",
     "frame.extortion"),
    ({"text": "场控注意，再加三百个机器人，把在线人数拉到一万五，等下上链接", "surface": "live", "kind": "transcript"},
     "false_ad", "frame.false_ad.fake_sales_count"),
    ({"text": "补了门票的都上车了吧？大厅那边不能播的，这边什么都能看，谁录屏被发现就直接踢", "surface": "live",
      "kind": "transcript"}, "porn", "frame.porn.paid_show"),
    ({"text": "我是祖传老中医王大夫，这个调理贴连贴两个月，怀不上我退你钱，家人们拍一单", "surface": "live",
      "kind": "transcript"}, "false_ad", "frame.false_ad.self_styled_doctor"),
    ({"text": "一到节假日景区就乱，排队插队的一半都是那个省的，素质就摆在那，别让他们来了", "surface": "comment"},
     "antagonism", "frame.antagonism"),
]

SPARED = [
    # a newsroom's deadline asks for a response; a regulator's orders a correction under the law
    {"text": "贵公司产品的投诉已引发较多关注，请于今日18点前就以下问题回应，我们将如实报道"},
    {"text": "贵单位存在消防隐患，请于3日内整改，逾期将依法处理"},
    # an insider's praise, and a warning with no business named
    {"text": "我朋友在那家火锅店干过，说他们后厨特别干净，服务也好"},
    {"text": "作为前员工说一句，这家公司福利真的好，能去就去"},
    # a goal set for the viewers, a course's copyright notice
    {"text": "今晚在线人数冲到一万就抽奖，家人们多多分享", "surface": "live", "kind": "transcript"},
    {"text": "付费专场的课程内容有版权，请勿录屏，录屏的同学直接移出群", "surface": "live", "kind": "transcript"},
    # the one targeted asks whether it is a scam; a forfeit in a streamer's game
    {"text": "老板，刚有人说能帮咱们删差评，一条收300，不做的话还有更多差评……这是不是诈骗啊？要不要报警",
     "surface": "private_chat", "kind": "message"},
    {"text": "PK输了的惩罚就是唱一首儿歌加二十个深蹲，大家量力而行", "surface": "live", "kind": "transcript"},
    # a family message in the new year
    {"text": "大姨，我给小宇发了个红包，他还没微信，你帮他收一下。祝您身体健康，初三我们过去拜年",
     "surface": "private_chat", "kind": "message"},
    {"text": "我是那个省的，过年回家堵了八个小时，太累了", "surface": "comment"},
]


@pytest.mark.parametrize(("item", "label", "rule"), ACTED)
def test_the_construction_is_acted_on(engine: Engine, item: dict, label: str, rule: str) -> None:
    assert_acted_on(engine, item, label, rule)


@pytest.mark.parametrize("item", SPARED)
def test_the_innocent_twin_is_spared(engine: Engine, item: dict) -> None:
    action, labels, rules = decide(engine, item)
    assert action in ("pass", "label"), (action, labels, rules)


def test_a_serial_announced_as_a_threat_is_no_fiction() -> None:
    assert not read_text(["否则下周开始连载"]).acts
    assert [a.kind for a in read_text(["长篇连载中，纯属虚构"]).acts] == ["fiction"]


def test_evidence_names_every_cue_of_the_deadline_notice(engine: Engine) -> None:
    text = "贵单位的负面舆情较多，请于本周五18点前联系我中心，逾期将进入全网传播阶段"
    d = engine.moderate({"id": "x", "text": text})
    ev = {e.rule: text[e.start:e.end] for lr in d.labels for e in lr.evidence or ()}
    for family in ("company_addressee", "publicity", "deadline", "escalation"):
        assert f"frame.extortion.deadline_notice.{family}" in ev, ev
    assert ev["frame.extortion.deadline_notice.deadline"] == "于本周五18点前"
