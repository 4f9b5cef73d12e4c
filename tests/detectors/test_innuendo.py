"""The innuendo detector (session 14, minors14): a word set off in quotes as a wink at its slang sense. Evidence names
the literal word, the sense it was read as and the cue that made the quote a wink; a quote around a word with no cue
is emphasis, a quote the text talks about is a mention. Examples written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglang.detectors.base import Views, text_fields
from qinglang.detectors.innuendo import InnuendoDetector, find_winks, load_table, shipped_table
from qinglang.engine import Engine
from qinglang.errors import ConfigError
from qinglang.model import Content

LANGUAGE = "2024-11-05T20:00:00+08:00"  # 08-language is active


def _signals(engine: Engine, text: str) -> dict[str, object]:
    content = Content(id="x", text=text)
    det = InnuendoDetector(shipped_table())
    return {s.label: s for s in det.detect(content, Views(content, text_fields(content, engine.normalizer)))}


@pytest.mark.parametrize(("text", "label", "literal", "cue"), [
    ("周末带兄弟们玩「菠菜」，稳赚不赔，想回本的扣1", "gambling", "菠菜", "稳赚"),
    ("今晚十点准时「发车」，车速很快，上车的别掉队", "vulgar", "发车", "车速"),
    ("这位美女的「凶」器也太夸张了😏", "vulgar", "凶", "美女"),
    ("新到的「叶子」，同城送货，懂的私聊", "language_misuse", "叶子", "同城"),
    ("那种女的就该被「女干」一下", "language_misuse", "女干", "就该"),
])
def test_wink_is_read_in_its_slang_sense(engine: Engine, text: str, label: str, literal: str, cue: str) -> None:
    sig = _signals(engine, text)
    assert label in sig and "language_misuse" in sig
    ev = next(e for e in sig[label].evidence if e.rule.startswith("innuendo.wink.") and e.rule != "innuendo.wink.cue")
    assert ev.normalized == literal and text[ev.start:ev.end] == ev.text and ev.text[1:-1] == literal
    assert ev.value.startswith(f"{label}:") and ev.context_word == cue
    assert ev.detail["literal"] == literal and ev.detail["cue"] == cue and ev.detail["wink"] in ("「」", "“”", "『』")
    cue_ev = next(e for e in sig[label].evidence if e.rule == "innuendo.wink.cue")
    assert text[cue_ev.start:cue_ev.end] == cue


def test_a_wink_emoji_alone_is_a_cue_for_sexual_senses_only(engine: Engine) -> None:
    sig = _signals(engine, "晚上一起「睡」🤤")
    ev = sig["vulgar"].evidence[0]
    assert ev.detail["cue_kind"] == "emoji" and ev.context_word == "🤤"
    assert _signals(engine, "晚上一起「吃肉」😏") == {}  # a gambling word needs a gambling context


@pytest.mark.parametrize("text", [
    "今天的「菠菜」炒得有点老，下次少放盐",          # emphasis: no slang cue
    "所谓「开车」是什么意思？老司机能解释一下吗",    # the word talked about
    "网上说的「菠菜」这种黑话，其实就是赌博平台",    # named as slang
    "家长要警惕孩子口中的「上车」之类的暗号",        # named as a kind of word
    "正规足疗店，不做“一条龙”“特殊服务”，请自重",    # refused, in a list of quoted words
    "谨防「菠菜」平台，稳赚不赔都是骗局",             # warned about
])
def test_emphasis_and_mentions_are_not_winks(engine: Engine, text: str) -> None:
    assert find_winks(text, shipped_table()) == []


def test_winks_reach_the_decision(engine: Engine) -> None:
    d = engine.moderate({"id": "x", "text": "兄弟们今天在「菠菜」上又回血三千💰，想上岸的扣1", "created_at": LANGUAGE})
    assert d.action != "pass"
    labels = {lr.label: lr for lr in d.labels}
    assert "gambling" in labels and "language_misuse" in labels
    assert any(ev.rule == "innuendo.wink.gambling" for ev in labels["gambling"].evidence)


def test_emoji_syllables_between_quotes_are_not_quoted(engine: Engine) -> None:
    # 🈚️🐴 stands for 无码; it sits between two quotes and was read as inside one (scope fix, session 14)
    d = engine.moderate({"id": "x", "text": "新拍的「写真」🈚️🐴版本在「群」里", "created_at": LANGUAGE})
    hits = [ev for lr in d.labels for ev in lr.evidence if ev.normalized == "无码"]
    assert hits and all("emoji" in ev.layers and not (ev.scope or "").startswith("quotation") for ev in hits)


def test_a_platform_table_is_validated(tmp_path: Path) -> None:
    bad = tmp_path / "wink.yaml"
    bad.write_text("senses:\n  - id: x\n    terms: [a]\n    sense: s\n    label: porno\n    context: [b]\n", "utf-8")
    with pytest.raises(ConfigError, match=r"wink\.yaml"):
        load_table(bad)
    good = tmp_path / "ok.yaml"
    good.write_text("window: 10\nsenses:\n  - id: tea\n    terms: [茶叶]\n    sense: 介绍卖淫\n    label: porn\n"
                    "    context: [上门]\n", "utf-8")
    table = load_table(good)
    assert [w.sense.id for w in find_winks("同城「茶叶」可上门", table)] == ["tea"]


def test_emoji_spelling_a_word_by_sound(engine: Engine) -> None:
    # 🈚 is read 无 and 🐴 骂 (ma): together they sound 无码
    sig = _signals(engine, "新片🈚️🐴高清版本，私我")
    ev = next(e for e in sig["porn"].evidence if e.rule == "innuendo.emoji.uncensored")
    assert ev.text == "🈚️🐴" and ev.normalized == "无码" and ev.value.startswith("porn:")
    assert ev.detail["reading"] != "无码" and ev.detail["cue"] == "emoji"
    assert sig["language_misuse"].score >= 0.7 and sig["porn"].rule == "innuendo.emoji.porn"


@pytest.mark.parametrize("text", ["🈚️语了家人们，今天又加班", "无码数字键盘很好用", "今天🈚️聊，出去走走"])
def test_emoji_for_an_ordinary_word_is_not_a_stand_in(engine: Engine, text: str) -> None:
    assert _signals(engine, text) == {}
