"""Train the source-reading model (`qinglang.claims.sourcing`, news23): is a post an unsourced current-affairs report?

    python tools/train_source_reading.py [--out qinglang/models/data/source-reading] [--veto P] [--add P] [--dry-run]

Rows: every writer-set row (`writer_sets.rows`: the blind holdout never) that touches a listed topic
(`qinglang.claims.source.topics`), except the rule branches' report half (`writer_sets.RULES_REPORT`), which is neither
read nor trained on (the engine counts it through `tools/eval_news.py`). Target: the writer wanted `source_missing`.
Features: `qinglang.claims.sourcing.source_features`, computed on the shipped engine's text stage with the claims
detector's own rumour score and cue rule. Model: L2 logistic regression (scikit-learn, at build time only).

Figures, printed and kept in the metadata, from leave-one-writer-set-out scores (each set scored by a model fitted on
every other set): the cue rule's findings dropped at each `veto` threshold (right / wrong dropped); the posts the
claims detector calls a rumour (not a calm one, no clickbait) that the model marks unsourced as well at each `add`
threshold (right / wrong added); and, measured, not used, the posts where the detector asks for a source that the rule
passed, marked at each threshold (`unfired_measured`). The operating points are chosen on these.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import writer_sets  # noqa: E402

from qinglang.claims.source import calm_claim, source_missing, topics  # noqa: E402
from qinglang.claims.sourcing import FEATURES, source_features  # noqa: E402
from qinglang.errors import InvalidContent  # noqa: E402
from qinglang.model import Content  # noqa: E402
from qinglang.models.files import write_pair  # noqa: E402
from qinglang.stages import build_views  # noqa: E402

C = 0.5
VETO = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
ADD = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9)


def without_reading(reg: dict[str, Any]) -> None:
    """A registry edit (`writer_sets.engine_with`): the claims detector without the source reading being trained."""
    for entry in reg["detectors"]:
        if entry.get("type") == "claims":
            entry.setdefault("params", {})["source_reading"] = False


def candidate_rows() -> list[dict[str, Any]]:
    """(group, id, features, want, fired, eligible) of every topical row outside the report half."""
    engine = writer_sets.engine_with(without_reading)
    claims = next(d for d in engine.detectors if d.name == "claims")
    out = []
    for group, _path, r in writer_sets.rows():
        if group in writer_sets.RULES_REPORT:
            continue
        try:
            content = Content.from_json(r["content"])
        except InvalidContent:
            continue
        views = build_views(content, engine.normalizer).views
        if not topics(views):
            continue
        rumor, _ = claims._scores(views)
        rule = source_missing(views, rumor)
        signals = claims.detect(content, views)
        labels = {s.label for s in signals}
        context = ("clickbait" if "clickbait" in labels else
                   "rumor" if "rumor" in labels and not calm_claim(rumor) else "open")
        out.append({"group": group, "id": r["id"], "x": source_features(views, rumor, rule),
                    "want": "source_missing" in ((r.get("expect") or {}).get("labels") or []),
                    "fired": "source_missing" in labels, "context": context})
    return out


def fit(x: np.ndarray, y: np.ndarray) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=4000).fit(x, y)


def figures(rows: list[dict[str, Any]], p: np.ndarray) -> dict[str, Any]:
    """The rule's findings kept per veto threshold and the rule's passes marked per add threshold (eligible rows)."""
    y = np.array([r["want"] for r in rows])
    fired = np.array([r["fired"] for r in rows])
    elig = np.array([r["context"] == "open" for r in rows])
    rumor = np.array([r["context"] == "rumor" for r in rows])
    rule = {"right": int((fired & y).sum()), "wrong": int((fired & ~y).sum()), "missed": int((~fired & y).sum())}
    veto = [{"veto": t, "right_dropped": int((fired & y & (p < t)).sum()),
             "wrong_dropped": int((fired & ~y & (p < t)).sum())} for t in VETO]
    unfired = [{"add": t, "right_added": int((~fired & elig & y & (p >= t)).sum()),
            "wrong_added": int((~fired & elig & ~y & (p >= t)).sum())} for t in ADD]
    add = [{"add": t, "right_added": int((rumor & y & (p >= t)).sum()),
            "wrong_added": int((rumor & ~y & (p >= t)).sum())} for t in ADD]
    return {"rows": len(rows), "rule": rule, "veto": veto, "add": add, "unfired_measured": unfired}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "qinglang" / "models" / "data" / "source-reading")
    ap.add_argument("--veto", type=float, default=0.2, help="a cue-rule finding read below this is dropped")
    ap.add_argument("--add", type=float, default=0.6, help="a rumour read at this or above is marked unsourced too")
    ap.add_argument("--dry-run", action="store_true", help="print the figures, write nothing")
    ap.add_argument("--rows", type=Path, help="the candidate rows' features, kept here (read when present)")
    args = ap.parse_args(argv)
    if args.rows is not None and args.rows.exists():
        rows = json.loads(args.rows.read_text("utf-8"))
    else:
        rows = candidate_rows()
        if args.rows is not None:
            args.rows.write_text(json.dumps(rows), "utf-8")
    x = np.array([r["x"] for r in rows], dtype=np.float64)
    y = np.array([r["want"] for r in rows])
    groups = np.array([r["group"] for r in rows])
    oos = writer_sets.out_of_set(groups, x, y, fit)
    figs = figures(rows, oos)
    print("rule (tune half, topical rows):", figs["rule"])
    for line in (*figs["veto"], *figs["add"], *({"unfired_measured": 1} | x for x in figs["unfired_measured"])):
        print("  ", line)
    if args.dry_run:
        return 0
    model = fit(x, y)
    w = model.coef_[0].astype(np.float32)
    ids = "\n".join(sorted(f"{r['group']}/{r['id']}" for r in rows))
    meta = {
        "name": "source-reading", "version": "1",
        "command": "python tools/train_source_reading.py"
                   + (f" --veto {args.veto}" if args.veto != 0.2 else "") + (f" --add {args.add}" if args.add != 0.6
                                                                               else ""),
        "digest": "sha256:" + hashlib.sha256(w.tobytes()).hexdigest(), "features": list(FEATURES), "C": C,
        "bias": float(model.intercept_[0]), "veto": args.veto, "add": args.add,
        "data": {"rows": len(rows), "source_missing": int(y.sum()),
                 "ids_sha256": hashlib.sha256(ids.encode()).hexdigest(), "sets": sorted(set(groups.tolist())),
                 "not_read": list(writer_sets.RULES_REPORT), "holdout": "never read"},
        "figures": {"leave_one_set_out": figs},
        "weights": {k: round(float(v), 3)
                    for k, v in sorted(zip(FEATURES, w, strict=True), key=lambda kv: -abs(kv[1]))},
    }
    write_pair(args.out, meta, {"weights": w})
    print(f"wrote {args.out}.json/.npz: {len(rows)} rows, {int(y.sum())} source_missing")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
