"""The de-cloaked text: words real posters cloak, written back where a post cloaks them (for the models).

Posters hide the words they expect a filter to know: sound-alikes (鸡佬 / 基佬), spelled-out pinyin
(ji lao), initials (jl), swapped order (佬基). `data/cloak_words.tsv` (built by tools/build_cloak_table.py
from the words CNTP's authors cloaked) lists such words; this module finds their cloaked spellings with the
lexicon matcher (`qinglang.lexicon.matcher.CompiledLexicon`, so its guards hold: initials must read as
initials, sound-alikes must sit on word boundaries and not be dictionary words) and writes the words back.

The result is a view for the text classifiers (`qinglang.models.features.views_of`), not a new canonical
text: lexicons keep matching the canonical text, and a model's evidence maps back through the offset map
(each written-back character points at the cloaked span it came from).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .dictionary import common_word_set
from .normalize import NormalizedText, Normalizer

TABLE = "cloak_words.tsv"


@dataclass(frozen=True, slots=True)
class Decloaked:
    """The de-cloaked text and, per character, the canonical [start, end) it stands for."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


@cache
def cloak_words() -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
    """(word, match modes, shuffled orders) per row of the shipped table."""
    text = resources.files("qinglang.text").joinpath("data", TABLE).read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, _count, modes, shuffles = line.split("\t")
        out.append((word, frozenset(m for m in modes.split(",") if m), tuple(s for s in shuffles.split(",") if s)))
    return tuple(out)


class Decloaker:
    """Finds cloaked spellings of the table's words in a normalized text and writes the words back."""

    def __init__(self, normalizer: Normalizer) -> None:
        from ..lexicon.matcher import CompiledLexicon
        from ..lexicon.model import Entry

        entries: list[Entry] = []
        self.targets: list[str] = []  # per entry: the word a hit writes back
        for word, modes, shuffles in cloak_words():
            # initials_guard 6: an all-initials spelling must read as initials (lowercase, alone among Chinese
            # text, not a token ordinary posts use for its own sake), as the bulk lexicons require.
            entries.append(Entry(term=word, label="cloak", match=frozenset({"exact", *modes}), initials_guard=6,
                                 rule="decloak", lexicon="cloak_words"))
            self.targets.append(word)
            for order in shuffles:
                entries.append(Entry(term=order, label="cloak", match=frozenset({"exact"}), whole_word=True,
                                     rule="decloak", lexicon="cloak_words"))
                self.targets.append(word)
        self.lexicon = CompiledLexicon(entries, normalizer)
        self.words = frozenset(word for word, _, _ in cloak_words())

    def __call__(self, nt: NormalizedText) -> Decloaked | None:
        """The de-cloaked text, or None when nothing in `nt` is a cloaked spelling of a table word."""
        text = nt.text
        subs: list[tuple[int, int, str]] = []
        for h in self.lexicon.match(nt):
            word = self.targets[h.index]
            written = text[h.start:h.end]
            if written == word or written in self.words:
                continue  # a table word as written is itself (傻逼 stays 傻逼 though 煞笔 leads their sound)
            if not written.isascii() and any(c.isascii() for c in written):
                continue  # letters mixed with characters (和B for 河北, w一 for 玩意) are chance in ordinary posts
            if h.variant == "homophone" and _holds_other_word(written, word):
                continue  # 其实黑人 is no sound-alike of 歧视黑人, nor 女权是 of 女拳师: ordinary words, not a cloak
            subs.append((h.start, h.end, word))
        if not subs:
            return None
        subs.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for s, e, word in subs:
            if s < pos:
                continue  # overlapping spellings: the first (longest at a position) wins
            parts.append(text[pos:s])
            starts.extend(range(pos, s))
            ends.extend(range(pos + 1, s + 1))
            parts.append(word)
            if e - s == len(word) and not _same_chars(text[s:e], word):
                starts.extend(range(s, e))  # one character for one (sound-alikes, initials): point at each
                ends.extend(range(s + 1, e + 1))
            else:
                starts.extend([s] * len(word))  # spelled-out pinyin, swapped order: the whole span
                ends.extend([e] * len(word))
            pos = e
        parts.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
        return Decloaked("".join(parts), tuple(starts), tuple(ends))


def _holds_other_word(written: str, word: str) -> bool:
    """Whether a dictionary word of two or more characters lies in `written` where `word` has other characters."""
    words = common_word_set()
    n = len(written)
    return any(written[i:j] in words and written[i:j] != word[i:j]
               for i in range(n - 1) for j in range(i + 2, n + 1))


def _same_chars(a: str, b: str) -> bool:
    return sorted(a) == sorted(b)


_LOCK = threading.Lock()
_BY_LAYERS: dict[frozenset[str], Decloaker] = {}


def decloaker(normalizer: Normalizer) -> Decloaker:
    """The Decloaker for a normalizer's layers: built once per process and layer set (about a second: every
    engine builds its own normalizer, and they share this), thread-safe."""
    got = _BY_LAYERS.get(normalizer.enabled)
    if got is not None:
        return got
    with _LOCK:
        got = _BY_LAYERS.get(normalizer.enabled)
        if got is None:
            got = _BY_LAYERS[normalizer.enabled] = Decloaker(normalizer)
        return got


def decloak(nt: NormalizedText) -> Decloaked | None:
    """`nt` with cloaked spellings of the table's words written back (None when there are none); memoized."""
    key = (decloak, "view")
    if key in nt.cache:
        return nt.cache[key]  # type: ignore[no-any-return]
    out = decloaker(nt.normalizer)(nt)
    nt.cache[key] = out
    return out


__all__ = ["Decloaked", "Decloaker", "cloak_words", "decloak", "decloaker"]
