"""Build the normalization tables shipped in `qinglang/text/data/` (run: `make tables`).

Reads `../shared/data/lexicons/` (licensed data, see NOTICE), Python's `unicodedata` and OpenCC, and writes
TSV files with a provenance column, so every folding the engine does can be traced to its source. The output
is deterministic: running it twice gives byte-identical files.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared")) / "data" / "lexicons"
OUT = ROOT / "qinglang" / "text" / "data"

CJK_RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F)]
KEEP_PUNCT = set("，。！？；：、…—（）《》“”‘’【】")

# Latin look-alikes in other scripts (our own table, from the glyphs of common fonts).
SCRIPT_CONFUSABLES = {
    "а": "a", "в": "b", "с": "c", "е": "e", "һ": "h", "і": "i", "ј": "j", "к": "k", "м": "m", "н": "h",
    "о": "o", "р": "p", "ԛ": "q", "ѕ": "s", "т": "t", "у": "y", "х": "x", "ԝ": "w", "ь": "b", "ɡ": "g",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ℓ": "l", "ı": "i", "ȷ": "j", "ß": "ss", "ø": "o", "đ": "d",
    "ł": "l", "ħ": "h",
}


# Look-alike characters used in evasion whose best data match is a different common character.
EVASION_OVERRIDES = {"徾": "微", "徫": "微", "嶶": "微", "溦": "微"}  # 溦: drain16, 资源在溦❤ id
# Radical forms that are written only inside a character, never as one (亻, 氵…): a pair of such a form and a
# character is a split character (微亻言 is 微信), so the normalizer may put it back together.
BOUND_FORMS = "亻氵扌忄犭纟讠钅饣礻衤阝冫刂辶廴艹疒罒灬彳丬"


STROKES = set("一丨丿丶乛乙亅乚乀㇀㇁㇂㇃㇄㇅㇆㇇㇈㇉㇊㇋㇌㇍㇎㇏")


def in_cjk(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in CJK_RANGES)


def unicode_table() -> dict[str, tuple[str, str]]:
    """NFKC + lowercase + what NFKC misses (negative circled digits, squared letters, diacritics)."""
    out: dict[str, tuple[str, str]] = {}
    for cp in range(0x80, 0x110000):
        c = chr(cp)
        cat = unicodedata.category(c)
        if cat in ("Cs", "Co", "Cn") or c in KEEP_PUNCT:
            continue
        n = unicodedata.normalize("NFKC", c)
        src = "unicode:nfkc"
        # Other numbers (③, ⑶) and the Roman numerals (Ⅲ, ⅲ: letter numbers) read as their value, so that
        # 下Ⅲ滥 meets 下3滥 / 下三滥 (the numerals stage reads a lone digit inside a word as a Chinese numeral).
        if cat == "No" or 0x2160 <= cp <= 0x2188:
            try:
                val = unicodedata.numeric(c)
            except ValueError:
                val = -1
            if val == int(val) and 0 <= val <= 50:
                n, src = str(int(val)), "unicode:numeric"
        name = unicodedata.name(c, "")
        if n == c and " LETTER " in name and cat in ("So", "Sk", "Lo") and "LATIN" in name:
            last = name.rsplit(" ", 1)[-1]
            if len(last) == 1 and last.isalpha():
                n, src = last, "unicode:name"
        if n == c and cat.startswith("L") and "LATIN" in name:
            base = "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch))
            if base != c and base.isascii():
                n, src = base, "unicode:diacritic"
        if c in SCRIPT_CONFUSABLES:
            n, src = SCRIPT_CONFUSABLES[c], "qinglang:script_confusables"
        n = n.lower()
        if n == c:
            continue
        # Enclosed forms like ⑴ / ⒈ / ⒜ fold to the bare character, not its brackets.
        core = "".join(ch for ch in n if ch.isalnum())
        if core and core != n and len(n) <= 5:
            n = core
        if not n or len(n) > 4 or " " in n or any(unicodedata.category(ch) == "Mn" for ch in n):
            continue
        out[c] = (n, src)
    for cp in range(ord("A"), ord("Z") + 1):
        out[chr(cp)] = (chr(cp).lower(), "unicode:lower")
    return out


def invisible_table() -> list[tuple[str, str, str]]:
    """Characters that render as nothing (format controls, variation selectors, combining marks, tags)."""
    rows = []
    for cp in range(0x110000):
        c = chr(cp)
        cat = unicodedata.category(c)
        if cat in ("Cf", "Mn", "Me") or (cat == "Cc" and c not in "\t\n\r"):
            rows.append((c, "", f"unicode:category_{cat}"))
    return rows


def t2s_table() -> dict[str, tuple[str, str]]:
    import opencc

    conv = opencc.OpenCC("t2s")
    out = {}
    for lo, hi in CJK_RANGES[:2]:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            s = conv.convert(c)
            if s != c and len(s) == 1:
                out[c] = (s, "opencc:t2s")
    return out


def lookalike_table() -> dict[str, tuple[str, str]]:
    """Rare characters that imitate a common one fold to it; common characters are never touched."""
    freq = json.loads((SHARED / "char_similar" / "char_frequency.json").read_text("utf-8"))
    similar = json.loads((SHARED / "char_similar" / "most_similar_level1.json").read_text("utf-8"))
    confused = json.loads((SHARED / "confused_chinese" / "confused_chinese.json").read_text("utf-8"))
    common = set((SHARED / "confused_chinese" / "chinese_3500.txt").read_text("utf-8").strip()) | set(similar)
    best: dict[str, tuple[float, str, str]] = {}

    def offer(rare: str, target: str, rank: float, src: str) -> None:
        if rare in common or rare == target or not in_cjk(ord(rare)) or freq.get(rare, 0) > 9.0:
            return
        if rare not in best or rank < best[rare][0]:
            best[rare] = (rank, target, src)

    for target, chars in sorted(similar.items()):
        for rank, rare in enumerate(chars[:8]):
            offer(rare, target, rank, "char_similar:most_similar_level1")
    for target, row in sorted(confused.items()):
        for item in row.get("similar_font_chars", []):
            if item.get("similarity", 0) >= 0.95:
                offer(item["char"], target, (1 - item["similarity"]) * 10, "confused_chinese:similar_font")
    out = {rare: (target, src) for rare, (_, target, src) in sorted(best.items())}
    # Evasion spellings seen in the wild that the similarity data ranks under another character.
    for rare, target in EVASION_OVERRIDES.items():
        out[rare] = (target, "qinglang:evasion_overrides")
    return out


def split_table() -> list[tuple[str, str, str]]:
    """Each character's component sequences (拆字), for lexicon-side expansion of split writing."""
    rows = []
    for line in (SHARED / "chaizi_kfcd" / "chaizi-jt.txt").read_text("utf-8").splitlines():
        parts = line.split("\t")
        # Upstream writes characters it cannot encode as □ or private-use code points (丰\uf7ee for 表): skip them.
        if len(parts) < 2 or len(parts[0]) != 1 or not _ideograph(parts[0]):
            continue
        for dec in parts[1:]:
            comps = dec.split()
            # Evaders write characters as their readable parts (女昌, 弓长, 亻尔), not as strokes (𠃊一丿).
            if 2 <= len(comps) <= 3 and all(len(x) == 1 and ord(x) < 0x10000 and x not in STROKES and _ideograph(x)
                                            for x in comps):
                rows.append((parts[0], "".join(comps), "chaizi_kfcd:jt"))
    return rows


def merge_table(split_rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Bound radical form + component → the character they write (亻言 → 信), the most frequent on a tie."""
    freq = json.loads((SHARED / "char_similar" / "char_frequency.json").read_text("utf-8"))
    best: dict[str, tuple[float, str]] = {}
    for char, comps, _ in split_rows:
        if len(comps) == 2 and comps[0] in BOUND_FORMS and comps[1] not in BOUND_FORMS:
            f = float(freq.get(char, 0))
            if comps not in best or (f, char) > best[comps]:
                best[comps] = (f, char)
    return [(comps, char, "chaizi_kfcd:jt") for comps, (_, char) in sorted(best.items())]


def _ideograph(c: str) -> bool:
    """A character or radical writers can type: CJK ideographs and radicals, not □ or private-use glyphs."""
    return unicodedata.name(c, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "CJK RADICAL",
                                               "KANGXI RADICAL"))


def write(name: str, rows: list[tuple[str, str, str]], header: str) -> None:
    path = OUT / name
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# {header}\n# columns: source<TAB>target<TAB>provenance\n")
        for src, dst, prov in rows:
            fh.write(f"{_esc(src)}\t{_esc(dst)}\t{prov}\n")
    print(f"wrote {path.relative_to(ROOT)}: {len(rows)} rows", file=sys.stderr)


def _esc(s: str) -> str:
    return s.encode("unicode_escape").decode("ascii") if not s.isprintable() or "\t" in s or "\\" in s else s


def main() -> None:
    if not SHARED.exists():
        sys.exit(f"shared data not found at {SHARED} (set QINGLANG_SHARED)")
    OUT.mkdir(parents=True, exist_ok=True)
    uni = unicode_table()
    write("unicode.tsv", [(k, v, p) for k, (v, p) in sorted(uni.items())],
          "Unicode folding: NFKC, case, enclosed/negative digits and letters, diacritics, script confusables")
    write("invisible.tsv", invisible_table(), "Invisible characters removed before matching")
    write("t2s.tsv", [(k, v, p) for k, (v, p) in sorted(t2s_table().items())],
          "Traditional to simplified, character level, from OpenCC t2s (Apache-2.0)")
    write("lookalike.tsv", [(k, v, p) for k, (v, p) in sorted(lookalike_table().items())],
          "Rare look-alike characters folded to the common character they imitate")
    split = split_table()
    write("split.tsv", split, "Character decompositions (拆字), CC BY 3.0 kfcd/chaizi")
    write("radical_merge.tsv", merge_table(split),
          "A bound radical form and a component written apart, read as their character (亻言 → 信), "
          "CC BY 3.0 kfcd/chaizi")


if __name__ == "__main__":
    main()
