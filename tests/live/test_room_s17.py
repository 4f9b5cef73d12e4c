"""Room classes of session 17 (issue 20): who gives the evidence decides how far a room action goes once taken
(verdict.py `floor`, `Thresholds.host_review_labels`). Real RoomManager over real messages (sentences written for
the tests, not taken from a room set)."""

from __future__ import annotations

import pytest

from qinglang.live.messages import Thresholds
from qinglang.live.room import Room, RoomManager
from qinglang.live.verdict import floor

from .support import HOST, feed, viewer


@pytest.fixture
def manager(engine) -> RoomManager:
    return RoomManager(engine)


def _cues(room: Room) -> list[str]:
    return [ev.cue for ev in room.timeline]


def test_the_floor_reads_who_gave_the_evidence():
    room = Room("r")
    room.action = "warn"
    room.labels = {"vulgar": 2.6, "minors_harm": 0.4}
    room.speaker_score, room.viewer_score = 2.0, 0.5  # the host performs it
    assert floor(room, Thresholds()) == "review"
    room.speaker_score, room.viewer_score = 0.3, 2.5  # the 弹幕 ask for it
    assert floor(room, Thresholds()) == "none"
    room.action = "none"  # the floor never acts on a room with no action
    room.speaker_score, room.viewer_score = 2.0, 0.5
    assert floor(room, Thresholds()) == "none"
    room.action = "warn"
    assert floor(room, Thresholds(host_review_labels=frozenset())) == "none"  # a platform may keep the steps


KNEEL = "输了的跪在地上学狗叫十声"
FORFEIT = [(HOST, "transcript", KNEEL), (viewer(1), "bullet", "来了"),
           (HOST, "transcript", "输的一方当场喝一碗洗脚水，再扇自己十个嘴巴子"), (viewer(2), "bullet", "哈哈"),
           (HOST, "transcript", "再说一遍，" + KNEEL)]


def test_a_host_performing_a_degrading_forfeit_is_held_for_review(manager):
    room = feed(manager, "pk", FORFEIT)
    assert room.target == "host"
    assert room.score < Thresholds().review  # the ladder alone would limit
    assert room.action == "review"
    assert "escalate:floor" in _cues(room)
    steps = feed(RoomManager(manager.engine, thresholds=Thresholds(host_review_labels=frozenset())), "pk-steps",
                 FORFEIT)
    assert steps.action == "limit"  # a platform may keep the steps


REQUESTS = ["穿黑丝没", "转个身给看看", "露一下胸", "一晚多少钱", "脱了吧"]


def test_the_same_label_from_the_viewers_keeps_the_first_steps(manager):
    room = feed(manager, "danmu", [(viewer(i), "bullet", t) for i, t in enumerate(REQUESTS)])
    assert room.target == "viewers"
    assert room.action in ("warn", "limit")
    assert "escalate:floor" not in _cues(room)


def _family(name: str):
    from qinglang.live.cues import load_cues

    return next(f for f in load_cues().families if f.name == name)


DOCTOR = ["高血压的药千万不能自己停，降压药停了血压会反跳", "有人说喝芹菜汁三个月就好了，不用吃药，这是错误的",
          "糖尿病目前没有能根治的药，谁说能根治都别信", "胰岛素该打就打，不存在喝茶停胰岛素这种事"]


def test_a_verified_host_who_sells_nothing_is_informing(engine):
    msgs = [(HOST, "transcript", t) for t in DOCTOR]
    verified = feed(RoomManager(engine), "doc", msgs, {"category": "健康", "host": {"id": "h-1", "verified": True}})
    plain = feed(RoomManager(engine), "doc-u", msgs, {"category": "健康", "host": {"id": "h-1", "verified": False}})
    claims = ("false_ad", "false_science")
    assert 0 < sum(verified.labels.get(k, 0.0) for k in claims) < sum(plain.labels.get(k, 0.0) for k in claims)


def test_a_verified_host_who_starts_selling_is_read_in_full(engine):
    pitch = "这款降糖茶喝一个疗程血糖就下来了"
    meta = {"category": "健康", "host": {"id": "h-1", "verified": True}}
    before = feed(RoomManager(engine), "v1", [(HOST, "transcript", pitch)], meta)
    after = feed(RoomManager(engine), "v2", [(HOST, "transcript", "一号链接，小黄车下单"), (HOST, "transcript", pitch)],
                 meta)
    w = {ev.seq: 0.0 for ev in after.timeline}
    for ev in after.timeline:
        w[ev.seq] += ev.weight if ev.label == "false_ad" else 0.0
    assert w[2] > sum(ev.weight for ev in before.timeline if ev.label == "false_ad")  # the sale ends the discount


@pytest.mark.parametrize(("text", "fires"), [
    ("糖度比去年稍微低一点，因为雨水多", False),  # a comparison states a degree
    ("今年价格比去年低一点", False),
    ("腿抬不高就抬低一点", False),
    ("刷个跑车我就再低一点", True),  # the body, for a gift
    ("镜头我再拉近一点", True),
])
def test_lower_or_closer_asks_only_outside_a_comparison(text, fires):
    assert bool(_family("gift_for_show").pattern.search(text)) is fires


def test_a_host_declining_a_childs_gift_adds_nothing(engine):
    meta = {"category": "游戏", "viewer_minor_share": 0.4}
    room = feed(RoomManager(engine), "kid", [(viewer(1), "bullet", "我十二岁"),
                                             (HOST, "transcript", "这个礼物哥不能收 你是不是用的爸妈的手机")], meta)
    assert not any(ev.label == "minors_harm" for ev in room.timeline)
    asks = feed(RoomManager(engine), "kid2", [(viewer(1), "bullet", "我十二岁"),
                                              (HOST, "transcript", "没事 用爸妈的手机刷也行")], meta)
    assert any(ev.cue == "minor_money" for ev in asks.timeline)


def test_a_move_negated_where_it_stands_is_refused(engine):
    said = feed(RoomManager(engine), "neg", [(HOST, "transcript", "我们也不私下转账，所有交易都在平台")])
    assert "offplatform" not in _cues(said)
    offer = feed(RoomManager(engine), "neg2", [(HOST, "transcript", "想便宜的私下转账，加我微信")])
    assert "offplatform" in _cues(offer)
    shame = feed(RoomManager(engine), "neg3", [(HOST, "transcript", "一分钱不刷还叫唤，滚")])
    assert any(ev.label == "vulgar" for ev in shame.timeline)  # not tipping is the viewers' act: no negation


HANDLE = "abc12345"


def test_viewers_reporting_a_scammers_contact_are_no_drainage(engine):
    msgs = [(HOST, "transcript", "今天继续冲分，兄弟们坐好"),
            (viewer(1), "bullet", f"刚才有人私信我说加微信 {HANDLE} 送皮肤"),
            (viewer(2), "bullet", "那是骗子 别加 我已经举报了"),
            (viewer(3), "bullet", f"微信{HANDLE}就是骗子 大家别加"),
            (HOST, "transcript", "对 送皮肤的都是骗子 大家别加 房管把他踢了"), (viewer(4), "bullet", "举报了"),
            (viewer(5), "bullet", f"他还说加vx {HANDLE} 领福利 骗子"), (HOST, "transcript", "好 继续打")]
    room = feed(RoomManager(engine), "report", msgs, {"category": "游戏"})
    assert room.action == "none"
    weights = [ev.weight for ev in room.timeline if ev.cue.startswith("engine:contact.")]
    assert weights[0] == 1.5 and max(weights[1:]) < 0.4  # the quoted handles weigh a report's share


def test_a_viewer_offering_a_contact_is_still_read(engine):
    for text in (f"加微信 {HANDLE} 送皮肤", f"加她微信 {HANDLE} 送皮肤"):  # someone else's account offered is 引流
        offer = feed(RoomManager(engine), "offer", [(viewer(1), "bullet", text)])
        report = feed(RoomManager(engine), "report1", [(viewer(1), "bullet", text + " 是骗子 别加")])
        w = [ev.weight for ev in offer.timeline if ev.cue.startswith("engine:contact.")]
        assert w and w == [4 * ev.weight for ev in report.timeline if ev.cue.startswith("engine:contact.")]
