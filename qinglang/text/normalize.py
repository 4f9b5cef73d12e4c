"""Canonical text with an exact map back to the original (DESIGN §1, STYLE §5.2).

`Normalizer.normalize(text)` runs a fixed sequence of stages, each a C-speed string operation
(`str.translate` or one regex), so the common case costs a few passes over the text and no Python loop:

1. ``fold``: one composed character table — Unicode (NFKC, case, enclosed/maths letters and digits,
   diacritics, script confusables), invisible characters, traditional→simplified (OpenCC), rare look-alike
   characters, emoji that stand for words.
2. ``separator``: symbols and spaces inserted between CJK characters (or CJK and letters/digits) are removed
   (微-信, 微 信, 加❤v).
3. ``numerals``: inside runs of five or more number characters, Chinese numerals read as digits (幺三八…).
4. ``repeat``: runs of three or more identical CJK characters fold to one.

The offset map is built lazily, only when a caller asks for a span (most texts have no hit): each stage
keeps what it needs to replay itself. Every table row keeps its provenance (`Normalizer.explain`).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
ALNUM = "0-9a-z"
LAYERS = ("unicode", "invisible", "t2s", "lookalike", "emoji", "separator", "numerals", "repeat")
TABLE_LAYERS = ("unicode", "invisible", "t2s", "lookalike", "emoji")  # in order of precedence (last wins)
# Sentence punctuation is a real boundary and never treated as an inserted separator.
_KEEP = set("，。！？；：、…（）《》〈〉「」『』【】“”‘’\n")


@dataclass(frozen=True, slots=True)
class TableRow:
    source: str
    target: str
    layer: str
    provenance: str


@cache
def load_table(name: str) -> tuple[TableRow, ...]:
    """Read one shipped TSV table (`qinglang/text/data/NAME.tsv`)."""
    rows = []
    text = resources.files("qinglang.text").joinpath("data", f"{name}.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        src, dst, prov = line.split("\t")
        rows.append(TableRow(_unesc(src), _unesc(dst), name, prov))
    return tuple(rows)


def _unesc(s: str) -> str:
    return s.encode("ascii").decode("unicode_escape") if "\\" in s and s.isascii() else s


@cache
def _separator_chars() -> str:
    """Spaces, ASCII punctuation, symbols and emoji: everything decorative that may be wedged between characters."""
    chars = []
    for cp in [*range(0x20, 0x3000), *range(0x3000, 0x3100), *range(0xFE30, 0xFE70), *range(0xFF00, 0xFFF0),
               *range(0x1F000, 0x1FB00)]:
        c = chr(cp)
        if c in _KEEP or c.isalnum():
            continue
        cat = unicodedata.category(c)
        if cat[0] in "PSZ" or c.isspace():
            chars.append(c)
    return "".join(chars)


class _Stage:
    """One normalization step: its output, plus what it needs to map output offsets back to its input."""

    __slots__ = ("layer", "src", "out", "_starts", "_ends", "_builder")

    def __init__(self, layer: str, src: str, out: str, builder) -> None:  # noqa: ANN001
        self.layer, self.src, self.out, self._builder = layer, src, out, builder
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None

    def back(self, i: int, j: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts, self._ends = self._builder(self.src)
        starts, ends = self._starts, self._ends
        assert ends is not None
        if i >= j:
            pos = starts[i] if i < len(starts) else len(self.src)
            return pos, pos
        return starts[i], ends[j - 1]


class NormalizedText:
    """The canonical form of one text field and its map back to the original."""

    __slots__ = ("original", "text", "_stages", "_norm", "_phonetic")

    def __init__(self, original: str, text: str, stages: list[_Stage], norm: Normalizer) -> None:
        self.original = original
        self.text = text
        self._stages = stages
        self._norm = norm
        self._phonetic: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self._stages)

    @property
    def phonetic(self) -> str:
        """The canonical text with each CJK character replaced by its sound class (1:1, same offsets)."""
        if self._phonetic is None:
            self._phonetic = self.text.translate(self._norm.phonetic_table)
        return self._phonetic

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Map canonical [i, j) to the original field's [start, end)."""
        if not 0 <= i <= j <= len(self.text):
            raise IndexError(f"span {i}:{j} outside canonical text of length {len(self.text)}")
        for stage in reversed(self._stages):
            i, j = stage.back(i, j)
        return i, j

    def layers(self, i: int, j: int) -> tuple[str, ...]:
        """Which normalization layers changed the characters of canonical span [i, j)."""
        fired: list[str] = []
        for stage in reversed(self._stages):
            si, sj = stage.back(i, j)
            if stage.layer == "fold":
                for ch in stage.src[si:sj]:
                    layer = self._norm.layer_of.get(ch)
                    if layer and layer not in fired:
                        fired.append(layer)
            elif stage.src[si:sj] != stage.out[i:j] and stage.layer not in fired:
                fired.append(stage.layer)
            i, j = si, sj
        order = {name: k for k, name in enumerate(LAYERS)}
        return tuple(sorted(fired, key=lambda n: order.get(n, 99)))

    def __repr__(self) -> str:
        return f"NormalizedText({self.text!r})"


class Normalizer:
    """Builds the composed tables once; `normalize` is then thread-safe and allocation-light."""

    def __init__(self, layers: Iterable[str] = LAYERS) -> None:
        self.enabled = frozenset(layers)
        unknown = self.enabled - set(LAYERS)
        if unknown:
            raise ValueError(f"unknown normalization layers {sorted(unknown)}; known: {list(LAYERS)}")
        rows: dict[str, TableRow] = {}
        for name in TABLE_LAYERS:
            if name in self.enabled:
                for row in load_table(name):
                    rows[row.source] = row
        self.rows = rows
        table: dict[int, str] = {ord(k): r.target for k, r in rows.items()}
        # Close the table under itself so that normalizing canonical text changes nothing (idempotence).
        for _ in range(3):
            changed = False
            for cp, val in table.items():
                new = val.translate(table)
                if new != val:
                    table[cp], changed = new, True
            if not changed:
                break
        self.table: dict[int, str | None] = {cp: (v if v else None) for cp, v in table.items()}
        self.layer_of = {k: r.layer for k, r in rows.items()}
        # Python's `re` is fast on BMP-only character classes and slow on classes with astral ranges, so
        # each class comes in two builds and texts with astral characters (emoji) take the full one.
        odd = [chr(k) for k, v in table.items() if len(v) != 1]
        self._odd_re = _bmp_and_full("[{}]", odd)
        self._sep_re = _bmp_and_full(
            f"(?<=[{CJK}])[{{0}}]+(?=[{CJK}{ALNUM}])|(?<=[{ALNUM}])[{{0}}]+(?=[{CJK}])", _separator_chars()
        )
        nums = {r.source: r.target for r in load_table("numerals")}
        self._num_table = str.maketrans(nums)
        self._num_re = re.compile("[0-9" + "".join(nums) + "]{5,}")
        self._num_any = re.compile("[" + "".join(nums) + "]")
        self._rep_re = re.compile(f"([{CJK}])\\1{{2,}}")
        self._phonetic_lock = threading.Lock()
        self._phonetic_table: dict[int, str] | None = None

    # -- the hot path -------------------------------------------------------------------------------------
    def normalize(self, text: str) -> NormalizedText:
        """Return the canonical text of `text` with its offset map; never raises on any str."""
        stages: list[_Stage] = []
        cur = text
        astral = bool(text) and max(text) > "\uffff"
        if self.enabled & set(TABLE_LAYERS):
            out = cur.translate(self.table)
            if out != cur:
                if len(out) == len(cur) and not self._odd_re[astral].search(cur):
                    stages.append(_Stage("fold", cur, out, _identity))
                else:
                    stages.append(_Stage("fold", cur, out, self._fold_map))
                cur = out
        if "separator" in self.enabled:
            out = self._sep_re[astral].sub("", cur)
            if len(out) != len(cur):
                stages.append(_Stage("separator", cur, out, self._sep_map))
                cur = out
        if "numerals" in self.enabled and self._num_any.search(cur):
            out = self._num_re.sub(lambda m: m.group().translate(self._num_table), cur)
            if out != cur:
                stages.append(_Stage("numerals", cur, out, _identity))
                cur = out
        if "repeat" in self.enabled:
            out = self._rep_re.sub(r"\1", cur)
            if len(out) != len(cur):
                stages.append(_Stage("repeat", cur, out, self._rep_map))
                cur = out
        return NormalizedText(text, cur, stages, self)

    # -- offset maps, built only when a span is asked for ---------------------------------------------------
    def _fold_map(self, src: str) -> tuple[list[int], list[int]]:
        starts: list[int] = []
        table = self.table
        for i, ch in enumerate(src):
            rep = table.get(ord(ch), ch)
            if rep:
                starts.extend([i] * len(rep))
        return starts, [s + 1 for s in starts]

    def _sep_map(self, src: str) -> tuple[list[int], list[int]]:
        astral = bool(src) and max(src) > "\uffff"
        return _deletion_map(src, [(m.start(), m.end()) for m in self._sep_re[astral].finditer(src)], extend=False)

    def _rep_map(self, src: str) -> tuple[list[int], list[int]]:
        return _deletion_map(src, [(m.start() + 1, m.end()) for m in self._rep_re.finditer(src)], extend=True)

    # -- phonetic view ----------------------------------------------------------------------------------------
    @property
    def phonetic_table(self) -> dict[int, str]:
        if self._phonetic_table is None:
            with self._phonetic_lock:
                if self._phonetic_table is None:
                    from .phonetic import sound_class_table

                    self._phonetic_table = sound_class_table()
        return self._phonetic_table

    def explain(self, ch: str) -> TableRow | None:
        """The table row (with provenance) that folds `ch`, if any."""
        return self.rows.get(ch)


def _bmp_and_full(template: str, chars: Iterable[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(pattern over the BMP characters only, pattern over all): index with `has_astral_chars`."""
    chars = list(chars)
    bmp = re.escape("".join(c for c in chars if ord(c) < 0x10000)) or "\\x00"
    full = re.escape("".join(chars)) or "\\x00"
    return re.compile(template.format(bmp)), re.compile(template.format(full))


def _identity(src: str) -> tuple[list[int], list[int]]:
    r = list(range(len(src)))
    return r, [x + 1 for x in r]


def _deletion_map(src: str, deleted: list[tuple[int, int]], *, extend: bool) -> tuple[list[int], list[int]]:
    """Map kept characters back; with `extend`, a kept character's span grows over the run deleted after it."""
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for a, b in deleted:
        starts.extend(range(pos, a))
        ends.extend(range(pos + 1, a + 1))
        if extend and ends:
            ends[-1] = b
        pos = b
    starts.extend(range(pos, len(src)))
    ends.extend(range(pos + 1, len(src) + 1))
    return starts, ends


_DEFAULT: Normalizer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_normalizer() -> Normalizer:
    """The process-wide normalizer with every layer on (tables are immutable once built)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Normalizer()
    return _DEFAULT


def normalize(text: str) -> NormalizedText:
    """Normalize with the default normalizer (all layers)."""
    return default_normalizer().normalize(text)
