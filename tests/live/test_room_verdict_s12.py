"""Room verdict classes of session 12 (issue 20): the host taking up a viewer's request (heed.py), and how the
room action moves with what happens after it (verdict.py: sustained, witnessed, unheeded; one step, up to review).
Real RoomManager over real messages."""

from __future__ import annotations

import pytest

from qinglang.live.messages import Thresholds
from qinglang.live.room import Room, RoomManager
from qinglang.live.verdict import CAP, PERSIST, SUSTAINED

from .support import engine_without_heads

HOST = {"id": "h-1", "role": "host"}
IDLE = ["今天天气不错", "哈哈", "刚下班", "声音有点小", "卡了吗", "路过", "来了", "晚上好", "吃了吗", "看看"]
CURE = "今天给大家讲讲我们这款降糖茶"  # the host's efficacy claim (false_ad, 1.2)
DOCTOR = "我在医院干了三十年内分泌，这个方子是我自己研究的"  # a medical authority claimed (false_ad, 0.8)


def viewer(i: int) -> dict[str, str]:
    return {"id": f"u-{i}", "role": "viewer"}


@pytest.fixture
def manager() -> RoomManager:
    # the escalation steps after a first action, measured without session 14's floor by behaviour (a false_ad room
    # acted on is held for review at once by default: tests/live/test_room_ceiling_s14.py); on the engine without the
    # recall heads (session 19: the retrained false_ad head scores DOCTOR 0.856 by itself, over its 0.85 floor, which
    # adds a message-level hit to the hand-set cues these steps are measured on)
    return RoomManager(engine_without_heads(), thresholds=Thresholds(review_labels=frozenset()))


def feed(m: RoomManager, room_id: str, msgs: list[tuple[dict[str, str], str]], meta: dict | None = None) -> Room:
    m.room(room_id, meta or {"category": "带货"})
    room = m.get(room_id)
    assert room is not None
    for author, text in msgs:
        m.observe(room_id, {"id": f"m{room.seq}", "kind": "transcript" if author["role"] != "viewer" else "bullet",
                            "text": text, "author": author, "ts": "2024-07-14T20:20:00+08:00"})
    return room


def idle(n: int, start: int = 0) -> list[tuple[dict[str, str], str]]:
    return [(viewer(100 + start + i), IDLE[(start + i) % len(IDLE)]) for i in range(n)]


def cues(room: Room, prefix: str) -> list[str]:
    return [e.cue for e in room.timeline if e.cue.startswith(prefix)]


# --- heed.py: the host doing what the 弹幕 asks ----------------------------------------------------------------
FITNESS = {"category": "健身"}


def test_the_host_taking_up_a_viewers_body_request_is_vulgar_evidence_even_in_a_lesson(manager):
    room = feed(manager, "fit", [(HOST, "晚上好，今天带大家做拉伸，垫子铺好"), (viewer(1), "转过去 背对镜头做"),
                                 (HOST, "背对镜头做？也行啊，刷个小墨镜我就转过去")], FITNESS)
    hit = [e for e in room.timeline if e.cue == "heed:viewer_request"]
    assert len(hit) == 1 and hit[0].label == "vulgar" and hit[0].weight == 1.0
    assert "背对镜头" in hit[0].text  # the evidence is the host's own line


def test_a_host_refusing_the_request_takes_nothing_up(manager):
    room = feed(manager, "fit2", [(HOST, "晚上好，今天带大家做拉伸"), (viewer(1), "转过去 背对镜头做"),
                                  (HOST, "背对镜头做？不行，我们好好练")], FITNESS)
    assert cues(room, "heed:") == []


def test_a_request_is_taken_up_only_soon_after_it_and_only_once(manager):
    late = feed(manager, "fit3", [(viewer(1), "转过去 背对镜头做"), *idle(9), (HOST, "下一个动作背对镜头做")],
                FITNESS)
    assert cues(late, "heed:") == []
    once = feed(manager, "fit4", [(viewer(1), "转过去 背对镜头做"), (HOST, "背对镜头做，好"),
                                  (HOST, "背对镜头做完了")], FITNESS)
    assert cues(once, "heed:") == ["heed:viewer_request"]


def test_an_ordinary_viewer_question_is_no_request_to_take_up(manager):
    room = feed(manager, "fit5", [(viewer(1), "今天练哪里"), (HOST, "今天练哪里？练髋部和腿后侧")], FITNESS)
    assert cues(room, "heed:") == []
    # the camera turned to the pot is no body request (sexual_request's 转过去 not after 镜头/手机), so nothing to heed
    cook = feed(manager, "cook", [(viewer(1), "把镜头转过去看看锅"), (HOST, "好，镜头转过去给大家看看锅")],
                {"category": "美食"})
    assert cues(cook, "sexual_request") == [] and cues(cook, "heed:") == []


# --- verdict.py: the action after the first one -----------------------------------------------------------
def warned(m: RoomManager, room_id: str) -> Room:
    """A selling room warned on its host's claims (the score ladder) and left at `warn`."""
    # (session 14: the engine's learned heads read CURE too, +0.4; five viewer lines keep the sum below `limit`)
    room = feed(m, room_id, [(HOST, CURE), *idle(5), (HOST, DOCTOR), (HOST, DOCTOR)])
    assert room.action == "warn"
    return room


def test_viewers_reporting_a_room_already_acted_on_raise_it_one_step(manager):
    room = warned(manager, "w1")
    feed(manager, "w1", [*idle(4), (viewer(9), "举报了")])
    assert room.score < manager.t.limit  # the ladder alone would leave it at warn
    assert room.action == "limit"
    assert cues(room, "escalate:") == ["escalate:witnessed"]


def test_viewers_reporting_a_room_with_no_action_do_not_act_on_it(manager):
    room = feed(manager, "w2", [(HOST, DOCTOR), *idle(3), (viewer(9), "举报了")])
    assert room.action == "none" and cues(room, "escalate:") == []


def test_the_behaviour_going_on_after_a_warn_raises_it_one_step(manager):
    room = warned(manager, "w3")
    for k in range(PERSIST):
        assert room.action == "warn"
        feed(manager, "w3", [*idle(10, 10 * k), (HOST, DOCTOR)])
        assert room.score < manager.t.limit
    assert room.action == "limit"
    assert cues(room, "escalate:") == ["escalate:unheeded"]


def test_escalation_without_the_score_stops_at_review(manager):
    room = warned(manager, "w4")
    for k in range(4):
        feed(manager, "w4", [*idle(12, k), (viewer(50 + k), "举报了 骗人的")])
    assert room.action == CAP
    assert room.score < manager.t.review


def test_sustained_evidence_makes_a_first_warn_the_decayed_score_does_not(manager):
    spaced = [*[m for _ in range(SUSTAINED - 1) for m in ((HOST, DOCTOR), *idle(7))], (HOST, DOCTOR)]
    room = feed(manager, "s1", spaced)
    assert room.score < manager.t.warn
    assert room.action == "warn"
    assert cues(room, "escalate:") == ["escalate:sustained"]
    fewer = feed(manager, "s2", spaced[8:])  # one message of evidence fewer within the window
    assert fewer.action == "none"


# --- spelled.py: a chat handle dictated piece by piece after a contact word ----------------------------------
def test_a_handle_dictated_by_a_crew_of_viewers_with_separator_and_number_words_is_a_contact(manager):
    crew = ["茶叶的看这里 加 v", "q m", "下划线", "t e a", "叁 玖 柒"]
    room = feed(manager, "crew", [(HOST, "走，带大家去吃夜宵"), *[(viewer(i), t) for i, t in enumerate(crew)]],
                {"category": "户外"})
    hit = [e for e in room.timeline if e.cue == "reassembled:crowd:contact.handle.spelled"]
    assert len(hit) == 1 and hit[0].label == "drainage" and hit[0].weight == manager.t.strong_hit
    assert room.action == "review"
    assert "qm_tea397" in room.contacts_seen  # counted once, by the handle


def test_what_is_no_spelled_handle():
    from qinglang.live.spelled import spelled_handle

    assert spelled_handle(["加 v", "c s", "下划线", "c h a", "陆 陆 捌"]) == "cs_cha668"
    assert spelled_handle(["加v", "666", "六六六"]) is None  # spam digits: no letter first
    assert spelled_handle(["加油", "abc", "123"]) is None  # no contact word
    assert spelled_handle(["加 v", "我在路上", "abc123"]) is None  # words between: not one handle
    assert spelled_handle(["加v abc123"]) is None  # one message: the contact detector's business
    assert spelled_handle(["加v", "abcdef", "ghij"]) is None  # no digits: a word, not an ID


# --- cues.yaml: a viewer demanding the host's credentials doubts the claim; it asks for no body ------------------
def test_a_viewer_demanding_the_hosts_licence_backs_up_the_claim_not_a_vulgar_request(manager):
    room = feed(manager, "lic", [(HOST, CURE), (HOST, DOCTOR), (viewer(1), "这位医生在哪个医院 执业证给看看")],
                {"category": "健康"})
    said = [(e.cue, e.label) for e in room.timeline if e.seq == room.seq]
    assert said == [("crowd:crowd_staged", "false_ad")]
    body = feed(manager, "body", [(viewer(2), "脚也给看看")], {"category": "聊天"})
    assert [e.cue for e in body.timeline] == ["sexual_request"]


def test_one_viewer_spelling_a_disguised_handle_over_several_messages_is_a_room_contact(manager):
    # 微 / ❤： / q y 8 / ⑥ 6 / 2 零 1 from one viewer between other viewers' chat: the author's joined window holds a
    # disguised WeChat handle (contact.wechat.obfuscated, 0.8), enough for one author; a crowd window needs 0.9
    spam = viewer(7)
    msgs = [(spam, "带上岸的看这"), (spam, "微"), (spam, "❤："), (viewer(1), "卡了吗我这"), (spam, "q y 8"),
            (viewer(2), "路过"), (spam, "⑥ 6"), (spam, "2 零 1")]
    room = feed(manager, "spell", [(HOST, "这把拿个镜，对面四个法师，打得过"), *msgs], {"category": "游戏"})
    hit = [e for e in room.timeline if e.cue.startswith("reassembled:author:contact.")]
    assert len(hit) == 1 and hit[0].label == "drainage"
    assert room.action != "none"


def test_the_crowds_joined_chat_needs_a_clear_handle(manager):
    # the same pieces typed by five different viewers are no one's contact at the author floor
    msgs = [(viewer(i), t) for i, t in enumerate(["微", "❤：", "q y 8", "⑥ 6", "2 零 1"])]
    room = feed(manager, "crowd", [(HOST, "这把拿个镜"), *msgs], {"category": "游戏"})
    assert not [e for e in room.timeline if e.cue.startswith("reassembled:author:")]
