"""Build `qinglang/lexicon/data/common_latin.tsv`: short Latin tokens of ordinary Chinese posts (run: `make tables`).

A two- or three-letter token such as `mj`, `tg`, `nb` or `gt` is, in most posts, an abbreviation or a word of its
own, not the pinyin initials of a lexicon term (迷奸, 脱光…). Lexicons that set `initials_guard` (the bulk lists)
never read such a token as initials. "Ordinary" means the COLD **train** comments labelled safe: the dev split
is what the cloaking eval scores (docs/accuracy.md), and SWSR is kept out so that its figures stay independent.

A token counts once per comment (case-folded, a maximal run of ASCII letters after NFKC); it is listed when it
occurs in at least MIN_ROWS comments. The output is deterministic: running this twice gives identical bytes.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared")) / "data"
SOURCE = "cold/train.jsonl"
OUT = ROOT / "qinglang" / "lexicon" / "data" / "common_latin.tsv"
MIN_ROWS = 6  # about one comment in 2,000 of the 13,003 safe ones
PROVENANCE = "cold:train:safe"
_TOKEN = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,3}(?![A-Za-z])")


def count(path: Path) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    rows = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["label"] != 0:
                continue
            rows += 1
            text = unicodedata.normalize("NFKC", row["text"])
            counts.update({t.lower() for t in _TOKEN.findall(text)})
    return counts, rows


def main() -> None:
    src = SHARED / SOURCE
    if not src.exists():
        sys.exit(f"shared data not found at {src} (set QINGLANG_SHARED)")
    counts, rows = count(src)
    keep = sorted((t, n) for t, n in counts.items() if n >= MIN_ROWS)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("# Two- and three-letter Latin tokens common in ordinary Chinese posts: never read as pinyin\n"
                 "# initials by lexicons with `initials_guard` (tools/build_common_latin.py).\n"
                 f"# Source: COLD train ({SOURCE}), the {rows} comments labelled safe; a token is listed when\n"
                 f"# it occurs in at least {MIN_ROWS} of them. COLD: thu-coai/COLDataset, Apache-2.0 (see NOTICE).\n"
                 "# columns: token<TAB>comments<TAB>provenance\n")
        for t, n in keep:
            fh.write(f"{t}\t{n}\t{PROVENANCE}\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(keep)} tokens from {rows} comments", file=sys.stderr)


if __name__ == "__main__":
    main()
