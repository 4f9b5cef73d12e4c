"""Canonical text with an exact map back to the original (DESIGN §1, STYLE §5.2).

`Normalizer.normalize(text)` runs a fixed sequence of stages, each a C-speed string operation
(`str.translate` or one regex), so the common case costs a few passes over the text and no Python loop:

0. ``radical``: a bound radical form written beside a component is the character they make (微亻言 → 微信,
   氵殳 → 没): such forms (亻 氵 扌…) are never written alone, so the pair is a split character.
1. ``fold``: one composed character table — Unicode (NFKC, case, enclosed/maths letters and digits,
   diacritics, script confusables), invisible characters, traditional→simplified (OpenCC), rare look-alike
   characters, emoji that stand for words or characters (a hand table, and one derived from real cloaks).
2. ``separator``: symbols and spaces inserted between CJK characters (or CJK and letters/digits), or between
   letters/digits written one by one, are removed (微-信, 微 信, 加❤v, w x, 1 3 8).
3. ``numerals``: inside runs of five or more number characters, Chinese numerals read as digits (幺三八…);
   a lone digit inside a word reads as its Chinese numeral (下3滥 → 下三滥, 0售 → 零售; not before a measure word
   or after 第: 3个, 第3 stay), and the rarer financial numerals read as the common ones (叁 → 三).
4. ``repeat``: runs of three or more identical CJK characters or Latin letters fold to one (傻傻傻逼,
   fuuuuck); ``www`` and a Latin run next to an address mark or a digit (aaa1, x.zzz) are kept.

The offset map is built lazily, only when a caller asks for a span (most texts have no hit): each stage
keeps what it needs to replay itself. Every table row keeps its provenance (`Normalizer.explain`).

Why one module: the stages and the lazy offset map are one algorithm — each stage records what the map needs
to replay it, and the map walks the stages back in order; split apart, every stage would have to export its
private replay record.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
ASTRAL_SYMBOLS = "\U0001f000-\U0001fbff"  # emoji and pictograph blocks: all symbols, all separators
ALNUM = "0-9a-z"
LAYERS = ("radical", "unicode", "invisible", "t2s", "lookalike", "emoji", "separator", "numerals", "repeat")
_LAYER_ORDER = {name: k for k, name in enumerate(LAYERS)}
TABLE_LAYERS = ("unicode", "invisible", "t2s", "lookalike", "emoji")  # in order of precedence (last wins)
# Derived tables read as part of a layer, before the layer's own table (whose hand-written rows win).
LAYER_EXTRAS = {"emoji": ("emoji_cntp",)}
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
    for cp in [*range(0x20, 0x3000), *range(0x3000, 0x3100), *range(0xFE30, 0xFE70), *range(0xFF00, 0xFFF0)]:
        c = chr(cp)
        if c in _KEEP or c.isalnum():
            continue
        cat = unicodedata.category(c)
        if cat[0] in "PSZ" or c.isspace():
            chars.append(c)
    return "".join(chars)


class _Stage:
    """One normalization step: its output, plus what it needs to map output offsets back to its input.

    A stage that changes lengths is described by its *events* — (source start, source length, output length)
    for every region it rewrote — found lazily by `finder` and searched with bisect, so mapping costs
    O(log events) and nothing at all for texts that are never asked for a span.
    """

    __slots__ = ("_events", "_finder", "_out_starts", "layer", "out", "src")

    def __init__(self, layer: str, src: str, out: str, finder: EventFinder | None,
                 events: list[tuple[int, int, int]] | None = None) -> None:
        self.layer, self.src, self.out, self._finder = layer, src, out, finder
        self._events = events
        self._out_starts: list[int] | None = None

    def _index(self) -> tuple[list[tuple[int, int, int]], list[int]]:
        if self._out_starts is not None and self._events is not None:
            return self._events, self._out_starts
        if self._events is None:
            assert self._finder is not None
            self._events = self._finder(self.src)
        if self._out_starts is None:
            delta, starts = 0, []
            for a, n_src, n_out in self._events:
                starts.append(a + delta)
                delta += n_out - n_src
            self._out_starts = starts
        return self._events, self._out_starts

    def _src_of(self, k: int) -> tuple[int, int]:
        events, starts = self._index()
        e = bisect_right(starts, k) - 1
        if e < 0:
            return k, k + 1
        a, n_src, n_out = events[e]
        if k < starts[e] + n_out:
            return a, a + n_src
        pos = a + n_src + (k - starts[e] - n_out)
        return pos, pos + 1

    def back(self, i: int, j: int) -> tuple[int, int]:
        if self._finder is None and self._events is None:
            return i, j  # 1:1 stage
        if i >= j:
            pos = self._src_of(i)[0] if i < len(self.out) else len(self.src)
            return pos, pos
        events, starts = self._index()
        # _src_of(i)[0] and _src_of(j - 1)[1], inlined: evidence maps a span per hit, on the hot path
        e = bisect_right(starts, i) - 1
        if e < 0:
            si = i
        else:
            a, n_src, n_out = events[e]
            si = a if i < starts[e] + n_out else a + n_src + i - starts[e] - n_out
        k = j - 1
        e = bisect_right(starts, k) - 1
        if e < 0:
            return si, j
        a, n_src, n_out = events[e]
        return si, (a + n_src if k < starts[e] + n_out else a + n_src + k - starts[e] - n_out + 1)


EventFinder = Callable[[str], list[tuple[int, int, int]]]


class NormalizedText:
    """The canonical form of one text field and its map back to the original."""

    __slots__ = ("_norm", "_phonetic", "_stages", "cache", "original", "text")

    def __init__(self, original: str, text: str, stages: list[_Stage], norm: Normalizer) -> None:
        self.original = original
        self.text = text
        self._stages = stages
        self._norm = norm
        self._phonetic: str | None = None
        self.cache: dict[object, object] = {}  # per-request memo for consumers (e.g. lexicon hits)

    @property
    def normalizer(self) -> Normalizer:
        """The normalizer that produced this text (its `enabled` layers say what was folded)."""
        return self._norm

    @property
    def changed(self) -> bool:
        return bool(self._stages)

    @property
    def phonetic(self) -> str:
        """The canonical text with each CJK character replaced by its sound class (1:1, same offsets)."""
        if self._phonetic is None:
            self._phonetic = self._norm.to_phonetic(self.text)
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
        return self.locate(i, j)[2]

    def may_carry(self, layer: str) -> bool:
        """False when no span of the canonical text can name `layer` among its `layers`: no stage of that layer
        ran and the fold stage read no character of it. A test of a few set operations that a caller asking
        `layers` position by position makes first (True does not say that some position carries it)."""
        for stage in self._stages:
            if stage.layer == "fold":
                if not self._norm.chars_of(layer).isdisjoint(stage.src):
                    return True
            elif stage.layer == layer:
                return True
        return False

    def locate(self, i: int, j: int) -> tuple[int, int, tuple[str, ...]]:
        """`span` and `layers` of canonical [i, j) in one walk back through the stages (evidence needs both)."""
        if not 0 <= i <= j <= len(self.text):
            raise IndexError(f"span {i}:{j} outside canonical text of length {len(self.text)}")
        if not self._stages:
            return i, j, ()
        fired: list[str] = []
        layer_of = self._norm.layer_of
        for stage in reversed(self._stages):
            si, sj = stage.back(i, j)
            if stage.layer == "fold":
                for ch in stage.src[si:sj]:
                    layer = layer_of.get(ch)
                    if layer and layer not in fired:
                        fired.append(layer)
            elif stage.layer not in fired and stage.src[si:sj] != stage.out[i:j]:
                fired.append(stage.layer)
            i, j = si, sj
        if len(fired) > 1:
            fired.sort(key=_LAYER_ORDER.__getitem__)
        return i, j, tuple(fired)

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
                for extra in LAYER_EXTRAS.get(name, ()):
                    for row in load_table(extra):
                        rows[row.source] = TableRow(row.source, row.target, name, row.provenance)
                for row in load_table(name):
                    rows[row.source] = row
        if "unicode" in self.enabled:
            # A lone UTF-16 surrogate is no character (JSON's "\ud800" escape makes one): the automata and RE2 cannot
            # encode it, so it becomes U+FFFD, one for one (offsets unchanged), instead of failing a detector.
            for cp in range(0xD800, 0xE000):
                rows[chr(cp)] = TableRow(chr(cp), "\ufffd", "unicode", "lone surrogate: not a character (U+FFFD)")
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
        self._chars_of: dict[str, frozenset[str]] = {}
        # Python's `re` is fast on BMP character classes but slow on classes with many scattered astral
        # ranges, so each class is its BMP members plus ONE astral range: a superset, made exact in Python
        # (astral characters are rare, and the table lookup leaves unknown ones unchanged).
        odd = [chr(k) for k, v in table.items() if len(v) != 1]
        self._odd_re = _bmp_class(odd, "\U00010000-\U0010ffff", "")
        self._fold_re = _bmp_class([chr(k) for k in table], "\U00010000-\U0010ffff", "+") if table else None
        self._sep_run_re = _bmp_class(_separator_chars(), ASTRAL_SYMBOLS, "+")
        self._merge = {r.source: r.target for r in load_table("radical_merge")} if "radical" in self.enabled else {}
        bound = "".join(sorted({k[0] for k in self._merge}))
        self._bound_re = re.compile(f"[{bound}]") if bound else None
        self._merge_re = re.compile(f"[{bound}][{CJK}]") if bound else None
        nums = {r.source: r.target for r in load_table("numerals")}
        self._num_table = str.maketrans(nums)
        self._num_re = re.compile("[0-9" + "".join(nums) + "]{5,}")
        # a lone digit (not one of several) or a financial numeral: `_word_num` decides by the neighbours
        # (the character first, its left neighbour checked after it: one leading character class lets `re` skip
        # ahead to the next digit or numeral instead of trying a look-behind, or two branches, at every position;
        # same matches as `[0-9](?<![^CJK][0-9])(?=[CJK])|[壹贰…]`, 3x faster)
        fin = "".join(_FINANCIAL)
        self._word_num_re = re.compile(f"[0-9{fin}](?:(?<=[{fin}])|(?<![^{CJK}][0-9])(?=[{CJK}]))")
        self._rep_re = re.compile(f"([{CJK}a-z])\\1{{2,}}")
        self._any_rep_re = re.compile(r"(.)\1\1")  # a cheap superset gate: 3x faster than the CJK class
        self._pair_re = re.compile(r"([a-z])\1")
        self._latin_run_re = re.compile(r"([a-z])\1+")
        self._separator, self._numerals, self._repeat = (n in self.enabled for n in ("separator", "numerals", "repeat"))
        self._phonetic_lock = threading.Lock()
        self._phonetic_table: dict[int, str] | None = None
        self._phonetic_array = None

    # -- the hot path -------------------------------------------------------------------------------------
    def normalize(self, text: str) -> NormalizedText:
        """Return the canonical text of `text` with its offset map; never raises on any str."""
        stages: list[_Stage] = []
        cur = text
        if self._bound_re is not None and self._bound_re.search(cur):
            merge = self._merge
            pieces, events, pos = [], [], 0
            for m in self._merge_re.finditer(cur):  # type: ignore[union-attr]
                ch = merge.get(m.group())
                if ch is not None:
                    pieces += [cur[pos:m.start()], ch]
                    events.append((m.start(), 2, 1))
                    pos = m.end()
            if events:
                pieces.append(cur[pos:])
                out = "".join(pieces)
                stages.append(_Stage("radical", cur, out, None, events))
                cur = out
        folded = False
        if self._fold_re is not None:
            out = self._fold_re.sub(self._fold_run, cur)
            if out != cur:
                odd = len(out) != len(cur) or self._odd_re.search(cur) is not None
                stages.append(_Stage("fold", cur, out, self._fold_events if odd else None))
                cur, folded = out, True
        # separator, numerals and repeat feed each other (aaa a → a a: the folded run now stands alone and its space
        # goes only on a second pass; a separator removed next to a word changes how the next one reads), so they run
        # again while a round still changes the text: the canonical text must be a fixed point
        # (normalize(normalize(x)) == normalize(x)).
        for round_ in range(4):
            n_stages = len(stages)
            if self._separator:
                events: list[tuple[int, int, int]] = []
                pieces: list[str] = []
                pos = 0
                gaps = _pinyin_gaps(cur) if _SPACED_LATIN.search(cur) else ()
                for m in self._sep_run_re.finditer(cur):
                    a, b = m.span()
                    if a == 0 or b == len(cur):
                        continue
                    left, right = cur[a - 1], cur[b]
                    left_cjk, right_cjk = _is_cjk(left), _is_cjk(right)
                    if (
                        (left_cjk and (right_cjk or _is_alnum(right)))
                        or (right_cjk and _is_alnum(left))
                        # letters spelled out one by one (w x, n·b, 1 3 8): both sides stand alone
                        or (_is_alnum(left) and _is_alnum(right) and (a < 2 or not _is_alnum(cur[a - 2]))
                            and (b + 1 >= len(cur) or not _is_alnum(cur[b + 1]))
                            and not _ADDRESS_MARKS & set(m.group()))
                        or (gaps and (a, b) in gaps)  # spaced full pinyin of a word: bai ren ban ji
                        or _cut_last_letter(cur, a, b)  # one symbol cutting a word's last letter off: al.l
                    ):
                        pieces.append(cur[pos:a])
                        events.append((a, b - a, 0))
                        pos = b
                if events:
                    pieces.append(cur[pos:])
                    out = "".join(pieces)
                    stages.append(_Stage("separator", cur, out, None, events))
                    cur = out
            if self._numerals:
                out = self._num_re.sub(self._num_run, cur) if self._num_re.search(cur) else cur
                if self._word_num_re.search(out):
                    out = self._word_num_re.sub(self._word_num, out)
                if out != cur:
                    stages.append(_Stage("numerals", cur, out, None))  # both rewrites keep lengths: a 1:1 stage
                    cur = out
            if self._repeat:
                events = self._rep_events(cur) if self._any_rep_re.search(cur) and self._rep_re.search(cur) else []
                if folded and not round_ and self._pair_re.search(cur):  # cⓒ: read against the original once
                    events = sorted(events + self._mixed_pairs(text, cur, stages))
                if events:
                    pieces, pos = [], 0
                    for a, n, _ in events:
                        pieces.append(cur[pos:a + 1])
                        pos = a + n
                    pieces.append(cur[pos:])
                    out = "".join(pieces)
                    stages.append(_Stage("repeat", cur, out, None, events))
                    cur = out
            if len(stages) == n_stages:
                break  # this round changed nothing: a fixed point
        return NormalizedText(text, cur, stages, self)

    def _fold_run(self, m: re.Match[str]) -> str:
        return m.group().translate(self.table)

    def _num_run(self, m: re.Match[str]) -> str:
        return m.group().translate(self._num_table)

    def _word_num(self, m: re.Match[str]) -> str:
        """A lone digit between CJK characters (or opening the text before one) reads as a Chinese numeral."""
        d = m.group()
        if not d.isdigit():
            return _FINANCIAL[d]
        text, a = m.string, m.start()
        if text[a + 1] in _MEASURE or (a and text[a - 1] == "第"):  # the regex saw CJK on both sides
            return d
        return _DIGIT_HAN[d]

    # -- offset maps, built only when a span is asked for ---------------------------------------------------
    def _fold_events(self, src: str) -> list[tuple[int, int, int]]:
        table = self.table
        events = []
        for m in self._odd_re.finditer(src):
            rep = table.get(ord(m.group()), m.group())
            if rep is None or len(rep) != 1:
                events.append((m.start(), 1, len(rep or "")))
        return events

    def _rep_events(self, src: str) -> list[tuple[int, int, int]]:
        out = []
        for m in self._rep_re.finditer(src):
            a, b = m.span()
            if "a" <= src[a] <= "z" and (src[a:b] == "www" or (a and src[a - 1] in _NOT_A_STUTTER)
                                         or (b < len(src) and src[b] in _NOT_A_STUTTER)):
                continue  # www点example, aaa1, x.zzz: an address or a code, not a stutter
            out.append((a, b - a, 1))
        return out

    def _mixed_pairs(self, original: str, src: str, stages: list[_Stage]) -> list[tuple[int, int, int]]:
        """Doubled Latin letters written in two different forms (cⓒ, ⓤu): a styling repeat, collapsed like a
        run of three (ⒻⒻⒻfⓤuⓤ⒰cⓒ⒦ → fuck). A double typed in one form (account, all) is spelling and stays."""
        nt = NormalizedText(original, src, list(stages), self)
        out = []
        for m in self._latin_run_re.finditer(src):
            a, b = m.span()
            if b - a != 2 or (a and src[a - 1] in _NOT_A_STUTTER) or (b < len(src) and src[b] in _NOT_A_STUTTER):
                continue
            (i1, j1), (i2, j2) = nt.span(a, a + 1), nt.span(a + 1, b)
            if original[i1:j1] != original[i2:j2]:
                out.append((a, 2, 1))
        return out

    # -- phonetic view ----------------------------------------------------------------------------------------
    @property
    def phonetic_table(self) -> dict[int, str]:
        if self._phonetic_table is None:
            with self._phonetic_lock:
                if self._phonetic_table is None:
                    from .phonetic import sound_class_table

                    self._phonetic_table = sound_class_table()
        return self._phonetic_table

    def chars_of(self, layer: str) -> frozenset[str]:
        """The characters the fold stage reads as `layer` (`layer_of`), built once per layer."""
        out = self._chars_of.get(layer)
        if out is None:
            out = self._chars_of[layer] = frozenset(k for k, v in self.layer_of.items() if v == layer and len(k) == 1)
        return out

    def to_phonetic(self, text: str) -> str:
        """Sound-class view of canonical text (numpy lookup over UTF-32: ~3x `str.translate` with a dict)."""
        if self._phonetic_array is None:
            import numpy as np

            arr = np.arange(0x110000, dtype=np.uint32)
            for cp, ch in self.phonetic_table.items():
                arr[cp] = ord(ch)
            self._phonetic_array = arr
        import numpy as np

        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        return self._phonetic_array[codes].tobytes().decode("utf-32-le")

    def explain(self, ch: str) -> TableRow | None:
        """The table row (with provenance) that folds `ch`, if any."""
        return self.rows.get(ch)


def _bmp_class(chars: Iterable[str], astral_range: str, suffix: str) -> re.Pattern[str]:
    """A character-class regex over the BMP members of `chars` plus one astral range."""
    bmp = re.escape("".join(c for c in chars if ord(c) < 0x10000))
    return re.compile(f"[{bmp}{astral_range}]{suffix}")


_ADDRESS_MARKS = frozenset("@:/")  # x@y.cn, t.me/… keep their structure
_NOT_A_STUTTER = frozenset("./@:_-#&=%0123456789")
_DIGIT_HAN = dict(zip("0123456789", "零一二三四五六七八九", strict=True))
# Financial (大写) numerals whose characters are not also ordinary words (陆 大陆, 肆 放肆, 伍 a surname stay).
_FINANCIAL = {"壹": "一", "贰": "二", "叁": "三", "柒": "七", "捌": "八", "玖": "九"}
# After a lone digit these make it an ordinary quantity (3个, 5元, 2楼): it stays a digit.
_MEASURE = frozenset("个元块毛角分秒点号年月日天周次楼层岁名位人件张条本只斤米里克度倍成折级季集期章节页"
                     "代届套台辆部首句篇遍趟下星万千百十亿亩寸尺丈吨升杯瓶碗盒袋箱两粒颗片根支把间家场局盘轮回步声码线环型款")


_SPACED_LATIN = re.compile("[a-z] +[a-z]")
_SPACES = re.compile(" +")
_LATIN_WORDS = re.compile("(?<![a-z0-9])[a-z]+(?: +[a-z]+)+(?![a-z0-9])")


def _pinyin_gaps(text: str) -> set[tuple[int, int]]:
    """The spaces inside runs of Latin words that are all pinyin (bai ren ban ji) written next to Chinese.

    A run qualifies when every word splits wholly into toneless syllables and a CJK character stands right
    before or after it (one space between allowed): 骂hei gui出门, 被bian tai sao rao 这. English (he is)
    and handles (v x, already joined as letters) do not."""
    from .phonetic import segment_pinyin

    out: set[tuple[int, int]] = set()
    for m in _LATIN_WORDS.finditer(text):
        a, b = m.span()
        before = text[a - 1] if a else ""
        if before == " " and a > 1:
            before = text[a - 2]
        after = text[b] if b < len(text) else ""
        if after == " " and b + 1 < len(text):
            after = text[b + 1]
        if not (_is_cjk(before) or _is_cjk(after)):
            continue
        words = m.group().split()
        if all(len(w) <= 12 and all(is_syl for _, is_syl in segment_pinyin(w)) for w in words):
            out.update((a + g.start(), a + g.end()) for g in _SPACES.finditer(m.group()))
    return out


def _cut_last_letter(text: str, a: int, b: int) -> bool:
    """A single symbol (not a space) between a Latin word and one letter standing alone after it (al.l,
    fuc*k): the letter belongs to the word (a space does not join: see a dog). Not after an address mark or
    inside an address (x@y.z, t.me, a.b.com keep theirs); a one-letter domain label or top-level domain does
    not exist."""
    if b - a != 1 or text[a] in _ADDRESS_MARKS or text[a].isspace():
        return False
    if b >= len(text) or not "a" <= text[b] <= "z":
        return False
    if b + 1 < len(text) and (_is_alnum(text[b + 1]) or text[b + 1] in _NOT_A_STUTTER):
        return False
    k = a
    while k and "a" <= text[k - 1] <= "z":
        k -= 1
    return a - k >= 2 and not (k and (_is_alnum(text[k - 1]) or text[k - 1] in _NOT_A_STUTTER))


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"


def _is_alnum(c: str) -> bool:
    return "a" <= c <= "z" or "0" <= c <= "9"


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
