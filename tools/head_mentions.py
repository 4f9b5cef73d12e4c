"""Per recall head: the writer sets' hard negatives that talk about a violation (quote, report, refute, warn, teach,
ask, refuse: `writer_sets.innocence_kind`) which the head scores at or above its registry floor, and how many of them
the replayed engine acts on because of that head alone, beside the violations the head catches alone at that floor.
Issue 16 (session 21, learn21): the heads' precision on posts that *talk about* a violation.

    python tools/head_mentions.py --cache C.pkl --oof OLD1.pkl,OLD2.pkl,NEW.pkl \\
        --floors qinglang/detectors/default.yaml [--sets S25,t37,unseen20] [--kinds report,warning,...]

`--oof`: left-out heads (`train_recall_heads.py --oof`), merged in order (a later file's rows replace an earlier's):
each set must be scored by heads that never read it. Prints one JSON line per head label and half (tune / report:
`train_recall_heads.is_tune`), then the totals. Rows are counted, never printed, for a report-half set.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import writer_sets  # noqa: E402
from compare_recall_heads import floors_from  # noqa: E402
from train_recall_heads import Replay, is_tune, p_of  # noqa: E402

# The kinds of innocence that talk about a violation rather than commit it (`writer_sets.KINDS`).
TALKS_ABOUT = ("report", "warning", "quote", "negation", "refusal", "education", "question")


def kinds_by_row() -> dict[tuple[str, str], str]:
    """(writer set, row id) → the row's kind of innocence (`writer_sets.innocence_kind`)."""
    return {(g, r["id"]): writer_sets.innocence_kind(r) for g, _, r in writer_sets.rows(writer_sets.TWINS)}


def count(rows: list[dict[str, Any]], heads: dict[str, list[Any]], floors: dict[str, float], kinds: dict[Any, str],
          talks: tuple[str, ...], replay: Replay | None) -> dict[tuple[str, str], Counter]:
    """(label, half) → counts: `hard` hard negatives the head scores at its floor, `talks` those that talk about a
    violation, `talks_acted` / `hard_acted` those the engine acts on with this head alone and not without it (None
    `replay`: not replayed), `viol` violations of the label the head scores at its floor, `gained` violations the
    head alone turns to caught."""
    out: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in rows:
        sigs = [s for s in heads.get(r["id"], []) if s.label in floors and p_of(s) >= floors[s.label]]
        if not sigs or not (r["hard"] or r["violation"]):
            continue
        half = "tune" if is_tune(r["group"]) else "report"
        kind = kinds.get((r["group"], r["id"]), "other")
        for s in sigs:
            c = out[(s.label, half)]
            if r["hard"]:
                c["hard"] += 1
                c["talks"] += kind in talks
                if replay is not None:
                    acted = replay.outcome_with(r, [s])[1] and not r["base"][1]
                    c["hard_acted"] += acted
                    c["talks_acted"] += acted and kind in talks
            elif s.label in (r["expect"].get("labels") or []):
                c["viol"] += 1
                if replay is not None:
                    c["gained"] += replay.outcome_with(r, [s])[0] and not r["base"][0]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, required=True, help="the trainer's recorded rows (--cache)")
    ap.add_argument("--oof", required=True, help="left-out heads, comma-separated pickles, merged in order")
    ap.add_argument("--floors", type=Path, required=True, help="floors (registry YAML or trainer report)")
    ap.add_argument("--sets", help="only these writer sets (comma-separated)")
    ap.add_argument("--kinds", default=",".join(TALKS_ABOUT), help="the kinds of innocence counted as talking about")
    ap.add_argument("--no-replay", action="store_true", help="scores only, no engine replay")
    args = ap.parse_args(argv)
    heads: dict[str, list[Any]] = {}
    for p in args.oof.split(","):
        heads.update(pickle.loads(Path(p).read_bytes()))
    sets = {s for s in (args.sets or "").split(",") if s}
    rows = [r for r in pickle.loads(args.cache.read_bytes()) if not sets or r["group"] in sets]
    floors = floors_from(args.floors)
    replay = None if args.no_replay else Replay()
    if replay is not None:
        for r in rows:
            if (r["hard"] or r["violation"]) and any(s.label in floors and p_of(s) >= floors[s.label]
                                                     for s in heads.get(r["id"], [])):
                replay.prepare(r)
    got = count(rows, heads, floors, kinds_by_row(), tuple(k for k in args.kinds.split(",") if k), replay)
    total: dict[str, Counter] = defaultdict(Counter)
    for (label, half), c in sorted(got.items()):
        print(json.dumps({"label": label, "half": half, "floor": floors[label], **c}, ensure_ascii=False))
        total[half].update(c)
    print(json.dumps({"total": {h: dict(c) for h, c in total.items()}}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
