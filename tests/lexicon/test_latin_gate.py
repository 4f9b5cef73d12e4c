"""A lexicon whose phonetic entries are pinyin / initials only (no homophone) needs a Latin letter to match: a text
without one skips the phonetic pass, and the hits are the same as with the pass (session 13, frames13)."""

from __future__ import annotations

import pytest

from qinglang.lexicon import matcher
from qinglang.lexicon.matcher import CompiledLexicon
from qinglang.lexicon.model import Entry
from qinglang.text.normalize import Normalizer


def _lexicon(modes: frozenset[str]) -> CompiledLexicon:
    return CompiledLexicon([Entry(term="比亚迪", label="frame", match=modes),
                            Entry(term="刹车", label="frame")], Normalizer())


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count phonetic views built. Patched on the class: `_Units` is a process-wide singleton, and patching the
    instance would leave an instance attribute behind after undo that hides later class-level spies (a test-order
    flake in tests/wordfilter under xdist)."""
    calls: list[str] = []
    real = matcher._Units.phonetic

    def spy(self: matcher._Units, text: str) -> str:
        calls.append(text)
        return real(self, text)

    monkeypatch.setattr(matcher._Units, "phonetic", spy)
    return calls


def test_pinyin_only_lexicon_skips_the_phonetic_pass_on_han_text(monkeypatch: pytest.MonkeyPatch) -> None:
    lex = _lexicon(frozenset({"exact", "pinyin"}))
    n = Normalizer()
    cloaked = [(h.start, h.end) for h in lex.match(n.normalize("Bi亚迪刹车失灵"))]
    assert (0, 4) in cloaked  # Bi亚迪 is 比亚迪 written half in pinyin
    calls = _spy(monkeypatch)
    han = [lex.entries[h.index].term for h in lex.match(n.normalize("比亚迪刹车失灵了"))]
    assert sorted(han) == ["刹车", "比亚迪"] and calls == []  # exact hits only, no phonetic view built
    lex.match(n.normalize("byd刹车失灵"))
    assert calls  # a Latin letter: the pass runs


def test_a_homophone_entry_keeps_the_phonetic_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    lex = _lexicon(frozenset({"exact", "homophone"}))
    calls = _spy(monkeypatch)
    lex.match(Normalizer().normalize("笔压底刹车失灵"))
    assert calls
