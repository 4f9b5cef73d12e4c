"""The shipped group_slurs lexicon (issue 16): slurs for a group are `antagonism`, through the cloaks each entry
allows, and the ordinary words that sound like them stay clean."""

from __future__ import annotations

import pytest

from qinglang.lexicon import CompiledLexicon
from qinglang.lexicon.loader import load_dirs, shipped_lexicon_dirs
from qinglang.text import default_normalizer


@pytest.fixture(scope="module")
def slurs() -> CompiledLexicon:
    dirs = [d for d in shipped_lexicon_dirs() if d.name == "group_slurs"]
    return CompiledLexicon([e for lex in load_dirs(dirs) for e in lex.entries], default_normalizer())


def _hits(compiled: CompiledLexicon, text: str) -> list[tuple[str, str, str, str]]:
    """(term, label, variant, original span) of every hit."""
    nt = default_normalizer().normalize(text)
    out = []
    for h in compiled.match(nt):
        a, b = nt.span(h.start, h.end)
        out.append((h.entry.term, h.entry.label, h.variant, text[a:b]))
    return out


@pytest.mark.parametrize(("text", "term", "span"), [
    ("这些黑鬼真恶心", "黑鬼", "黑鬼"),
    ("又是一群白皮猪", "白皮猪", "白皮猪"),
    ("女 拳又来了", "女拳", "女 拳"),          # a separator wedged in
    ("一群死ji佬", "死基佬", "死ji佬"),        # a character written in pinyin
])
def test_slur_is_antagonism_through_its_cloaks(slurs: CompiledLexicon, text: str, term: str, span: str) -> None:
    hits = _hits(slurs, text)
    assert any(t == term and label == "antagonism" and s == span for t, label, _, s in hits), hits


@pytest.mark.parametrize("text", [
    "女权主义者讨论平等",      # 女权 sounds like 女拳: that entry has no homophone or pinyin reading
    "天狗吃月亮的传说",        # 天狗 sounds like 舔狗
    "人要有梦想",              # 人要 sounds like 人妖
    "我家母狗生了三只小狗",    # 母狗 the animal (forbid)
])
def test_ordinary_words_that_sound_alike_stay_clean(slurs: CompiledLexicon, text: str) -> None:
    assert _hits(slurs, text) == []
