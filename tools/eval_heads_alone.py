"""Each campaign head alone, at its floor, on rows it may never have read: what it catches and which innocent rows it
hits, per label. The engine's own figures (heads on vs off) are `tools/eval_campaign_blind.py` and
`tools/eval_unseen.py`; this one separates the heads, so that two generations of heads can be compared on the same
rows, e.g. the shipped heads against a retrain in another folder:

    python tools/eval_heads_alone.py tests/data/blind/unseen4/*.jsonl                       # shipped heads
    python tools/eval_heads_alone.py --models /tmp/m tests/data/blind/unseen4/*.jsonl       # heads in /tmp/m
    python tools/eval_heads_alone.py --floors registry tests/data/blind/unseen3/*.jsonl     # the registry's floors

A head fires on a row when the `model` detector built from that head alone (the registry's min_score and min_han,
the head's floor) gives the row's title or text a signal of its label, as in the engine. Per label: positives of the
label, caught, innocent rows hit (rows with no label at all: hard negatives and ordinary posts), rows of other
labels hit. Holdout rows are refused unless `--holdout` is given (they are scored two or three times a session).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.detectors import Views, default_registry_path  # noqa: E402
from qinglang.errors import InvalidContent  # noqa: E402
from qinglang.model import Content  # noqa: E402
from qinglang.models.detector import ModelDetector  # noqa: E402
from qinglang.models.linear import LinearModel  # noqa: E402
from qinglang.text.normalize import default_normalizer  # noqa: E402


def heads_params() -> dict[str, Any]:
    spec = yaml.safe_load(default_registry_path().read_text("utf-8"))
    return next(d for d in spec["detectors"] if d["name"] == "model")["params"]["heads"]


def load_heads(folder: Path | None, names: list[str]) -> list[LinearModel]:
    if folder is None:
        return [LinearModel.shipped(n) for n in names]
    return [LinearModel.load(folder / n) for n in names if (folder / f"{n}.npz").exists()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--models", type=Path, default=None, help="folder of campaign-*.npz/json (default: shipped)")
    ap.add_argument("--labels", default="", help="comma-separated labels (default: the registry's heads, or every "
                                                  "head in --models)")
    ap.add_argument("--floors", choices=["trained", "registry"], default="trained",
                    help="each head's leave-one-set-out floor from its metadata, or the registry's label_min")
    ap.add_argument("--holdout", action="store_true", help="also score `holdout` rows (refused by default)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    params = heads_params()
    if args.labels:
        names = [f"campaign-{x}" for x in args.labels.split(",") if x]
    elif args.models is not None:
        names = sorted(p.stem for p in args.models.glob("campaign-*.npz"))
    else:
        names = list(params["models"])
    heads = load_heads(args.models, names)
    floors: dict[str, float] = {}
    for m in heads:
        label = m.meta["labels"][0]
        chosen = (m.meta.get("cross_writer") or {}).get("chosen")
        floor = params["label_min"].get(label) if args.floors == "registry" else (chosen or {}).get("floor")
        floors[label] = float(floor if floor is not None else 1.01)  # no floor: the head would not ship
    rows: list[dict[str, Any]] = []
    for path in args.files:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if "content" not in row or (row.get("split") == "holdout" and not args.holdout):
                    continue  # live rooms (messages, not a content) and, unless asked, holdout rows
                rows.append(row)
    norm = default_normalizer()
    detectors = {m.meta["labels"][0]: ModelDetector([m], min_score=params["min_score"], label_min=floors,
                                                    min_han=params["min_han"], name="heads") for m in heads}
    stats: dict[str, Counter[str]] = {label: Counter() for label in detectors}
    hits: dict[str, list[str]] = {label: [] for label in detectors}
    for row in rows:
        try:
            content = Content.from_json(row["content"])
        except InvalidContent:  # a writer's row with a malformed metadata field: the heads read its text only
            c = row["content"]
            content = Content(id=str(row.get("id")), title=c.get("title"), text=c.get("text") or "")
        views = Views.build(content, norm)
        labels = set((row.get("expect") or {}).get("labels") or [])
        for label, det in detectors.items():
            fired = any(s.label == label for s in det.detect(content, views))
            st = stats[label]
            st["positives"] += label in labels
            if not fired:
                continue
            if label in labels:
                st["caught"] += 1
            elif not labels:
                st["innocent_hit"] += 1
                hits[label].append(str(row.get("id")))
            else:
                st["other_hit"] += 1
    innocent = sum(1 for r in rows if not (r.get("expect") or {}).get("labels"))
    print(f"{len(rows)} rows ({innocent} innocent) from {len(args.files)} files; heads: "
          + ("shipped" if args.models is None else str(args.models)) + f", floors: {args.floors}")
    print("| head | floor | positives | caught | innocent hit | other labels hit |")
    print("|---|---|---|---|---|---|")
    tot: Counter[str] = Counter()
    for label in sorted(stats):
        st = stats[label]
        tot.update(st)
        print(f"| {label} | {floors[label]:.2f} | {st['positives']} | {st['caught']} | {st['innocent_hit']} | "
              f"{st['other_hit']} |")
    print(f"| all | | {tot['positives']} | {tot['caught']} | {tot['innocent_hit']} | {tot['other_hit']} |")
    if args.json:
        args.json.write_text(json.dumps({"floors": floors, "stats": stats, "innocent_hits": hits},
                                        ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
