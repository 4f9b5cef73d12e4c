"""Intent frames: the YAML frame language (validation, file:line errors, reload) and the shipped frames."""

from __future__ import annotations

from pathlib import Path

import pytest
from frame_classes import frame_engine, write_frames

from qinglang.engine import Engine
from qinglang.errors import ConfigError
from qinglang.frames import load_frames, shipped_frame_dir

GOOD = """\
name: custom
quote: 测试
families:
  money: {terms: [转账, 红包]}
  secret: {terms: [别告诉], scope: off}
frames:
  - id: custom.secret_money
    label: fraud
    all: [money, secret]
    window: 20
    when: {surfaces: [private_chat]}
"""


def test_shipped_frames_load_with_provenance() -> None:
    fs = load_frames([shipped_frame_dir()], frozenset({"fraud", "prohibited_goods"}))
    labels = {fr.label for _, fr in fs.frames}
    assert {"grooming", "extortion", "enterprise_smear", "rumor", "fan_frenzy", "minors_harm", "false_ad", "bullying",
            "wealth_flaunt", "staged"} <= labels
    assert (shipped_frame_dir() / "PROVENANCE").read_text("utf-8").startswith("source:")
    assert all(fr.quote for _, fr in fs.frames)


@pytest.mark.parametrize(("text", "line", "fragment"), [
    (GOOD.replace("    window: 20", "    windw: 20"), 10, "did you mean 'window'"),
    (GOOD.replace("all: [money, secret]", "all: [mony, secret]"), 9, "did you mean 'money'"),
    (GOOD.replace("label: fraud", "label: groomin"), 8, "did you mean 'grooming'"),
    (GOOD.replace("surfaces: [private_chat]", "surfaces: [private_chta]"), 11, "did you mean 'private_chat'"),
    (GOOD.replace("{terms: [转账, 红包]}", "{trems: [转账, 红包]}"), 4, "did you mean 'terms'"),
    (GOOD.replace("{terms: [别告诉], scope: off}", "{regex: ['(别告诉']}"), 5, "bad RE2 pattern"),
    (GOOD.replace("    window: 20", "    window: 20\n    yields_to: [extortin]"), 11, "did you mean 'extortion'"),
    # a key given twice would silently keep only the last value (a family losing its first patterns)
    (GOOD.replace("  money: {terms: [转账, 红包]}", "  money:\n    terms: [转账]\n    terms: [红包]"), 6,
     "duplicate key 'terms'"),
])
def test_bad_frame_files_name_file_line_and_hint(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    d = write_frames(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_frames([d], frozenset({"fraud"}))
    msg = str(err.value)
    assert f"custom.yaml:{line}:" in msg
    assert fragment in msg


def test_frame_fires_with_every_cue_in_evidence_and_respects_constraints(tmp_path: Path) -> None:
    eng = frame_engine(tmp_path, write_frames(tmp_path, GOOD))
    item = {"id": "1", "text": "给你转账，别告诉别人", "surface": "private_chat"}
    d = eng.moderate(item)
    lr = next(lr for lr in d.labels if lr.label == "fraud")
    assert lr.rule == "frame.custom.secret_money"
    assert {ev.rule for ev in lr.evidence} == {"frame.custom.secret_money.money", "frame.custom.secret_money.secret"}
    assert {ev.text for ev in lr.evidence} == {"转账", "别告诉"}
    assert not eng.moderate({**item, "surface": "feed"}).labels  # surface constraint
    assert not eng.moderate({**item, "text": "给你转账" + "。" * 40 + "别告诉别人"}).labels  # outside the window


def test_negated_cue_discounts_the_frame(tmp_path: Path) -> None:
    eng = frame_engine(tmp_path, write_frames(tmp_path, GOOD))
    plain = eng.moderate({"id": "1", "text": "给你转账，别告诉别人", "surface": "private_chat"})
    negated = eng.moderate({"id": "2", "text": "拒绝转账，别告诉别人", "surface": "private_chat"})
    assert negated.labels[0].score < plain.labels[0].score
    assert any(ev.scope and ev.scope.startswith("negation") for ev in negated.labels[0].evidence)


def test_reload_with_a_broken_frame_keeps_the_last_good_state(tmp_path: Path) -> None:
    d = write_frames(tmp_path, GOOD)
    eng = frame_engine(tmp_path, d)
    version = eng.policy_version
    (d / "custom.yaml").write_text(GOOD.replace("label: fraud", "label: nope"), "utf-8")
    with pytest.raises(ConfigError, match=r"custom\.yaml:8"):
        eng.reload()
    assert eng.policy_version == version
    assert eng.moderate({"id": "1", "text": "给你转账，别告诉别人", "surface": "private_chat"}).labels


SPRING = "2024-02-12T10:00:00+08:00"  # inside the Spring Festival overlay (task 1 rules)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.mark.parametrize(("item", "label"), [
    ({"text": "小妹妹你几年级了？开个视频给哥哥看看，送你皮肤，别告诉你爸妈哦", "surface": "private_chat",
      "kind": "message", "audience": {"minor_mode": True, "age": 12}}, "grooming"),
    ({"text": "贵公司的负面稿件我们已掌握，给个合作费用3万，我们可以删稿，否则明天全网发布"}, "extortion"),
    ({"text": "刚刚央行发文：下月起存款超过50万一律征收存款税！"}, "rumor"),
    ({"text": "憋气挑战！看谁能坚持最久，小朋友都来试试", "surface": "hot_search"}, "minors_harm"),
    ({"text": "我是三甲医院主任医师，这个茶喝三天降血糖，停药都没事，直播间下单", "surface": "live"}, "false_ad"),
    ({"text": "实验中学初二3班的王某某，家住阳光小区5栋，长得丑还装，大家一起骂她"}, "bullying"),
    # issue 15 behaviour classes (tasks 1, 2, 5), in our own wording
    ({"text": "你们工厂半夜偷排废水的视频我手上有三段，想私下解决的找我谈，不然明天全网曝光"}, "extortion"),
    ({"text": "听说金禾乳业的奶粉查出激素超标，我朋友在质检站，结果压着没公布，赶紧扩散"}, "enterprise_smear"),
    ({"text": "明早九点统一发这段文案，带话题，每个号发完截图，一条3块日结", "surface": "private_chat"}, "water_army"),
    ({"text": "超管下班了，没补门票的抓紧补，马上开始今晚的表演", "surface": "live"}, "porn"),
    ({"text": "这款虫草含片，好几个肿瘤病人吃了半年就好了，比化疗还管用，点小黄车", "surface": "live"}, "false_ad"),
    ({"text": "春节带女友回家，她当着全家人给我奶奶磕头下跪，真实记录，绝无剧本", "kind": "transcript"}, "staged"),
    ({"text": "明天哥哥落地首都机场，全员去接机，堵住出口，谁怂谁不是真爱粉", "created_at": SPRING}, "fan_frenzy"),
    ({"text": "吓唬小外甥说他是垃圾堆捡来的，爸妈不要他了，哭得好惨哈哈哈", "created_at": SPRING}, "minors_harm"),
])
def test_shipped_frames_act(engine: Engine, item: dict, label: str) -> None:
    d = engine.moderate({"id": "x", **item})
    assert label in {lr.label for lr in d.labels}
    assert d.action != "pass"


@pytest.mark.parametrize("item", [
    {"text": "家长注意：有人以送皮肤为诱饵让孩子开视频，还叫孩子别告诉爸妈，遇到请报警"},
    {"text": "网传央行下月起征收存款税，系谣言，请勿相信"},
    {"text": "理性追星，不集资不打榜"},
    {"text": "【以案说法】自媒体人以删帖为条件向企业索要费用10万元，法院判决其构成敲诈勒索罪"},
    {"text": "刚听说金禾乳业要倒闭？有人知道真假吗"},
    {"text": "考研数学付费直播课，今晚讲到一点", "surface": "live", "live": {"room_id": "r", "paid": True},
     "created_at": "2024-08-05T00:30:00+08:00"},
    {"text": "【婚恋情景剧，嘉宾均为演员】女嘉宾今天遇到了难题，刷礼物支持她", "surface": "live", "kind": "transcript"},
])
def test_shipped_frames_spare_warnings_and_refusals(engine: Engine, item: dict) -> None:
    assert engine.moderate({"id": "x", **item}).action == "pass"


def test_a_negated_veto_cue_does_not_veto(engine: Engine) -> None:
    """`none` families veto a frame, but 别问来源 cites nothing: the smear frame still fires."""
    cited = engine.moderate({"id": "c", "text": "据媒体报道，金禾乳业被查出奶粉激素超标"})
    uncited = engine.moderate({"id": "u", "text": "别问来源，金禾乳业被查出奶粉激素超标"})
    assert "enterprise_smear" not in {lr.label for lr in cited.labels}
    assert "enterprise_smear" in {lr.label for lr in uncited.labels}


def test_a_frame_gives_way_to_the_labels_it_yields_to(tmp_path: Path) -> None:
    """`yields_to`: the frame's label is not emitted when a frame of one of those labels fires on the item."""
    text = GOOD.replace("    window: 20", "    window: 20\n    yields_to: [extortion]") + """\
  - id: custom.threat
    label: extortion
    all: [threat]
"""
    text = text.replace("frames:\n", "  threat: {terms: [不给钱就发]}\nframes:\n", 1)
    eng = frame_engine(tmp_path, write_frames(tmp_path, text))
    base = {"id": "y", "surface": "private_chat"}
    alone = eng.moderate({**base, "text": "转账的事别告诉别人"})
    assert "fraud" in {lr.label for lr in alone.labels}
    both = eng.moderate({**base, "text": "转账的事别告诉别人，不给钱就发"})
    assert {lr.label for lr in both.labels} == {"extortion"}
