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
