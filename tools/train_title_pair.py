"""Train the title-pair model (`qinglang.claims.pair`, news22): does a title overstate what its body tells?

    python tools/train_title_pair.py [--out qinglang/models/data/title-pair] [--engine CACHE] [--threshold P]

Rows: every writer-set row with a non-empty title (`writer_sets.rows`: the blind holdout never). news23: the rule
branches' report half (`writer_sets.RULES_REPORT`) is joined to the training rows but never read: its rows are scored
only left out (each report set by a model fitted without it), its figures printed apart and as counts, and the model's
metadata names it (`data.not_read`); `--without-report` fits without it (the engine that counts the report half
through `tools/eval_news.py` then scores those rows with a model that never saw them). Target: the writer wanted
`clickbait`. Features: `qinglang.claims.pair.pair_view` on the canonical title and body (the default normalizer).
Model: L2 logistic regression (scikit-learn, at build time only; the engine reads numpy arrays).

Figures, printed and kept in the model's metadata: leave-one-writer-set-out (each set scored by a model trained on
every other set) precision / recall at a grid of thresholds, over every set, over the tune half (every set but the
report half: where the operating point is chosen) and over the report half (counted). With `--engine CACHE` (a
writer-set recording of the engine, `writer_sets.save`; the tier's own clickbait in it counts as unmarked), the same
out-of-set scores of the tune half read as a tier beside the engine: rows wanting clickbait the engine misses that the
tier would catch, and rows not wanting it, not yet marked clickbait, that it would mark. The shipped model is fitted
on every row; `--threshold` is its operating point.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import writer_sets  # noqa: E402

from qinglang.claims.pair import FEATURES, _hash, pair_view  # noqa: E402
from qinglang.models.files import write_pair  # noqa: E402
from qinglang.text.normalize import Normalizer  # noqa: E402

BITS = 12
C = 0.5
GRID = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9)
TIER_RULE = "claims.clickbait.title_pair"


def titled_rows(without_report: bool = False) -> list[dict[str, Any]]:
    """(group, id, title, body, want) of every titled row (the report half's only when not `without_report`),
    canonical text."""
    norm = Normalizer()
    out = []
    for group, path, r in writer_sets.rows():
        if without_report and group in writer_sets.RULES_REPORT:
            continue
        c = r["content"]
        title = (c.get("title") or "").strip()
        if not title:
            continue
        out.append({"group": group, "id": r["id"], "source": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT)
                     else path.name, "title": norm.normalize(title).text,
                     "body": norm.normalize(c.get("text") or "").text,
                     "want": "clickbait" in (r.get("expect") or {}).get("labels", [])})
    return out


def matrix(rows: list[dict[str, Any]]) -> Any:
    from scipy.sparse import csr_matrix

    data, cols, ptr = [], [], [0]
    n = len(FEATURES)
    for r in rows:
        pv = pair_view(r["title"], r["body"])
        for j, v in enumerate(pv.dense):
            if v:
                data.append(v)
                cols.append(j)
        counts: dict[int, float] = defaultdict(float)
        for k, _ in pv.hashed:
            counts[n + _hash(k, BITS)] = 1.0
        for j, v in counts.items():
            data.append(v)
            cols.append(j)
        ptr.append(len(data))
    return csr_matrix((data, cols, ptr), shape=(len(rows), n + (1 << BITS)), dtype=np.float64)


def fit(x: Any, y: np.ndarray) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=2000).fit(x, y)


def out_of_set(rows: list[dict[str, Any]], x: Any, y: np.ndarray) -> np.ndarray:
    """Each writer set scored by a model fitted on every other set (`writer_sets.out_of_set`)."""
    return writer_sets.out_of_set([r["group"] for r in rows], x, y, fit)


def grid(p: np.ndarray, y: np.ndarray) -> list[dict[str, float]]:
    out = []
    for t in GRID:
        hit = p >= t
        tp, fp, fn = int((hit & y).sum()), int((hit & ~y).sum()), int((~hit & y).sum())
        out.append({"threshold": t, "tp": tp, "fp": fp, "fn": fn, "precision": round(tp / max(tp + fp, 1), 3),
                    "recall": round(tp / max(tp + fn, 1), 3)})
    return out


def beside_engine(rows: list[dict[str, Any]], p: np.ndarray, cache: Path) -> list[dict[str, float]]:
    """The out-of-set scores as a tier beside the recorded engine (a mark where the engine has no clickbait)."""
    got = {(x["group"], x["id"]): x for x in writer_sets.load(cache)}
    out = []
    for t in GRID:
        gained = wrong = wrong_acted = 0
        for r, s in zip(rows, p, strict=True):
            d = got.get((r["group"], r["id"]))
            if d is None or s < t:
                continue
            # a recording of the engine with the shipped tier: its own clickbait counts as not marked (news23)
            has = "clickbait" in d["labels"] and d["action"] != "pass" and d["labels"]["clickbait"][1] != TIER_RULE
            if has:
                continue
            if r["want"]:
                gained += 1
            else:
                wrong += 1
                wrong_acted += d["action"] == "pass"
        out.append({"threshold": t, "gained": gained, "wrong_label": wrong, "newly_acted_innocent": wrong_acted})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "qinglang" / "models" / "data" / "title-pair")
    ap.add_argument("--engine", type=Path, help="a writer-set recording of the engine without the tier")
    ap.add_argument("--threshold", type=float, default=0.8, help="the shipped operating point")
    ap.add_argument("--dry-run", action="store_true", help="print the figures, write nothing")
    ap.add_argument("--without-report", action="store_true",
                    help="fit without the report half (`writer_sets.RULES_REPORT`): the model that counts it")
    args = ap.parse_args(argv)
    rows = titled_rows(args.without_report)
    y = np.array([r["want"] for r in rows])
    x = matrix(rows)
    oos = out_of_set(rows, x, y)
    report = np.array([r["group"] in writer_sets.RULES_REPORT for r in rows])
    figures = {"leave_one_set_out": grid(oos, y), "tune_half": grid(oos[~report], y[~report])}
    if report.any():  # counted, never read: figures of left-out scores only
        figures["report_half"] = grid(oos[report], y[report])
    if args.engine:
        tune_rows = [r for r, rep in zip(rows, report, strict=True) if not rep]
        figures["beside_engine"] = beside_engine(tune_rows, oos[~report], args.engine)
    for name, table in figures.items():
        print(name)
        for line in table:
            print("  ", line)
    if args.dry_run:
        return 0
    model = fit(x, y)
    coef = model.coef_[0].astype(np.float32)
    n = len(FEATURES)
    ids = "\n".join(sorted(f"{r['group']}/{r['id']}" for r in rows))
    arrays = {"dense": coef[:n], "table": coef[n:]}
    meta = {
        "name": "title-pair", "version": "1",
        "command": "python tools/train_title_pair.py" + (f" --threshold {args.threshold}" if args.threshold != 0.8
                                                         else "") + (" --engine CACHE" if args.engine else "")
                   + (" --without-report" if args.without_report else ""),
        "digest": "sha256:" + hashlib.sha256(b"".join(a.tobytes() for a in arrays.values())).hexdigest(),
        "features": list(FEATURES), "bits": BITS, "C": C, "bias": float(model.intercept_[0]),
        "threshold": args.threshold,
        "data": {"rows": len(rows), "clickbait": int(y.sum()), "ids_sha256": hashlib.sha256(ids.encode()).hexdigest(),
                 "sets": sorted({r["group"] for r in rows}), "sources": sorted({r["source"] for r in rows}),
                 "not_read": list(writer_sets.RULES_REPORT), "report_half_trained": bool(report.any()),
                 "holdout": "never read"},
        "figures": figures,
    }
    write_pair(args.out, meta, arrays)
    print(f"wrote {args.out}.json/.npz: {len(rows)} rows, {int(y.sum())} clickbait")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
