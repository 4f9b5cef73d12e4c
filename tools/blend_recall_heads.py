"""Measure a small blend over the recall heads, leave one writer set out: does a sentence embedding, paid only on
the heads' candidates, carry across writers? (session 15, learn15; docs/models.md). Measurement only: ships nothing.

    python tools/train_recall_heads.py --no-save --cache C.pkl --report R.json --oof O.pkl   # the heads, out of fold
    python tools/blend_recall_heads.py --cache C.pkl --oof O.pkl --embedder static --report B.json
    python tools/blend_recall_heads.py --cache C.pkl --oof O.pkl --embedder e5 --vectors V.npy --report B.json

Candidates: the rows where a left-out head gave a label p >= 0.3 (the trainer's lowest grid floor; the rest of the
rows never reach a head, as in the engine, which computes nothing more for them). For each label, a logistic
regression over [the head's left-out logit, the post's sentence embedding × `--emb-weight`] is fitted on the other
folds' candidates of that label (the same folds as the heads: each set scored by a blend that never read it) and
gives the left-out candidate a new p. Floors are then chosen on the tune half and judged on the report half exactly
as `train_recall_heads` does (through the engine replay: scope, cascade, policy, stance stage).

The blend's inputs are the heads' out-of-fold p; a blend fold's training rows carry p from head models that read the
left-out set (ordinary stacking leakage, small: one set of 40). The real comments (background) are not candidates
here: how often the blend would fire on them is not measured by this script.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_recall_heads as T  # noqa: E402


def with_p(sig: Any, p: float) -> Any:
    """The signal with its p (evidence value, score under the trainer's caps) replaced."""
    evs = tuple(e._replace(value=(e.value or "").split(" p=")[0] + f" p={p:.3f} blend") for e in sig.evidence)
    cap = T.LABEL_MAX.get(sig.label, T.MAX_SCORE)
    return dataclasses.replace(sig, score=min(p, cap), evidence=evs)


def embed(rows: list[dict[str, Any]], idx: list[int], kind: str, vectors: Path | None) -> np.ndarray:
    from qinglang.models.recall import fields_of, post_text
    from qinglang.semantic import make_embedder

    if vectors and vectors.exists():
        v = np.load(vectors)
        if len(v) == len(idx):
            return v
    texts = [post_text([nt for _, nt in fields_of(rows[i]["views"])])[:512] for i in idx]
    emb = make_embedder(kind, threads=1)
    t0 = time.time()
    out = np.concatenate([emb.embed(texts[k:k + 64]) for k in range(0, len(texts), 64)]) if texts \
        else np.zeros((0, 384), np.float32)
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    print(f"{len(texts)} candidates embedded ({kind}) in {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    if vectors:
        np.save(vectors, out)
    return out


def blend(rows: list[dict[str, Any]], heads: dict[str, list[Any]], vec: dict[str, np.ndarray], labels: tuple[str, ...],
          fold: dict[str, int], emb_weight: float, c: float) -> dict[str, list[Any]]:
    """Every candidate's head signals with p replaced by the left-out blend's."""
    from sklearn.linear_model import LogisticRegression

    by_id = {r["id"]: r for r in rows}
    out: dict[str, list[Any]] = {i: list(s) for i, s in heads.items()}
    for lb in labels:
        ids = [i for i, sigs in heads.items() if any(s.label == lb for s in sigs)]
        if not ids:
            continue
        p = np.array([T.p_of(next(s for s in heads[i] if s.label == lb)) for i in ids]).clip(1e-4, 1 - 1e-4)
        x = np.hstack([np.log(p / (1 - p))[:, None], emb_weight * np.stack([vec[i] for i in ids])])
        y = np.array([lb in (by_id[i]["expect"].get("labels") or []) for i in ids])
        f = np.array([fold[by_id[i]["group"]] for i in ids])
        newp = p.copy()
        for k in sorted(set(f)):
            tr = f != k
            if y[tr].all() or not y[tr].any():
                continue
            clf = LogisticRegression(C=c, max_iter=2000).fit(x[tr], y[tr])
            newp[~tr] = clf.predict_proba(x[~tr])[:, 1]
        for i, q in zip(ids, newp, strict=True):
            out[i] = [with_p(s, float(q)) if s.label == lb else s for s in out[i]]
    return out


def figures(rows: list[dict[str, Any]], heads: dict[str, list[Any]], labels: tuple[str, ...], replay: Any
            ) -> dict[str, Any]:
    """The trainer's floors (tune half) and ship rule (report half) on these heads."""
    per_label: dict[str, Any] = {}
    floors: dict[str, float] = {}
    for lb in labels:
        e = {k: v for k, v in T.ship_rule(rows, heads, lb, replay).items() if k != "tune_grid"}
        if e.get("shipped"):
            floors[lb] = e["floor"]
        per_label[lb] = e
        print(lb, json.dumps(e), file=sys.stderr, flush=True)
    per = T.measure(rows, heads, floors, replay)
    return {"labels": per_label, "floors": floors, "halves": {k: dict(v) for k, v in T.halves(per).items()},
            "per_set": {g: dict(c) for g, c in sorted(per.items())}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, required=True, help="the recorded rows (train_recall_heads --cache)")
    ap.add_argument("--oof", type=Path, required=True, help="the heads' left-out signals (train_recall_heads --oof)")
    ap.add_argument("--embedder", choices=("static", "e5"), default="static")
    ap.add_argument("--vectors", type=Path, help="cache of the candidates' vectors (.npy)")
    ap.add_argument("--emb-weight", type=float, default=1.0)
    ap.add_argument("-C", type=float, default=1.0)
    ap.add_argument("--labels", default=",".join(T.LABELS))
    ap.add_argument("--report", type=Path)
    args = ap.parse_args(argv)
    labels = tuple(x for x in args.labels.split(",") if x)
    rows = T.recorded(args.cache)
    heads = pickle.loads(args.oof.read_bytes())
    replay = T.Replay()
    for r in rows:
        replay.prepare(r)
    idx = [i for i, r in enumerate(rows) if r["id"] in heads]
    v = embed(rows, idx, args.embedder, args.vectors)
    vec = {rows[i]["id"]: v[k] for k, i in enumerate(idx)}
    fold = T.folds_of([r["group"] for r in rows])
    new = blend(rows, heads, vec, labels, fold, args.emb_weight, args.C)
    rep = figures(rows, new, labels, replay)
    rep["candidates"] = {"rows": len(idx), "of": len(rows), "embedder": args.embedder, "emb_weight": args.emb_weight,
                         "C": args.C}
    print(json.dumps({"floors": rep["floors"], "halves": rep["halves"]}), file=sys.stderr)
    if args.report:
        args.report.write_text(json.dumps(rep, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
