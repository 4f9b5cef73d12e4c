"""Session 22 (lang22): task 8's literal senses and real cloaks. A slang word used for its own sense — 鸡 beside a
dish, 身寸 inside the lantern riddle 言身寸 (谢), 老司机 on a road trip, 🍑 and 🍆 at a fruit stall — is no misuse
(`Family.literal`: a family of the word's own context drops the cue beside it; a lexicon entry's `forbid`). The body
and sex pictographs evaders write (🍑🍆💦👅) are read as written, though the normalizer reads 🍑 💦 👅 as characters
(讨, 地, 舔: CNTP's sound cloaks), and two different ones together are the cloak (`language_misuse.emoji_sex_pair`).
A price per night or per time asked of a woman calls her a prostitute (`vulgar.priced_person`). Sentences written
for this test, none taken from a writer set."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglang.detectors.base import Views
from qinglang.errors import ConfigError
from qinglang.frames import load_frames
from qinglang.model import Content


def _label(engine, text: str, label: str, surface: str = "comment"):
    d = engine.moderate({"id": "t", "surface": surface, "text": text})
    return d, next((lr for lr in d.labels if lr.label == label), None)


def _acted(engine, text: str, label: str) -> bool:
    d, lr = _label(engine, text, label)
    return lr is not None and bool(lr.policy_rule) and d.action != "pass"


def test_an_animal_word_called_at_someone_is_still_an_insult(engine) -> None:
    for text in ("你就是个鸡，装什么清高", "你这个猪，脑子呢"):
        d, lr = _label(engine, text, "language_misuse")
        assert lr is not None and lr.policy_rule and d.action != "pass", text
        assert lr.rule == "frame.language_misuse.addressed_slang"


def test_the_same_word_beside_a_dish_is_the_dish(engine) -> None:
    for text in ("今晚吃啥？真的是鸡！三黄鸡白切 蘸酱油", "这家真的是猪蹄一绝，你个吃货快来"):
        _, lr = _label(engine, text, "language_misuse")
        assert lr is None or not lr.policy_rule, text


def test_a_split_character_inside_a_riddle_is_the_riddle(engine) -> None:
    assert not _acted(engine, "猜灯谜啦：“言身寸”打一字，猜中的有奖", "language_misuse")
    # the split sexual pun outside any riddle is still the pun
    assert _acted(engine, "小姐姐我想身寸在你脸上", "language_misuse")


def test_the_old_driver_on_a_road_trip_is_a_driver(engine) -> None:
    _, lr = _label(engine, "第一次跑高速，老司机们带带我，服务区能停多久？", "porn")
    assert lr is None or not lr.policy_rule
    assert _acted(engine, "老司机带带我，资源发我一份", "porn")


def test_two_body_pictographs_together_are_the_cloak(engine) -> None:
    for text in ("🍑🍆 周末有空吗 私聊", "想要👅💦的来"):
        d, lr = _label(engine, text, "language_misuse")
        assert lr is not None and lr.policy_rule and d.action != "pass", text
        assert lr.rule == "frame.language_misuse.emoji_sex_pair"
        # the evidence holds the pictographs as written, not the characters the normalizer read them as
        assert {e.text for e in lr.evidence} & {"🍑", "🍆", "👅", "💦"}
        assert all(e.normalized in ("🍑", "🍆", "👅", "💦") for e in lr.evidence)


def test_one_pictograph_or_a_fruit_stall_is_ordinary(engine) -> None:
    for text in ("今年的水蜜桃🍑特别甜",                        # one pictograph: a peach
                 "跑完十公里 满头大汗💦",                       # sweat
                 "果园现摘🍑，还有新鲜🍆，五斤起发",             # produce, two of them
                 "讨论一下地铁的事"):                            # 讨 and 地 are no pictographs
        _, lr = _label(engine, text, "language_misuse")
        assert lr is None or not lr.policy_rule, text


def test_a_warning_quoting_the_pair_is_a_mention(engine) -> None:
    _, lr = _label(engine, "家长注意：孩子聊天里出现“🍑🍆”这种表情组合，可能是色情暗语，请及时举报", "language_misuse")
    assert lr is None or not lr.policy_rule


def test_a_pictograph_read_as_a_character_is_found_as_written(engine) -> None:
    text = "🍑💦懂的来"
    nt = engine.normalizer.normalize(text)
    assert "🍑" not in nt.text and "💦" not in nt.text  # the normalizer reads them as 讨 and 地
    frame = next(d for d in engine.detectors if getattr(d, "name", "") == "frame")
    cues = frame.cues(Views(Content(id="t", text=text), {"text": nt}))
    assert cues[("language_misuse", "emoji_peach")][0].orig == (0, 1)
    # and the characters they are read as, written as characters, are no pictograph
    plain = engine.normalizer.normalize("讨论地")
    assert not frame.cues(Views(Content(id="t2", text="讨论地"), {"text": plain})).get(
        ("language_misuse", "emoji_peach"))


def test_a_price_asked_of_a_woman_is_crude_talk(engine) -> None:
    for text in ("那个穿短裙的美女多少钱一晚啊", "她一看就是出来卖的，多少一次"):
        d, lr = _label(engine, text, "vulgar")
        assert lr is not None and lr.policy_rule and d.action != "pass", text
        assert lr.rule == "frame.vulgar.priced_person"
    for text in ("这家酒店多少钱一晚？含早吗", "洗车多少钱一次，办卡划算吗"):
        _, lr = _label(engine, text, "vulgar")
        assert lr is None or not lr.policy_rule, text


def test_a_literal_family_must_be_named_in_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: t\nfamilies:\n  a:\n    terms: [鸡]\n    literal: [dihs]\n  dish:\n    terms: [白切]\n"
                   "frames:\n  - id: t.a\n    label: abuse\n    any: [a]\n", "utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml:5: families\.a\.literal: unknown cue family 'dihs'"):
        load_frames([bad])


def test_the_adult_marker_is_the_pictograph_not_every_adult(engine) -> None:
    # 🔞 is read as 成人 by the normalizer; as a family term it used to match every 成人 of a text
    frame = next(d for d in engine.detectors if getattr(d, "name", "") == "frame")

    def marked(text: str) -> bool:
        views = Views(Content(id="t", text=text), {"text": engine.normalizer.normalize(text)})
        return bool(frame.cues(views).get(("minors_harm", "adult_marker")))

    assert marked("动画同人🔞合集") and marked("给动画里的小学妹换个成人装")
    assert not marked("成人高考报名下周截止") and not marked("这部动画成人也爱看")
