"""qinglang.text.phonetic: toneless readings, the 1:1 sound-class view and Latin pinyin segmentation."""

from __future__ import annotations

from qinglang.text.phonetic import (
    CLASS_BASE,
    char_syllable,
    class_char,
    initial_table,
    segment_pinyin,
    sound_class_table,
    term_readings,
    toneless,
)


def test_toneless_folds_tones_and_u_umlaut() -> None:
    assert toneless("lǜ") == "lv" and toneless("wēi") == "wei" and toneless("Nǚ") == "nv"


def test_homophones_share_one_sound_class_character() -> None:
    table = sound_class_table()
    assert "威信".translate(table) == "薇芯".translate(table) == "微信".translate(table)
    assert "微信".translate(table) != "微博".translate(table)
    assert all(ord(c) >= CLASS_BASE for c in "微信".translate(table))  # private use: never in canonical text
    assert len("你好，world".translate(table)) == len("你好，world")  # 1:1, offsets unchanged


def test_initials_of_a_class_character() -> None:
    assert class_char("wei").translate(initial_table()) == "w"
    assert char_syllable("A") is None


def test_polyphonic_terms_keep_the_phrase_reading() -> None:
    assert term_readings("银行") == [["yin", "xing"], ["yin", "hang"]]
    assert term_readings("你好") == [["ni", "hao"]]


def test_latin_runs_split_into_syllables_or_letters() -> None:
    assert segment_pinyin("shabi") == [("sha", True), ("bi", True)]
    assert segment_pinyin("nmsl") == [("n", False), ("m", False), ("s", False), ("l", False)]
    pieces = segment_pinyin("caonimab")
    assert "".join(p for p, _ in pieces) == "caonimab" and sum(not s for _, s in pieces) == 1
