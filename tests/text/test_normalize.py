"""Normalization: canonical forms of every obfuscation layer, and the offset-map properties."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qinglang.engine import Engine
from qinglang.text import LAYERS, Normalizer, normalize

CASES = [
    # (original, canonical, layers that fired)
    ("微-信", "微信", ("separator",)),
    ("微 信 号", "微信号", ("separator",)),
    ("微.信", "微信", ("separator",)),
    ("加❤v", "加v", ("separator",)),
    ("①③⑧零零一三八零零零", "13800138000", ("unicode", "numerals")),
    ("壹叁捌幺三八零零零", "138138000", ("numerals",)),
    ("Ａｂｃ", "abc", ("unicode",)),
    ("𝒂𝒃𝒄", "abc", ("unicode",)),
    ("ⓐⓑ❶⑴", "ab11", ("unicode",)),
    ("w\u200bx", "wx", ("invisible",)),
    ("說話", "说话", ("t2s",)),
    ("哈哈哈哈哈", "哈", ("repeat",)),
    ("徾信", "微信", ("lookalike",)),
    ("🐧123456", "qq123456", ("emoji",)),
    ("➕V", "加v", ("unicode", "emoji")),
    ("wéixìn", "weixin", ("unicode",)),
    ("普通的一段中文文本。", "普通的一段中文文本。", ()),
]


@pytest.mark.parametrize(("original", "canonical", "layers"), CASES)
def test_canonical_form_and_layers(original: str, canonical: str, layers: tuple[str, ...]) -> None:
    nt = normalize(original)
    assert nt.text == canonical
    assert nt.layers(0, len(nt.text)) == layers
    assert nt.span(0, len(nt.text)) == (0, len(original)) or not layers


def test_span_covers_separators_inside_a_match() -> None:
    nt = normalize("请加 微 - 信 abc")
    i = nt.text.index("微信")
    a, b = nt.span(i, i + 2)
    assert nt.original[a:b] == "微 - 信"


def test_folded_run_maps_to_the_whole_run() -> None:
    nt = normalize("好哈哈哈哈的")
    assert nt.text == "好哈的"
    assert nt.original[slice(*nt.span(1, 2))] == "哈哈哈哈"


def test_expansion_maps_each_output_char_to_its_source() -> None:
    nt = normalize("x🐧y")
    assert nt.text == "xqqy"
    assert [nt.original[slice(*nt.span(i, i + 1))] for i in range(4)] == ["x", "🐧", "🐧", "y"]


def test_layers_can_be_switched_off() -> None:
    assert Normalizer([x for x in LAYERS if x != "separator"]).normalize("微-信").text == "微-信"
    assert Normalizer([x for x in LAYERS if x != "t2s"]).normalize("說話").text == "說話"
    with pytest.raises(ValueError, match="unknown normalization layers"):
        Normalizer(["nope"])


def test_provenance_of_each_table_row() -> None:
    row = Normalizer().explain("徾")
    assert row is not None and row.target == "微" and row.provenance.startswith("qinglang:")
    assert Normalizer().explain("說").provenance == "opencc:t2s"


def test_phonetic_view_is_one_to_one() -> None:
    nt = normalize("威信和微信abc")
    assert len(nt.phonetic) == len(nt.text)
    assert nt.phonetic[0:2] == nt.phonetic[3:5]  # 威信 sounds like 微信
    assert nt.phonetic[5:] == "abc"


def test_huge_and_hostile_inputs() -> None:
    big = "加微信" * 1_000_000
    assert len(normalize(big).text) == len(big)
    emoji = "😀" * 1_000_000
    nt = normalize(emoji)
    assert nt.span(0, len(nt.text))[1] <= len(emoji)
    assert normalize("\x00\x00微\x00信").text == "微信"


TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("微信加威薇哈说話徾一二三四五六七八九零幺①③⑧ＡＢ𝒂ⓐ -.*❤😀🐧✈️")),
        st.sampled_from(list("\u200b\u200d\ufe0fabcVX0123456789，。")),
        st.characters(),
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_offsets_monotonic_and_exact(text: str) -> None:
    nt = normalize(text)
    prev_a = prev_b = 0
    for i in range(len(nt.text)):
        a, b = nt.span(i, i + 1)
        assert 0 <= a < b <= len(text)
        assert a >= prev_a and b >= prev_b
        prev_a, prev_b = a, b
    for i in range(len(nt.text) + 1):
        for j in range(i, min(len(nt.text), i + 4) + 1):
            a, b = nt.span(i, j)
            assert 0 <= a <= b <= len(text)
            nt.layers(i, j)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_idempotent(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@pytest.mark.parametrize(("original", "canonical"), [
    ("那岂不是⌚子都不如", "那岂不是标子都不如"),      # by sound (表 biao), from real cloaks (emoji_cntp.tsv)
    ("跟黑👩交往过", "跟黑女交往过"),                  # by picture
    ("吧里这几个🍚同", "吧里这几个反同"),
    ("好开心😆", "好开心😆"),                          # a decoration stays
])
def test_emoji_standing_for_characters(original: str, canonical: str) -> None:
    assert normalize(original).text == canonical


def test_emoji_rows_keep_their_provenance() -> None:
    from qinglang.text import default_normalizer

    row = default_normalizer().explain("👩")
    assert row is not None and row.layer == "emoji" and row.provenance.startswith("cntp:")
    assert default_normalizer().explain("🐧").provenance == "qinglang:emoji"  # the hand table wins


@pytest.mark.parametrize(("original", "canonical"), [
    ("干净的bai ren ban ji了", "干净的bairenbanji了"),
    ("被bian tai sao rao 这什么逻辑", "被biantaisaorao这什么逻辑"),
    ("我 ai ni", "我aini"),
    ("他说 hello world 你好", "他说hello world你好"),   # English is not pinyin
    ("i love you", "i love you"),
    ("hen hao", "hen hao"),                             # no Chinese beside it: left as written
])
def test_spaced_full_pinyin_joins(original: str, canonical: str) -> None:
    nt = normalize(original)
    assert nt.text == canonical
    k = nt.text.find("bairenbanji")
    if k >= 0:
        assert original[slice(*nt.span(k, k + 11))] == "bai ren ban ji"


@pytest.mark.parametrize(("original", "canonical"), [
    ("加微亻言详聊", "加微信详聊"),          # 拆字 of a contact word
    ("根本氵殳亻十么能力", "根本没什么能力"),
    ("同忄生恋", "同性恋"),                  # before 忄 would fold to its look-alike 小
    ("加嶶信", "加微信"),                    # a variant form of 微
    ("亻", "亻"),                            # a lone form: nothing to put together
])
def test_split_characters_with_a_bound_radical_join(original: str, canonical: str) -> None:
    nt = normalize(original)
    assert nt.text == canonical
    assert nt.span(0, len(nt.text)) == (0, len(original))


def test_radical_join_maps_back_and_names_its_layer() -> None:
    nt = normalize("加微亻言详聊")
    assert nt.span(1, 3) == (1, 4)
    assert nt.layers(1, 3) == ("radical",)


@pytest.mark.parametrize(("original", "canonical"), [
    ("ⒻⒻⒻfⓤuⓤ⒰cⓒ⒦ the bad", "fuck the bad"),   # a double in two forms (cⓒ) is styling: collapsed
    ("ｆｕｃⓒｋ", "fuck"),
    ("account all", "account all"),              # a double typed in one form is spelling
    ("ⓐⓛⓛ", "all"),                              # ... in any single form
    ("x.cⓒ", "x.cc"),                            # beside an address mark: not a stutter
])
def test_latin_double_in_mixed_forms_collapses(original: str, canonical: str) -> None:
    nt = normalize(original)
    assert nt.text == canonical
    k = nt.text.find("fuck")
    if k >= 0:
        assert nt.span(k, k + 4) == (original.find("Ⓕ") if "Ⓕ" in original else 0, original.find("⒦") + 1
                                     if "⒦" in original else len(original))
        assert "repeat" in nt.layers(k, k + 4)


@pytest.mark.parametrize(("original", "canonical"), [
    ("fuck al.l", "fuck all"),          # one symbol cutting a word's last letter off
    ("see a dog", "see a dog"),         # a space never joins
    ("fuc*k you", "fuck you"),
    ("x.com", "x.com"),                 # a domain keeps its dot (no one-letter top-level domain)
    ("www.qq.com", "www.qq.com"),
    ("mail me@qq.c", "mail me@qq.c"),   # inside an address
    ("see al.l.", "see al.l."),         # a dot after the letter: an abbreviation or an address, left alone
    ("v2.x", "v2.x"),                   # a version, not a word
])
def test_symbol_before_a_words_last_letter(original: str, canonical: str) -> None:
    nt = normalize(original)
    assert nt.text == canonical
    k = nt.text.find("all")
    if canonical == "fuck all":
        assert original[slice(*nt.span(k, k + 3))] == "al.l"


def test_a_lone_surrogate_becomes_the_replacement_character_one_for_one(engine: Engine) -> None:
    """JSON's "\\ud800" escape puts a lone surrogate in a str: the automata and RE2 cannot encode it, so a detector
    failed and the item went to review. It now reads as U+FFFD at the same offset, and nothing fails."""
    text = "加微信\ud800abc"
    nt = normalize(text)
    assert nt.text[3] == "\ufffd" and nt.span(3, 4) == (3, 4) and nt.layers(3, 4) == ("unicode",)
    assert engine.contains(text) is False
    assert engine.mask(text) == text
    decision = engine.moderate({"id": "s", "text": text})
    assert decision.action == "pass" and not decision.labels
