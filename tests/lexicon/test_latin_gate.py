"""A lexicon whose phonetic entries are pinyin / initials only (no homophone) needs a Latin letter to match: a text
without one skips the phonetic pass, and the hits are the same as with the pass (session 13, frames13)."""

from __future__ import annotations

import pytest

from qinglang.lexicon.matcher import CompiledLexicon
from qinglang.lexicon.model import Entry
from qinglang.text.normalize import Normalizer


def _lexicon(modes: frozenset[str]) -> CompiledLexicon:
    return CompiledLexicon([Entry(term="比亚迪", label="frame", match=modes),
                            Entry(term="刹车", label="frame")], Normalizer())


def test_pinyin_only_lexicon_skips_the_phonetic_pass_on_han_text(monkeypatch: pytest.MonkeyPatch) -> None:
    lex = _lexicon(frozenset({"exact", "pinyin"}))
    n = Normalizer()
    cloaked = [(h.start, h.end) for h in lex.match(n.normalize("Bi亚迪刹车失灵"))]
    assert (0, 4) in cloaked  # Bi亚迪 is 比亚迪 written half in pinyin
    calls: list[str] = []
    real = lex._units.phonetic
    monkeypatch.setattr(lex._units, "phonetic", lambda text: calls.append(text) or real(text))
    han = [lex.entries[h.index].term for h in lex.match(n.normalize("比亚迪刹车失灵了"))]
    assert sorted(han) == ["刹车", "比亚迪"] and calls == []  # exact hits only, no phonetic view built
    lex.match(n.normalize("byd刹车失灵"))
    assert calls  # a Latin letter: the pass runs


def test_a_homophone_entry_keeps_the_phonetic_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    lex = _lexicon(frozenset({"exact", "homophone"}))
    calls: list[str] = []
    real = lex._units.phonetic
    monkeypatch.setattr(lex._units, "phonetic", lambda text: calls.append(text) or real(text))
    lex.match(Normalizer().normalize("笔压底刹车失灵"))
    assert calls
