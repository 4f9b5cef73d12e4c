"""How often the room's host/guest cue families fire on ordinary Chinese text (issue 20, precision).

    QINGLANG_SHARED=../shared PYTHONPATH=. python tools/live_cue_rates.py [--rev GIT_REV] [--show 8]

Runs every weighted family (host, guest and viewer moves; not the corroborating ones) of
`qinglang/live/cues.yaml` (or the table at `--rev`, for a before/after comparison) over the COLD comments
annotated non-offensive (`$QINGLANG_SHARED/data/cold/train.jsonl`, label 0): real people's words that nobody
wrote next to the rules. A family that fires on everyday words ("身材", "不够", "回血") adds room score in every
innocent room where someone says them. Reports, per family, the comments matched per 1,000 and the most
frequent matched strings, and the weighted sum per 1,000 comments (the room score ordinary speech would add).
COLD is social-media comments, not livestream speech: it shows everyday-word hits, not the rate in a real room.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.live.cues import load_cues, parse_cues  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rev", help="score the cue table of this git revision instead of the working tree's")
    ap.add_argument("--show", type=int, default=6, help="most frequent matched strings shown per family")
    args = ap.parse_args(argv)
    shared = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared"))
    path = shared / "data/cold/train.jsonl"
    texts = [r["text"] for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r["label"] == 0]
    if args.rev:
        yaml_text = subprocess.run(["git", "show", f"{args.rev}:qinglang/live/cues.yaml"], cwd=ROOT, check=True,
                                   capture_output=True, text=True).stdout
        cues = parse_cues(yaml_text)
    else:
        cues = load_cues()
    total = 0.0
    print(f"{len(texts)} COLD non-offensive comments; cue table {args.rev or 'working tree'}")
    print("| family | roles | weight | comments matched per 1,000 | most frequent matches |\n|---|---|---|---|---|")
    for fam in cues.families:
        if fam.pattern is None or fam.corroborates or not fam.weight:
            continue
        found = [m.group(0) for t in texts if (m := fam.pattern.search(t))]
        total += len(found) * fam.weight
        if found:
            top = ", ".join(f"{s} {n}" for s, n in collections.Counter(found).most_common(args.show))
            roles = "/".join(sorted(fam.roles))
            print(f"| {fam.name} | {roles} | {fam.weight} | {1000 * len(found) / len(texts):.1f} | {top} |")
    print(f"\nweighted family hits per 1,000 comments: {1000 * total / len(texts):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
