#!/usr/bin/env python3
"""Would a learned head name the goods of a caught 引流 post? Purpose-label heads measured writer set by writer set,
leave-one-set-out (issue 16, task 3; session 14, drain14). A measurement: nothing is written or shipped.

    QINGLANG_SHARED=/work/shared PYTHONPATH=. python tools/train_purpose_labels.py [--labels porn gambling] [--json OUT]

A 引流 post caught without the label of what it leads to (porn, gambling, water_army) is half a decision. The
contact detector's lure words name the goods when the writer used one of them; a head would name them from the rest
of the post when no lure label stands beside the caught contact. Session 14 measured the porn head: on the rows it
could change it added 0 right labels for 1–26 wrong ones on the tune half (docs/accuracy.md §19.5 drain14), so no
head runs in the engine; the lure words were widened instead.

Rows: every writer set's 引流 violations (expected labels include `drainage`; `writer_sets`: corpus writers, blind
A–E `dev`, unseen…unseen9, twin pairs S1–S8; the blind `holdout` rows are never read). Target per head: the label is
among the row's expected labels. Text: `label_text` (the post's text fields unmasked, digits → 0, Latin → a).
Model per head: the purpose model's form (L2 logistic regression, balanced, over presence of hashed char 1–4-grams).

Halves. Tune: the sets named in `TUNE` (read for the session's rules, or written for 引流: unseen5–unseen9, blind E,
S5, corpus t1–t9). Report: every other set — figures only. Each row's p comes from the head fitted without its set.
Operating point per head (tune half): among the rows the engine catches as 引流 without that label (the rows a head
can change), the lowest `at` in `AT_GRID` whose added labels are right ≥ `MIN_PRECISION` of the time.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import writer_sets  # noqa: E402
from train_purpose import SEED, auc, matrix  # noqa: E402

from qinglang.detectors.base import Views  # noqa: E402
from qinglang.engine import Engine  # noqa: E402
from qinglang.errors import InvalidContent  # noqa: E402
from qinglang.model import Content  # noqa: E402
from qinglang.models.purpose import LURE_LABELS  # noqa: E402
from qinglang.models.stance import frame_text  # noqa: E402

PURPOSE_LABELS = ("porn", "gambling", "water_army")
C_GRID = (0.5, 2.0, 8.0)
AT_GRID = (0.5, 0.6, 0.7, 0.8, 0.9)
MIN_PRECISION = 0.85
TUNE = frozenset({"unseen5", "unseen6", "unseen7", "unseen8", "unseen9", "blindE", "S5", "t1", "t2", "t3", "t8",
                  "t9"})


def label_text(content: Content, views: Views) -> str:
    """What a head reads: the item's text fields (not media payloads), unmasked — the goods are named by the words
    around the contact, and the contact's own spelling is folded away (digits → 0, Latin → a)."""
    return frame_text((nt.original, ()) for name, nt in views.fields.items() if "media" not in name)


def load_rows(engine: Any) -> list[dict[str, Any]]:
    """The 引流 violations of every writer set, with the engine's decision (caught as 引流, labels acted on)."""
    out = []
    for group, path, r in writer_sets.rows():
        exp = r.get("expect") or {}
        if not exp.get("violation") or "drainage" not in (exp.get("labels") or []):
            continue
        try:
            content = Content.from_json(r["content"])
            d = engine.moderate(content)
        except InvalidContent:
            continue
        got = {lr.label for lr in d.labels if lr.policy_rule} if d.action != "pass" else set()
        lure = any(lr.label in LURE_LABELS and lr.score >= 0.35 for lr in d.labels)
        out.append({"group": group, "file": path.stem, "id": r["id"], "want": set(exp["labels"]),
                    "caught": "drainage" in got, "got": got, "lure": lure,
                    "text": label_text(content, Views.build(content, engine.normalizer))})
    return out


def fit(x: Any, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=SEED)
    clf.fit(x, y)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def leave_one_out(rows: list[dict[str, Any]], x: Any, label: str, c: float) -> None:
    """Each row's p from the head fitted on every other writer set (the rows' matrix `x`, computed once)."""
    y = np.array([int(label in r["want"]) for r in rows])
    groups = np.array([r["group"] for r in rows])
    for g in sorted(set(groups)):
        out = groups == g
        w, b = fit(x[~out], y[~out], c)
        z = x[out] @ w + b
        for r, zi in zip([r for r, o in zip(rows, out, strict=True) if o], z, strict=True):
            r.setdefault("p", {})[label] = float(1.0 / (1.0 + np.exp(-zi)))


def additions(rows: list[dict[str, Any]], label: str, at: float) -> Counter:
    """What the head adds at `at` on the rows it can change (caught as 引流, no lure label, not already labelled)."""
    c: Counter = Counter()
    for r in rows:
        want = label in r["want"]
        c["want"] += want
        c["had"] += want and label in r["got"]
        if not r["caught"] or r["lure"] or label in r["got"]:
            continue
        if r["p"][label] >= at:
            c["right" if want else "wrong"] += 1
    return c


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", nargs="*", default=list(PURPOSE_LABELS), choices=PURPOSE_LABELS)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    engine = Engine()
    rows = load_rows(engine)
    print(f"{len(rows)} 引流 violations over {len({r['group'] for r in rows})} writer sets; "
          + ", ".join(f"{lab} {sum(lab in r['want'] for r in rows)}" for lab in PURPOSE_LABELS))
    results: dict[str, Any] = {"heads": {}}
    x = matrix([r["text"] for r in rows])
    tune = [r for r in rows if r["group"] in TUNE]
    report = [r for r in rows if r["group"] not in TUNE]
    for label in args.labels:
        best = (-1.0, C_GRID[0])
        for c in C_GRID:
            leave_one_out(rows, x, label, c)
            a = auc([r["p"][label] for r in tune if label in r["want"]],
                    [r["p"][label] for r in tune if label not in r["want"]])
            best = max(best, (a, c))
        c = best[1]
        leave_one_out(rows, x, label, c)
        grid = {at: (additions(tune, label, at), additions(report, label, at)) for at in AT_GRID}
        ok = [at for at, (t, _) in grid.items()
              if t["right"] and t["right"] / (t["right"] + t["wrong"]) >= MIN_PRECISION]
        at = min(ok) if ok else max(AT_GRID)
        a_tune = best[0]
        a_rep = auc([r["p"][label] for r in report if label in r["want"]],
                    [r["p"][label] for r in report if label not in r["want"]])
        print(f"\n{label}: C={c}, leave-one-set-out AUC tune {a_tune:.3f} / report {a_rep:.3f}; at={at}")
        print("| at | tune: had / want, + right, + wrong | report: had / want, + right, + wrong |\n|---|---|---|")
        for g_at, (t, r) in grid.items():
            print(f"| {g_at} | {t['had']}/{t['want']}, +{t['right']}, +{t['wrong']} | "
                  f"{r['had']}/{r['want']}, +{r['right']}, +{r['wrong']} |")
        results["heads"][label] = {"C": c, "at": at, "auc_tune": a_tune, "auc_report": a_rep,
                                   "grid": {str(k): [dict(t), dict(r)] for k, (t, r) in grid.items()}}
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
