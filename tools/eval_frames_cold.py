"""How often the shipped intent frames act on real comments, split by COLD's offensive / non-offensive labels.

COLD (shared/data/cold, Apache-2.0) holds Weibo/Zhihu comments labelled offensive or not by its annotators; nobody
on this project wrote them. Every row is moderated as a `comment`; a row counts for a frame rule when the decision
acts (action other than `pass`) and one of its labels came from that rule. For the language-misuse frames this is a
precision check on real text (how many acted-on comments COLD calls offensive) and a false-positive rate on
ordinary comments; COLD has no 同城, news, grooming or AI-content posts, so for those frames it only shows that they
stay quiet on ordinary talk.

    python tools/eval_frames_cold.py [--split dev] [--prefix frame.language_misuse] [--examples 20]
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

SHARED = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared")) / "data"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "train"], default="dev")
    ap.add_argument("--prefix", default="frame.", help="count rules starting with this (default: every frame)")
    ap.add_argument("--examples", type=int, default=0, help="print this many non-offensive rows acted on")
    args = ap.parse_args()
    path = SHARED / "cold" / f"{args.split}.jsonl"
    if not path.exists():
        print(f"COLD not found at {path} (set QINGLANG_SHARED)", file=sys.stderr)
        return 2
    engine = Engine()
    rows: Counter = Counter()
    fired: dict[int, Counter] = {0: Counter(), 1: Counter()}
    any_fired: Counter = Counter()
    shown = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            y = int(r["label"])
            rows[y] += 1
            d = engine.moderate({"id": r["id"], "text": r["text"], "surface": "comment", "kind": "comment"})
            if d.action == "pass":
                continue
            rules = {lr.rule for lr in d.labels if lr.rule and lr.rule.startswith(args.prefix)}
            fired[y].update(rules)
            any_fired[y] += bool(rules)
            if rules and y == 0 and shown < args.examples:
                shown += 1
                print("non-offensive acted on:", sorted(rules), r["text"][:80])
    print(f"COLD {args.split}: {rows[1]} offensive, {rows[0]} non-offensive rows; rules starting {args.prefix!r}")
    print("| rule | acted on, offensive | acted on, non-offensive |")
    print("|---|---|---|")
    for rule in sorted(set(fired[0]) | set(fired[1])):
        print(f"| `{rule}` | {fired[1][rule]} | {fired[0][rule]} |")
    tot = any_fired[0] + any_fired[1]
    prec = any_fired[1] / tot if tot else 0.0
    print(f"| any | {any_fired[1]} | {any_fired[0]} |")
    print(f"\nshare offensive among rows acted on: {prec:.2f}; non-offensive rows acted on: "
          f"{any_fired[0]}/{rows[0]} ({100 * any_fired[0] / max(1, rows[0]):.2f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
