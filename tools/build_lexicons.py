"""Derive the shipped third-party lexicon folders from `../shared/data/lexicons/` (run: `make tables`).

Each output folder keeps the upstream license text and a PROVENANCE file; terms are NFKC-normalized,
stripped and de-duplicated in first-seen order, so the build is deterministic.
"""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared")) / "data"
OUT = ROOT / "qinglang" / "lexicons"

KONSHENG = "konsheng/Sensitive-lexicon, commit 5a8da94c61c160e203a6b2fcfafbea642404d50c, MIT (c) 2024 Konsheng"

FOLDERS = {
    "porn": {
        "files": [f"lexicons/konsheng_sensitive_lexicon/{n}.txt" for n in ("色情词库", "色情类型")],
        "license": "lexicons/konsheng_sensitive_lexicon/LICENSE.txt",
        "source": KONSHENG,
        # Everyday or medical words the upstream list carries: they flag job ads and health posts, not porn.
        "drop": ["兼职", "激情", "刺激", "按摩", "屁股", "高潮", "无耻", "白嫩", "精子", "乳房", "阴道", "少妇",
                 "写真"],
        "manifest": "name: porn\nlabel: porn\nscore: 0.5\nmatch: [exact, split, homophone, pinyin, initials]\n"
                    "# Two- and three-letter initials (tw, gd, mj…) must read as initials: lowercase, standing alone,\n"
                    "# not a token ordinary posts use (qinglang/lexicon/data/common_latin.tsv).\n"
                    "initials_min: 2\ninitials_guard: 3\n"
                    "# Crowd-sourced and noisy (upstream says so): recall-oriented, scored below review level.\n",
    },
    "prohibited_goods": {
        "files": ["lexicons/konsheng_sensitive_lexicon/涉枪涉爆.txt"],
        "license": "lexicons/konsheng_sensitive_lexicon/LICENSE.txt",
        "source": KONSHENG,
        "manifest": "name: prohibited_goods\nlabel: prohibited_goods\nseverity: medium\n"
                    "match: [exact, split, homophone, pinyin]\n",
    },
}
MIN_LEN = 2
MIT = """MIT License

Copyright (c) {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def main() -> None:
    if not SHARED.exists():
        sys.exit(f"shared data not found at {SHARED} (set QINGLANG_SHARED)")
    for name, spec in FOLDERS.items():
        folder = OUT / name
        folder.mkdir(parents=True, exist_ok=True)
        seen: dict[str, None] = {}
        dropped = set(spec.get("drop", []))
        for rel in spec["files"]:
            for line in (SHARED / rel).read_text("utf-8").splitlines():
                term = unicodedata.normalize("NFKC", line).strip()
                if len(term) >= MIN_LEN and "\t" not in term and not term.startswith("#") and term not in dropped:
                    seen.setdefault(term)
        (folder / "terms.txt").write_text("".join(f"{t}\n" for t in seen), "utf-8")
        (folder / "lexicon.yaml").write_text(spec["manifest"] + "files:\n  - {path: terms.txt}\n", "utf-8")
        prov = (f"source: {spec['source']}\nfiles: {', '.join(spec['files'])}\n"
                f"transformation: NFKC, stripped, de-duplicated, terms shorter than {MIN_LEN} characters dropped"
                + (f", {len(spec['drop'])} everyday/medical words dropped" if spec.get("drop") else "")
                + " (tools/build_lexicons.py)\nlicense: MIT (see LICENSE)\n")
        (folder / "PROVENANCE").write_text(prov, "utf-8")
        if spec["license"]:
            shutil.copyfile(SHARED / spec["license"], folder / "LICENSE")
        else:
            (folder / "LICENSE").write_text(MIT.format(holder="2022 Aiqi Jiang"), "utf-8")
        print(f"{folder.relative_to(ROOT)}: {len(seen)} terms", file=sys.stderr)


if __name__ == "__main__":
    main()
