"""Word-filter basics that the common filter libraries test (issue 16): numerals inside words, Latin repeats,
and deny words made of one repeated character."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglang.lexicon import CompiledLexicon, load_dir
from qinglang.text import default_normalizer, normalize
from tests.conftest import write_lexicon

MANIFEST = """
name: basics
label: abuse
severity: high
entries:
  - {term: 下三滥}
  - {term: 0售, label: prohibited_goods}
  - {term: 三三三, label: vulgar}
  - {term: 哈哈哈, label: vulgar}
  - {term: fuck}
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> CompiledLexicon:
    folder = write_lexicon(tmp_path_factory.mktemp("lex") / "basics", MANIFEST)
    return CompiledLexicon(load_dir(folder).entries, default_normalizer())


def _terms(compiled: CompiledLexicon, text: str) -> list[tuple[str, str]]:
    nt = normalize(text)
    out = []
    for h in compiled.match(nt):
        a, b = nt.span(h.start, h.end)
        out.append((h.entry.term, text[a:b]))
    return sorted(out)


@pytest.mark.parametrize(("text", "term", "span"), [
    ("这人真是下3滥", "下三滥", "下3滥"),
    ("这人真是下叁滥", "下三滥", "下叁滥"),
    ("这人真是下Ⅲ滥", "下三滥", "下Ⅲ滥"),
    ("这人真是下三滥", "下三滥", "下三滥"),
    ("仓库零售价", "0售", "零售"),
    ("仓库0售价", "0售", "0售"),
])
def test_numerals_inside_words_meet_either_spelling(compiled: CompiledLexicon, text: str, term: str,
                                                     span: str) -> None:
    assert (term, span) in _terms(compiled, text)


@pytest.mark.parametrize(("text", "canonical"), [
    ("我有3个苹果", "我有3个苹果"),        # a quantity before a measure word stays a number
    ("第3名", "第3名"),
    ("2楼说得对", "2楼说得对"),
    ("电话13812345678", "电话13812345678"),  # long runs are still read as digits
    ("价格35元", "价格35元"),               # two digits are a number, not a cloak
    ("共3天", "共3天"),
    ("5G手机", "5g手机"),
])
def test_ordinary_numbers_are_kept(text: str, canonical: str) -> None:
    assert normalize(text).text == canonical


@pytest.mark.parametrize(("text", "span"), [("fuuuuck you", "fuuuuck"), ("ⒻⒻⒻⓊⓊⓊⒸⓀ", "ⒻⒻⒻⓊⓊⓊⒸⓀ"),
                                              ("FUUUCK", "FUUUCK")])
def test_latin_repeats_fold(compiled: CompiledLexicon, text: str, span: str) -> None:
    assert ("fuck", span) in _terms(compiled, text)


@pytest.mark.parametrize("text", ["www.example.cn", "aaa1234", "http://zzz.top/x"])
def test_latin_runs_in_addresses_are_not_stutters(text: str) -> None:
    assert normalize(text).text == text.lower()


def test_collapsed_deny_word_does_not_match_its_single_character(compiled: CompiledLexicon) -> None:
    assert _terms(compiled, "三个人去三亚") == []
    assert _terms(compiled, "哈利波特，哈密瓜") == []
    assert _terms(compiled, "三三") == []  # two are not the three-character word
    assert ("三三三", "三三三三") in _terms(compiled, "他说三三三三")
    assert ("哈哈哈", "哈哈哈") in _terms(compiled, "哈哈哈你好")


def test_numeral_span_maps_back(tmp_path: Path) -> None:
    nt = normalize("快看下3滥的人")
    k = nt.text.index("下三滥")
    assert nt.span(k, k + 3) == (2, 5)
    assert nt.layers(k, k + 3) == ("numerals",)
