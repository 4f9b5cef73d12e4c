"""The compact view: canonical text with the obfuscations that only make sense around handles undone.

The canonical text (``qinglang.text.normalize``) already folds width, case, digit styles, emoji (🐧→qq, ✈→飞机)
and separators between CJK characters; this view adds spaced-out ``h t t p s : / /``, ``点`` / ``dot`` / ``。``
for ``.``, ``c0m``, and ``at`` / ``#`` / ``艾特`` for ``@``, keeping its own offset map so that every evidence
span maps back exactly (compact → canonical → original).
"""

from __future__ import annotations

import re

from ...text.normalize import NormalizedText

# Spaced-out runs: single characters separated by 1–2 spaces, or by an obfuscated dot (w w w 点 a b c 点 c o m).
_TOK = r"[a-z0-9./:@_\-]"
ODOT = r"(?:点|。|dot|\[\.\]|\(\.\)|（\.）|\[点\]|\(点\)|（点）|丶|·|•|﹒|．)"
_COMPACT_RE = re.compile(
    rf"(?P<spaced>(?:(?<![a-z0-9])|(?<=[^a-z0-9][vqx])){_TOK}"
    rf"(?:(?: {{1,2}}| ?{ODOT} ?){_TOK}){{3,}}(?![a-z0-9./:@_\-]))"
    rf"|(?P<dot>(?<=[a-z0-9]) ?{ODOT} ?(?=[a-z0-9]))"
    r"|(?P<sdot>(?<=www)(?: +\. *| *\. +)(?=[a-z0-9])"
    r"|(?<=[a-z0-9]) +\. *(?=(?:com|net|org|cn|cc|vip|top|xyz)(?![a-z0-9]))"
    r"|(?<=[a-z0-9]) *\. +(?=(?:com|net|org|cn|cc|vip|top|xyz)(?![a-z0-9])))"
    r"|(?P<at>(?<=[a-z0-9]) ?(?:\(at\)|\[at\]|（at）|艾特|#|＃| at ) ?(?=[a-z0-9]))"
    r"|(?P<com>(?<=\.)c[0〇○]m(?![a-z0-9]))"
)
ODOT_RE = re.compile(rf" ?{ODOT} ?")


# Cheap gates for the compaction regex (whose alternation defeats the regex engine's first-character scan).
_COMPACT_HINTS = (
    re.compile(r"[a-z0-9] ?(?:[。点·•丶﹒．#＃(\[（]|dot|艾特)"),
    re.compile(r"[a-z0-9./:@_\-] {1,2}[a-z0-9./:@_\-] {1,2}[a-z0-9./:@_\-]"),
    re.compile(r"[a-z0-9] +\.|\. +[a-z0-9]"),
)
_COMPACT_WORDS = ("(at)", "[at]", "（at）", " at ", "c0m", "c〇m", "c○m")  # 'at' words first, then 'c' ones


def needs_compaction(canon: str) -> bool:
    """Cheap gate: False when the compaction regex cannot match (most posts); substring tests run first."""
    # Substring tests first (C speed): the spaced and spaced-dot hints need a space, the words an 'at' or 'c'.
    space = " " in canon
    if ("at" in canon and any(w in canon for w in _COMPACT_WORDS[:4])) or (
            "c" in canon and any(w in canon for w in _COMPACT_WORDS[4:])):
        return True
    if _COMPACT_HINTS[0].search(canon):
        return True
    return space and (_COMPACT_HINTS[1].search(canon) is not None
                      or ("." in canon and _COMPACT_HINTS[2].search(canon) is not None))


class Compact:
    """Canonical text with handle obfuscations undone; `back` maps compact offsets to canonical ones."""

    __slots__ = ("_edits", "_ends", "_nt", "_starts", "text")

    def __init__(self, canon: str, nt: NormalizedText | None = None) -> None:
        self._nt = nt
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        self._edits: list[tuple[int, int]] = []  # compact ranges that compaction rewrote
        if not needs_compaction(canon) or not _COMPACT_RE.search(canon):
            self.text = canon
            return
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for m in _COMPACT_RE.finditer(canon):
            a, b = m.span()
            out.append(canon[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
            kind = m.lastgroup
            first = len(starts)
            if kind == "spaced":
                k = a
                seg = canon[a:b]
                for part in re.finditer(rf"{ODOT}| +|.", seg):
                    pa, pb = part.span()
                    ch = part.group()
                    if ch.isspace():
                        continue
                    rep = "." if len(ch) > 1 or ODOT_RE.fullmatch(ch) else ch
                    out.append(rep)
                    starts.append(k + pa)
                    ends.append(k + pb)
            else:
                rep = {"dot": ".", "sdot": ".", "at": "@", "com": "com"}[kind or ""]
                out.append(rep)
                starts.extend([a] * len(rep))
                ends.extend([b] * len(rep))
            self._edits.append((first, len(starts)))
            pos = b
        out.append(canon[pos:])
        starts.extend(range(pos, len(canon)))
        ends.extend(range(pos + 1, len(canon) + 1))
        self.text = "".join(out)
        self._starts, self._ends = starts, ends

    def back(self, i: int, j: int) -> tuple[int, int]:
        """Map compact span [i, j) to canonical offsets."""
        if self._starts is None or self._ends is None:
            return i, j
        return self._starts[i], self._ends[j - 1]

    def apart(self, i: int) -> bool:
        """True when compact characters i-1 and i were not adjacent in the original text (something between
        them was removed: the normalizer joins letters spelled out one by one, "V s a u c" → "vsauc")."""
        if self._nt is None or i <= 0 or i >= len(self.text):
            return False
        (_, left_end), (right_start, _) = self.back(i - 1, i), self.back(i, i + 1)
        return self._nt.span(left_end - 1, left_end)[1] < self._nt.span(right_start, right_start + 1)[0]

    def touched(self, i: int, j: int) -> bool:
        """True when compaction rewrote something inside compact span [i, j)."""
        return any(a < j and i < b for a, b in self._edits)
