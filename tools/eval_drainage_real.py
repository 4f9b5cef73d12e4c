#!/usr/bin/env python3
"""How often 引流 / gambling / porn act on real comments nobody here wrote (issue 16 precision check).

    PYTHONPATH=. python tools/eval_drainage_real.py [--sets cold-dev] [--examples 10]

Sets (QINGLANG_SHARED or ../shared, data/…): `cold-dev` (COLD dev, 6,431 Weibo/Zhihu comments labelled offensive
or not), `cold-train` (25,726), `swsr` (7,175 Weibo comments on gender). None of them holds 引流, gambling ads or
porn diversion, so every comment that gets one of those labels acted on (a policy rule fired and the action is
stricter than `label`, as tools/eval_campaign_blind.py counts it) is a false positive, whatever COLD's own label.
Prints per set and COLD label the count and rate per label and for any of the three, and the rules behind them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from eval_campaign_blind import predicted_labels  # noqa: E402

from qinglang.engine import Engine  # noqa: E402

SHARED = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared")) / "data"
SETS = {"cold-dev": "cold/dev.jsonl", "cold-train": "cold/train.jsonl", "swsr": "swsr/train.jsonl"}
LABELS = ("drainage", "gambling", "porn")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", choices=sorted(SETS), default=["cold-dev"])
    ap.add_argument("--examples", type=int, default=0, help="print up to N acted-on comments with their rules")
    args = ap.parse_args(argv)
    engine = Engine()
    for name in args.sets:
        rows = [json.loads(line) for line in (SHARED / SETS[name]).read_text("utf-8").splitlines() if line.strip()]
        n: Counter = Counter()
        acted: Counter = Counter()
        rules: Counter = Counter()
        shown = 0
        for row in rows:
            y = row.get("label", 0)
            n[y] += 1
            d = engine.moderate({"id": row["id"], "text": row["text"], "kind": "comment", "surface": "comment",
                                 "created_at": "2024-06-01T10:00:00+08:00"})
            got = predicted_labels(d) & set(LABELS)
            if not got:
                continue
            acted[(y, "any")] += 1
            for lab in got:
                acted[(y, lab)] += 1
            why = sorted({ev.rule.rsplit(".", 1)[0] if ev.rule.startswith("frame.") else ev.rule
                          for lr in d.labels if lr.label in got for ev in lr.evidence})
            rules.update(why)
            if shown < args.examples:
                shown += 1
                print(f"  {sorted(got)} {why}: {row['text'][:80]!r}")
        print(f"\n{name}: {len(rows)} comments")
        print("| COLD/SWSR label | rows | " + " | ".join(LABELS) + " | any of them |")
        print("|---|---|" + "---|" * (len(LABELS) + 1))
        for y in sorted(n):
            cells = [f"{acted[(y, lab)]} ({acted[(y, lab)] / n[y]:.2%})" for lab in (*LABELS, "any")]
            print(f"| {y} | {n[y]} | " + " | ".join(cells) + " |")
        print("rules:", ", ".join(f"{r} {c}" for r, c in rules.most_common(12)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
