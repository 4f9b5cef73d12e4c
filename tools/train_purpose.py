#!/usr/bin/env python3
"""Train the purpose model (qinglang/models/purpose.py) and measure it writer set by writer set (issue 16, task 3).

    python tools/train_purpose.py                  # leave-one-writer-set-out figures, operating point, ship
    python tools/train_purpose.py --no-save        # figures only
    python tools/train_purpose.py --engine         # also: engine decisions per 引流 / SMS / task 3+10 file, each set
                                                   # scored with a model that never read it (off vs left out)

Rows: every writer set's rows (corpus/train/t*.jsonl one set per file; the blind `dev` rows: writers A, B (tasks),
C, D (claims), E (live 引流 posts and SMS); tests/data/blind/unseen … unseen7, one set each; the twin pairs S1, S2).
The blind `holdout` rows never train and are never read here. Each row goes through the default engine once with
the contact detector's purpose model replaced by a recorder: the rows where the detector reported a contact (a
handle, a link, a 暗号 pointer, a diversion frame) give the text the model reads at run time (`record`).
Target: 1 for a violation whose expected labels meet DIVERTING (引流 and what it sells: the contact diverts the
reader); 0 for an innocent row, a real comment (COLD train, none of them 引流) or a violation of another kind whose
writer did not call its contact 引流 (a rumour with a phone number).

Halves. Tune: unseen5, unseen6, S1, blind A/B/E dev rows, corpus t1–t9 — the operating point (C, `below`, whether
the model is read next to a lure) is chosen on their leave-one-set-out figures. Report: unseen, unseen2, unseen3,
unseen4, unseen7, S2, corpus t10–t18 — figures only, never chosen on.
Session 23 (drain23): the rule engineers' report half (`writer_sets.RULES_REPORT`) is never read nor trained on; the
shipped model was trained with `--point 8 0.2` (C and `below` fixed, chosen on the writer sets the session-12 model
never read, each scored by a retrain that never read it: docs/accuracy.md §28.4); `--cache` keeps the recording.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import writer_sets  # noqa: E402
from eval_campaign_blind import judge  # noqa: E402

from qinglang.engine import Engine  # noqa: E402
from qinglang.errors import InvalidContent  # noqa: E402
from qinglang.model import Content  # noqa: E402
from qinglang.models.purpose import LURE_LABELS, read_text  # noqa: E402
from qinglang.models.stance import StanceModel, frame_keys  # noqa: E402

SHARED = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared")) / "data"
OUT = ROOT / "qinglang" / "models" / "data" / "purpose"
BITS = 18
SEED = 12
# what 引流 leads to: the 引流 family and the goods, contacts and threats a private channel is wanted for
DIVERTING = frozenset({"drainage", "gambling", "porn", "water_army", "fraud", "prohibited_goods", "grooming",
                       "extortion", "false_ad"})
TWINS = writer_sets.TWINS  # S1–S6 (session 13: S5 is 引流 vs innocent contacts, written for this model)
# Session 13 (drain13): unseen7, unseen8 (read for the session's rules), S3 and S5 join the tune half; S4 and S6 are
# report sets.
# Session 14 (drain14): unseen9 (read for the session's rules) and S7 join the tune half; S8, t19–t22 are report sets.
TUNE = frozenset({"unseen5", "unseen6", "unseen7", "unseen8", "unseen9", "S1", "S3", "S5", "S7", "blindA", "blindB",
                  "blindE", "t1", "t2", "t3", "t8", "t9", "cold-train"})
C_GRID = (0.5, 2.0, 8.0)
BELOW_GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
CANDIDATE = 0.1  # a decision's drainage score from which the row's drainage evidence is what the model reads
FACTOR = 0.3  # 0.99 × 0.3 < 0.35, the lowest score a policy acts on for drainage (ecosystem.yaml, 03-illegal-links)
# The files whose engine decisions are reported per set (the 引流-related rows of each writer set).
FILES = ("drainage", "gambling_sms", "task03", "task10")


def sources() -> list[tuple[str, Path]]:
    """(writer set, file) of every row file (`writer_sets`, the twin sets of `TWINS`)."""
    return writer_sets.sources(TWINS)


# The rule engineers' report half of the session (`writer_sets.RULES_REPORT`): counted by the evaluation tools, never
# read, so never trained on here either (session 23, drain23): the shipped model is out of sample there.
REPORT_HALF = frozenset(writer_sets.RULES_REPORT)


def load_rows() -> list[dict[str, Any]]:
    """Every writer set's rows but the session's report half (`REPORT_HALF`)."""
    return [{"group": group, "file": path.stem, "id": r["id"], "content": r["content"], "expect": r["expect"]}
            for group, path, r in writer_sets.rows(TWINS) if group not in REPORT_HALF]


def engine_without_purpose() -> Engine:
    """The default engine with the contact detector's purpose model off (it must run before one is shipped)."""
    def edit(reg: dict[str, Any]) -> None:
        for entry in reg["detectors"]:
            if entry.get("type") == "contact":
                entry.setdefault("params", {})["purpose_model"] = None
    return writer_sets.engine_with(edit)


def contact_detector(engine: Engine) -> Any:
    return next(d for d in engine.detectors if getattr(d, "name", "") == "contact")


def record(engine: Engine, rows: list[dict[str, Any]], floor: float = 0.05) -> None:
    """The engine's decision without the model (`off`), and the text the model would read (`text`, or None): the
    row's `drainage` evidence (any detector: handle, 暗号, diversion frame) when the decision carries that label at
    `CANDIDATE` or more; else every contact the contact detector extracts, also those its rules score below reporting
    (a lost cat's phone number, a shop's landline on its own page: every score floored at `floor` for this pass).
    The model learns the purpose from every contact and diversion cue; at run time it reads those a policy acts on."""
    import qinglang.detectors.contact.detector as cd
    from qinglang.detectors.base import Views

    det = contact_detector(engine)
    candidates = []
    for r in rows:
        r["text"] = None
        try:
            content = Content.from_json(r["content"])
            d = engine.moderate(content)
        except InvalidContent:  # a writer's malformed row (followers: 1.2e4): the engine refuses it
            r["off"], r["bad"] = (False, False), True
            continue
        r["off"] = judge(d, r["expect"]) if "expect" in r else (False, False)
        labels = {lr.label: lr for lr in d.labels}
        lure = any(lr.label in LURE_LABELS and lr.score >= det.purpose_gate for lr in d.labels)
        if "drainage" in labels and labels["drainage"].score >= CANDIDATE:
            r["text"] = read_text(content, Views.build(content, engine.normalizer), labels["drainage"].evidence,
                                  lure=lure)
        else:
            candidates.append((r, content))
    scored = cd.contextual_score
    cd.contextual_score = lambda *a, **k: (lambda s: (max(s[0], floor), s[1]))(scored(*a, **k))  # type: ignore
    min_score, det.min_score = det.min_score, floor
    try:
        for r, content in candidates:
            views = Views.build(content, engine.normalizer)
            sigs = det.detect(content, views)
            ev = [e for s in sigs if s.label == "drainage" for e in s.evidence]
            if ev:
                lure = any(s.label in LURE_LABELS for s in sigs)
                r["text"] = read_text(content, views, ev, lure=lure)
    finally:
        cd.contextual_score = scored
        det.min_score = min_score


def real_comments(limit: int) -> list[dict[str, Any]]:
    """COLD's train split (Weibo / Zhihu comments nobody here wrote; none is 引流): every contact in it is a
    negative. COLD dev and SWSR stay out: tools/eval_drainage_real.py reports on them."""
    path = SHARED / "cold" / "train.jsonl"
    if not path.exists() or limit <= 0:
        return []
    out = []
    for line in path.read_text("utf-8").splitlines()[:limit]:
        r = json.loads(line)
        out.append({"group": "cold-train", "file": "cold", "id": r["id"],
                    "content": {"id": r["id"], "text": r["text"], "kind": "comment", "surface": "comment"}})
    return out


def target(r: dict[str, Any]) -> int:
    """1: the row's violation is 引流 or what 引流 sells (its expected labels meet DIVERTING); 0: an innocent row, a
    real comment, or a violation of another kind (a rumour with a phone number, a smear naming a shop's hotline)
    — its writer did not call the contact or the pointer 引流."""
    if "expect" not in r or not r["expect"].get("violation"):
        return 0
    return 1 if DIVERTING & set(r["expect"].get("labels") or []) else 0


def matrix(texts: list[str]) -> Any:
    from scipy.sparse import csr_matrix

    ind, ptr, val = [], [0], []
    for t in texts:
        b = frame_keys(t, BITS)
        ind.append(b.astype(np.int64))
        val.append(np.full(len(b), 1.0 / np.sqrt(max(len(b), 1))))
        ptr.append(ptr[-1] + len(b))
    return csr_matrix((np.concatenate(val), np.concatenate(ind), np.array(ptr)), shape=(len(texts), 1 << BITS))


def fit(texts: list[str], y: list[int], c: float) -> StanceModel:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=SEED)
    clf.fit(matrix(texts), np.array(y))
    return StanceModel({"name": "purpose"}, clf.coef_[0].astype(np.float32), float(clf.intercept_[0]), BITS)


def auc(pos: list[float], neg: list[float]) -> float:
    if not pos or not neg:
        return float("nan")
    p, n = np.array(pos), np.array(neg)
    return float(((p[:, None] > n[None, :]).sum() + 0.5 * (p[:, None] == n[None, :]).sum()) / (len(p) * len(n)))


def leave_one_out(train: list[dict[str, Any]], c: float) -> dict[str, StanceModel]:
    """One model per writer set, fitted on every other set's rows; each row gets p from its set's model."""
    models = {}
    for g in sorted({r["group"] for r in train}):
        rest = [r for r in train if r["group"] != g]
        models[g] = m = fit([r["text"] for r in rest], [r["y"] for r in rest], c)
        for r in train:
            if r["group"] == g:
                r["p"] = m.p_does(r["text"])
    return models


def run_point(engine: Engine, rows: list[dict[str, Any]], models: dict[str, StanceModel], below: float,
              with_lure: bool) -> Counter:
    """The engine's decisions on `rows` with each row's left-out model at one operating point: innocent rows acted
    on (and how many of those the model cleared), violations caught (and how many it lost)."""
    det = contact_detector(engine)
    c: Counter = Counter()
    det.purpose_below, det.purpose_factor, det.purpose_with_lure = below, FACTOR, with_lure
    try:
        for r in rows:
            if r.get("bad") or "expect" not in r:
                continue
            caught0, acted0 = r["off"]
            if r.get("text") is not None:
                det.purpose = models.get(r["group"])
                caught, acted = judge(engine.moderate(r["content"]), r["expect"])
            else:
                caught, acted = caught0, acted0
            if r["expect"].get("violation"):
                c["v"] += 1
                c["caught"] += caught
                c["lost"] += caught0 and not caught
            else:
                c["n"] += 1
                c["acted"] += acted
                c["acted_off"] += acted0
                c["cleared"] += acted0 and not acted
    finally:
        det.purpose = None
    return c


def engine_figures(engine: Engine, rows: list[dict[str, Any]], models: dict[str, StanceModel], below: float,
                   with_lure: bool) -> dict[str, dict[str, Counter]]:
    """Per set and file: caught / innocent acted on with the model off and with the set's left-out model."""
    det = contact_detector(engine)
    out: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for r in rows:
        if r.get("bad") or (r["file"] not in FILES and not r["group"].startswith("S")):
            continue
        det.purpose, det.purpose_below, det.purpose_factor = models.get(r["group"]), below, FACTOR
        det.purpose_with_lure = with_lure
        on = judge(engine.moderate(r["content"]), r["expect"])
        key = r["file"] if r["file"] in FILES else "pairs"
        for mode, (caught, acted) in (("off", r["off"]), ("left out", on)):
            c = out[f"{r['group']}/{key}"][mode]
            if r["expect"].get("violation"):
                c["v"] += 1
                c["caught"] += caught
            else:
                c["n"] += 1
                c["acted"] += acted
    det.purpose = None
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--engine", action="store_true", help="engine figures per set and file, each set left out")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--real", type=int, default=30000, help="COLD train comments read as negatives (0: none)")
    ap.add_argument("--out", type=Path, default=OUT, help="where the model goes (stem; default: shipped)")
    ap.add_argument("--cache", type=Path, help="the recorded rows (pickle): read when present, else recorded there")
    ap.add_argument("--point", type=float, nargs=2, metavar=("C", "BELOW"),
                    help="a fixed operating point (the shipped one): no C or `below` grid through the engine")
    args = ap.parse_args()
    engine = engine_without_purpose()
    if args.cache is not None and args.cache.exists():
        with open(args.cache, "rb") as fh:
            rows = pickle.load(fh)
    else:
        rows = load_rows() + real_comments(args.real)
        record(engine, rows)
        if args.cache is not None:
            with open(args.cache, "wb") as fh:
                pickle.dump(rows, fh)
    train = []
    for r in rows:
        if r["text"] is not None:
            r["y"] = target(r)
            train.append(r)
    by_group = Counter((r["group"], r["y"]) for r in train)
    print(f"{len(rows)} rows, {len(train)} with a contact signal and a target "
          f"({sum(r['y'] for r in train)} diverting)")

    # C by the tune half's leave-one-set-out AUC (pooled), then the operating point on the tune half.
    best: tuple[float, float] = (-1.0, C_GRID[0])
    results: dict[str, Any] = {"c": {}}
    for c in (() if args.point else C_GRID):
        leave_one_out(train, c)
        tune = [r for r in train if r["group"] in TUNE]
        a = auc([r["p"] for r in tune if r["y"]], [r["p"] for r in tune if not r["y"]])
        results["c"][c] = a
        print(f"C={c}: tune-half pooled AUC {a:.3f}")
        best = max(best, (a, c))
    c = args.point[0] if args.point else best[1]
    models = leave_one_out(train, c)
    grid = []
    tune_rows = [r for r in rows if r["group"] in TUNE and r.get("text") is not None and "expect" in r]
    for with_lure in (() if args.point else (False, True)):
        for below in BELOW_GRID:
            t = run_point(engine, tune_rows, models, below, with_lure)
            grid.append({"below": below, "with_lure": with_lure, **t})
            print(f"below={below} with_lure={with_lure}: tune half, innocent acted on {t['acted_off']} -> "
                  f"{t['acted']} (cleared {t['cleared']}), caught {t['caught'] + t['lost']} -> {t['caught']}")
    # the point (tune half): the most innocent rows cleared with at most 1 in 200 caught violations lost; among
    # equals the model kept away from lures, then the widest `below` within that loss budget (the tune half, tuned
    # to its ceiling by the rules of earlier sessions, has almost no innocent row left to clear: the budget decides)
    if args.point:
        below, with_lure = args.point[1], False
    else:
        ok = [g for g in grid if g["lost"] <= max(1, (g["caught"] + g["lost"]) // 200)]
        point = max(ok, key=lambda g: (g["cleared"], not g["with_lure"], g["below"]))
        below, with_lure = point["below"], point["with_lure"]
    print(f"operating point: C={c} below={below} with_lure={with_lure}")

    print("\n| set | half | rows read (diverting / not) | AUC of P(diverting) |")
    print("|---|---|---|---|")
    per_set = {}
    for g in sorted({r["group"] for r in train}, key=lambda g: (g not in TUNE, g)):
        mine = [r for r in train if r["group"] == g]
        a = auc([r["p"] for r in mine if r["y"]], [r["p"] for r in mine if not r["y"]])
        per_set[g] = {"auc": a, "diverting": by_group[(g, 1)], "not": by_group[(g, 0)]}
        print(f"| {g} | {'tune' if g in TUNE else 'report'} | {by_group[(g, 1)]} / {by_group[(g, 0)]} | {a:.3f} |")
    for half in ("tune", "report"):
        sub = [r for r in train if (r["group"] in TUNE) == (half == "tune")]
        a = auc([r["p"] for r in sub if r["y"]], [r["p"] for r in sub if not r["y"]])
        print(f"| **{half} half** | | {sum(r['y'] for r in sub)} / {sum(1 - r['y'] for r in sub)} | {a:.3f} |")
    results.update({"C": c, "below": below, "with_lure": with_lure, "grid": grid, "per_set": per_set,
                    "rows": [{"id": r["id"], "group": r["group"], "y": r["y"], "p": round(r["p"], 4),
                              "off": r["off"]} for r in train]})

    if args.engine:
        figs = engine_figures(engine, rows, models, below, with_lure)
        print("\n| set/file | half | off: caught, innocent acted on | left out: caught, innocent acted on |")
        print("|---|---|---|---|")
        tot: dict[str, Counter] = defaultdict(Counter)
        for key in sorted(figs, key=lambda k: (k.split("/")[0] not in TUNE, k)):
            f = figs[key]
            half = "tune" if key.split("/")[0] in TUNE else "report"
            for mode in ("off", "left out"):
                tot[f"{half} {mode}"].update(f[mode])
            print(f"| {key} | {half} | {f['off']['caught']}/{f['off']['v']}, {f['off']['acted']}/{f['off']['n']} | "
                  f"{f['left out']['caught']}/{f['left out']['v']}, {f['left out']['acted']}/{f['left out']['n']} |")
        for k, t in sorted(tot.items()):
            print(f"{k}: caught {t['caught']}/{t['v']}, innocent acted on {t['acted']}/{t['n']}")
        results["engine"] = {k: {m: dict(v) for m, v in f.items()} for k, f in figs.items()}
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), "utf-8")
    if args.no_save:
        return 0
    final = fit([r["text"] for r in train], [r["y"] for r in train], c)
    digest = "sha256:" + hashlib.sha256(final.weights.tobytes() + np.float64(final.intercept).tobytes()).hexdigest()
    meta = {"name": "purpose", "version": "1", "digest": digest, "trained": dt.date.today().isoformat(),
            "command": "python tools/train_purpose.py" + (f" --point {c:g} {below:g}" if args.point else ""),
            "bits": BITS, "C": c,
            "operating_point": {"below": below, "factor": FACTOR, "with_lure": with_lure},
            "rows": {"train": len(train), "diverting": sum(r["y"] for r in train)},
            "sets": sorted({r["group"] for r in train}),
            "tune_half": sorted(TUNE), "not_trained_on": sorted(REPORT_HALF), "leave_one_set_out": per_set,
            "note": "P(the contact diverts the reader for a prohibited or commercial purpose) from the post with "
                    "its contact spans masked; qinglang/models/purpose.py"}
    final = StanceModel(meta, final.weights, final.intercept, BITS)
    final.save(args.out)
    print(f"wrote {args.out}.npz/.json ({digest[:19]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
