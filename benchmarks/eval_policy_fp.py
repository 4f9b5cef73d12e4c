"""False-positive check of the campaign detectors and lexicons on real comments: COLD dev (Zhihu/Weibo
comments on race, gender and region; ../shared/data/cold). Reports, for the safe (label 0) and offensive
(label 1) rows, the share that each NEW label fires on and the share whose action is stricter than `pass` in
the feed — by labels from this area only, so the numbers are not mixed with other detectors' work.

    python benchmarks/eval_policy_fp.py [--limit 3220] [--detectors REGISTRY.yaml]
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

from qinglang.engine import Engine  # noqa: E402

OURS = {"source_missing", "unlicensed_news", "enterprise_smear", "extortion", "false_ad", "staged", "vulgar",
        "language_misuse", "wealth_flaunt", "fan_frenzy", "false_science", "minors_harm", "bullying", "grooming",
        "clickbait", "rumor", "water_army"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=100000)
    ap.add_argument("--detectors", type=Path, default=None, help="detector registry YAML (default: shipped)")
    args = ap.parse_args()
    path = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared")) / "data" / "cold" / "dev.jsonl"
    engine = Engine.from_config(detectors=args.detectors) if args.detectors else Engine()
    stats = {0: Counter(), 1: Counter()}
    n = Counter()
    examples: dict[str, list[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        y = row["label"]
        if n[y] >= args.limit:
            continue
        n[y] += 1
        d = engine.moderate({"id": row["id"], "text": row["text"], "created_at": "2024-06-01T10:00:00+08:00"})
        ours = [lab for lab in d.labels if lab.label in OURS]
        for lab in {x.label for x in ours}:
            stats[y][lab] += 1
            if y == 0:
                examples.setdefault(lab, []).append(row["text"][:60])
        if ours and d.action != "pass" and any(lab.policy_rule for lab in ours):
            stats[y]["_acted"] += 1
    for y in (0, 1):
        name = "safe" if y == 0 else "offensive"
        print(f"{name}: {n[y]} rows; any new label acted (non-pass): {stats[y]['_acted'] / n[y]:.2%}")
        for lab, c in stats[y].most_common():
            if lab != "_acted":
                print(f"   {lab:18s} {c:5d}  {c / n[y]:.2%}")
    for lab, ex in examples.items():
        print(f"safe examples for {lab}: {ex[:3]}")


if __name__ == "__main__":
    main()
