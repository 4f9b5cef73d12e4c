#!/usr/bin/env python3
"""Derive `qinglang/text/data/emoji_cntp.tsv`: emoji that stand for a Chinese character, from real use in CNTP.

    QINGLANG_SHARED=../shared python tools/build_emoji_table.py [--min-count 2] [--stats]

Source: the development half of CNTP (`../shared/data/cntp/emoji.jsonl`, MIT, ToxiBenchCN), its training
sentences only (not `tools/train_models.py::cntp_is_val`, since session 6), where evaders'
emoji cloaks stand beside the sentence they cloak (`original_text`). Each row is aligned with its original
(difflib); a replaced stretch made only of emoji, with as many emoji as replaced characters, pairs them one by
one (📝👴 → 基佬: 📝 → 基, 👴 → 佬). Per emoji the most frequent character is kept when

- it was seen at least `--min-count` times and in at least 40 % of that emoji's cloakings (⌚ → 表/婊 by
  sound, 👩 → 女 by picture; 🔥 stands for 活 and 祸, both read huo, so the phonetic view still meets either), and
- the emoji stands for a character more often than it appears as itself in the clean sentences (🤔 and 😆
  decorate ordinary posts and are not read as characters).

- it is not one of the decorations wedged between the characters of a handle (薇⭐信, 加❤v: the emoji of
  `qinglang.eval.perturb`'s decoration pool and the separator stage's own): read as a character, ⭐ → 性 would
  turn 薇⭐信 into 薇性信 and lose the handle (the 引流 dev set has such rows). CNTP writes ⭐ for 性 often, and
  that cloak is left to the models.

Keycap digits (7️⃣) are left to the numerals stage (their base is an ASCII digit). The output is deterministic.
The hand-written `emoji.tsv` wins where both have a row (the normalizer loads this table first).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared")) / "data" / "cntp"
OUT = ROOT / "qinglang" / "text" / "data" / "emoji_cntp.tsv"
PROVENANCE = "cntp:emoji.jsonl(MIT)"
_MODIFIERS = {0xFE0E, 0xFE0F, 0x20E3, 0x200D} | set(range(0x1F3FB, 0x1F400))  # selectors, keycap, ZWJ, skin tones


def is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def is_emoji_base(c: str) -> bool:
    cp = ord(c)
    return cp >= 0x1F000 or (0x2000 <= cp < 0x3000 and unicodedata.category(c) == "So") or cp in (0x3297, 0x3299)


def graphemes(s: str) -> list[str] | None:
    """Emoji graphemes (base + modifiers) of `s`, or None when `s` holds anything that is not an emoji."""
    out: list[str] = []
    for c in s:
        if ord(c) in _MODIFIERS and out:
            out[-1] += c
        elif is_emoji_base(c):
            out.append(c)
        else:
            return None
    return out


def derive(rows: list[dict], base_texts: list[str], min_count: int) -> tuple[dict[str, tuple[str, int, int]], dict]:
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        a, b = r["original_text"], r["text"]
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op != "replace":
                continue
            g = graphemes(b[j1:j2])
            src = a[i1:i2]
            if g is None or len(g) != len(src) or not all(is_cjk(c) for c in src):
                continue
            for emo, ch in zip(g, src, strict=True):
                base = emo[0]
                if base.isascii():
                    continue  # keycap digits: the numerals stage reads them
                pairs[base][ch] += 1
    from qinglang.eval.perturb import _DECOR, _SEPARATORS

    decorations = {e[0] for e in (*_DECOR, *_SEPARATORS) if e}
    natural = Counter(c for t in base_texts for c in t if is_emoji_base(c))
    table: dict[str, tuple[str, int, int]] = {}
    stats = {"emoji_seen": len(pairs), "kept": 0, "too_rare": 0, "ambiguous": 0, "decorative": 0, "decoration": 0}
    for emo, cnt in sorted(pairs.items()):
        (ch, n), total = cnt.most_common(1)[0], sum(cnt.values())
        if total < min_count:
            stats["too_rare"] += 1
        elif n < 0.4 * total:
            stats["ambiguous"] += 1
        elif natural[emo] >= total:
            stats["decorative"] += 1
        elif emo in decorations:
            stats["decoration"] += 1
        else:
            table[emo] = (ch, n, total)
            stats["kept"] += 1
    return table, stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--stats", action="store_true")
    args = ap.parse_args()
    read = lambda p: [json.loads(x) for x in p.read_text("utf-8").splitlines() if x.strip()]  # noqa: E731
    sys.path.insert(0, str(ROOT / "tools"))
    from train_models import cntp_is_val

    # Training sentences only: the validation fifth (`tools/eval_cntp.py --split val`) must not teach the table.
    rows = [r for r in read(SHARED / "emoji.jsonl") if not cntp_is_val(r["sentence_id"])]
    base = [r["text"] for r in read(SHARED / "base.jsonl") if not cntp_is_val(r["sentence_id"])]
    table, stats = derive(rows, base, args.min_count)
    lines = [
        "# Emoji read as Chinese characters by sound or picture, derived from real cloaks: CNTP (ToxiBenchCN,",
        "# github.com/thomasyyyoung/ToxiBenchCN, commit b1e6922487785aec59841bfb909bf40326174373, MIT License,",
        "# (c) 2025 thomasyyyoung), development half (training sentences), emoji.jsonl aligned with original_text by",
        "# tools/build_emoji_table.py. Only the emoji->character pairs are kept (most frequent character per emoji).",
        "# columns: source<TAB>target<TAB>provenance",
    ]
    lines += [f"{emo}\t{ch}\t{PROVENANCE}" for emo, (ch, _n, _t) in table.items()]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(table)} rows {stats}")
    if args.stats:
        for emo, (ch, n, t) in sorted(table.items(), key=lambda kv: -kv[1][2]):
            print(emo, ch, n, t)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
