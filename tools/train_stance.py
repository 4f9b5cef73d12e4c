"""Train the stance model (qinglang/models/stance.py) and measure it writer by writer.

    python tools/train_stance.py                 # cross-writer figures, then fit on everything and ship
    python tools/train_stance.py --no-save       # figures only
    python tools/train_stance.py --holdout       # also score the blind `holdout` rows (figures only, ≤ 3 times)

Data (rows: a Content, whether it is a violation, its expected labels and mildest correct action): the corpus
writers (corpus/train/t*.jsonl, one writer set per file), the blind sets' `dev` rows (tests/data/blind: writers
A, B, C, D, E), the unseen sets (tests/data/blind/unseen … unseen7, one set each) and the twin pairs
($QINGLANG_TRAIN7/S1 … S4/sN.jsonl, four writers; default corpus/twins). The blind `holdout` rows never train.
Each row goes through the default engine once, with the stance stage replaced by a recorder: the signals of the
cheap pass and the cascade, as the stance stage sees them at run time, and their evidence spans (`--cache FILE`
keeps them; a later run records only rows it has not seen).

Features: char 1–4-grams of the masked frame and, at `--token-weight` each, the signal tokens of
`stance.signal_tokens` (which families fired; 0 trains session 11's frame-only model).

Cross-writer figures: leave one writer set out — fit on the others, score the held-out set — and report per set
the AUC of P(does) (violations against innocent rows, among rows with a signal ≥ the gate), and at the
operating point (below, factor) the decisions it changes: innocent rows acted on that it clears, violations
caught that it loses (the policy re-run on the discounted signals); summed over the tune half (`TUNE`) and the
report half; and the 引流 recall / FPR of every drainage file. The shipped model is fitted on every set.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import pickle
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import writer_sets  # noqa: E402

from qinglang.clock import today_cn  # noqa: E402
from qinglang.engine import Engine  # noqa: E402
from qinglang.errors import InvalidContent  # noqa: E402
from qinglang.labels import Action  # noqa: E402
from qinglang.models.stance import StanceModel, frame_keys, frame_text, signal_tokens, token_keys  # noqa: E402
from qinglang.models.stance_detector import StanceDetector  # noqa: E402
from qinglang.policy.evaluate import decision_date  # noqa: E402

BLIND, TRAIN7, UNSEEN, TWINS = writer_sets.BLIND, writer_sets.TRAIN7, writer_sets.UNSEEN, writer_sets.TWINS
OUT = ROOT / "qinglang" / "models" / "data" / "stance"
BITS = 18
SEED = 11


def load_rows() -> list[dict[str, Any]]:
    """Every row of the writer sets (`writer_sets`), the blind holdout rows marked as group `holdout`."""
    return [{"group": "holdout" if r.get("split") == "holdout" else group, "id": r["id"], "file": _where(path),
             "content": r["content"], "expect": r["expect"],
             "violation": bool(r["expect"].get("violation")), "hard": bool(r.get("hard_negative"))}
            for group, path, r in writer_sets.rows(holdout=True)]


def engine_without_stance(*also: str) -> Engine:
    """The default engine with the stance stage off (the trainer must run where no model has been shipped yet), and
    the detectors of the registry types `also` (`recall` when its signals come out of fold, `--oof-recall`)."""
    return writer_sets.engine_with(writer_sets.without_types("stance", *also))


# The writer sets each learned stage before the stance stage read in training (its metadata's `data`): the campaign
# heads (train_campaign_models: corpus t1-t3, t8-t20, blind A-E, unseen … unseen5 since session 13's corpus13; the
# porn and vulgar heads still those of session 9) and the recall heads (every set of train_recall_heads). On those
# sets their signals are in-sample — far above the floors — so the stance stage's
# budget there says nothing about a new writer, whose violations sit near the floors (docs/models.md, "After the
# merge"). `--oof-recall` puts the recall heads out of fold; the campaign heads cannot be (a head takes minutes to
# fit), so the operating point is chosen and reported only on the sets they never read (`OOS_TUNE`, `OOS_REPORT`).
CAMPAIGN_HEADS_READ = ("t1", "t2", "t3", "t8", "t9", "t10", "t11", "t12", "t13", "t14", "t15", "t16", "t17", "t18",
                       "t19", "t20", "blindA", "blindB", "blindC", "blindD", "blindE", "unseen", "unseen2", "unseen3",
                       "unseen4", "unseen5")


def add_recall(engine: Engine, rows: list[dict[str, Any]], oof: dict[str, list[Any]], covered: set[str]) -> None:
    """Each row's recall-head signals as a new writer would get them: for a set the recall trainer covered, the
    signals of the fold model that never read it (`train_recall_heads.py --oof`, at the lowest floor) kept at the
    registry's floors; for any other set (the twin sets it did not read, the holdout) the shipped heads', which never
    read it either. The scope pass is applied as the engine applies it to a cheap-pass detector."""
    import yaml

    from qinglang.detectors.base import Views
    from qinglang.detectors.registry import default_registry_path
    from qinglang.models.recall import RecallDetector, shipped
    from qinglang.scoping import scope_signals
    from qinglang.text.acts import read_acts

    reg = yaml.safe_load(default_registry_path().read_text("utf-8"))
    p = next(e for e in reg["detectors"] if e.get("type") == "recall").get("params", {})
    model = shipped(p.get("model", "recall"))
    floors = {k: float(v) for k, v in (p.get("floors") or model.meta.get("floors") or {}).items()}
    det = RecallDetector(model, floors=floors, max_score=p.get("max_score", 0.62), label_max=p.get("label_max"),
                         min_han=p.get("min_han", 8))
    for r in rows:
        if r["group"] in covered:
            sigs = [s for s in oof.get(r["id"], []) if s.label in floors and _p_of(s) >= floors[s.label]]
        else:
            views = Views.build(r["obj"], engine.normalizer)
            sigs = det.detect(r["obj"], views)
            acts = read_acts(views) if sigs else None
            sigs = scope_signals(sigs, acts) if acts is not None and acts.acts else sigs
        r["signals"] = [*r["signals"], *sigs]


def _p_of(sig: Any) -> float:
    """The head's probability, as its evidence states it (``recall@1 p=0.812 emb=+0.00``)."""
    return float(sig.evidence[0].value.split(" p=")[1].split()[0]) if sig.evidence else 1.0


class Recorder:
    """Stands last among the cascade stages: keeps each item's signals and views (all of them, as the stance stage
    would see them after the cascade), adds nothing."""

    cascade = True
    name = "stance-recorder"
    version = "0"

    def __init__(self) -> None:
        self.seen: list[tuple[Any, Any, list[Any]]] = []

    def detect_cascade(self, content: Any, views: Any, signals: list[Any]) -> list[Any]:
        fields = {name: nt.original for name, nt in views.fields.items()}
        self.seen.append((content, fields, list(signals)))
        return []


def record(engine: Engine, rows: list[dict[str, Any]]) -> None:
    """Each row's content, field texts and signals before the stance stage (adds `signals`, `fields`, `obj`)."""
    rec = Recorder()
    state = engine._current()
    engine._state = dataclasses.replace(state, cascade=(*state.cascade, rec), adjusters=())
    for r in rows:
        try:
            engine.moderate(r["content"])
        except InvalidContent:
            continue  # a row the contract refuses (a float follower count) is no evidence either way
        content, fields, signals = rec.seen.pop()
        r["obj"], r["fields"], r["signals"] = content, fields, signals
    rows[:] = [r for r in rows if "obj" in r]


def frame_of(fields: dict[str, str], signals: list[Any]) -> str:
    """What the stance stage reads (StanceDetector.p_does on recorded fields)."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s in signals:
        for e in s.evidence:
            spans[e.field].append((e.start, e.end))
    return frame_text([(text, spans.get(name, ())) for name, text in fields.items() if "media" not in name])


def decide(engine: Engine, r: dict[str, Any], signals: list[Any]) -> tuple[bool, bool]:
    """(caught, acted) of the policy on these signals (as Engine._decide and eval_campaign_blind.judge)."""
    content = r["obj"]
    today = decision_date(content) if content.created_at else today_cn()
    out = engine._current().evaluator.evaluate(signals, content, today=today, explain=False)
    action = out.action
    if action == Action.PASS and (out.marks or any(s.marks for s in signals)):
        action = Action.LABEL
    labels = {s.label for s in signals if s.score > 0 or not s.marks}
    want = set(r["expect"].get("labels") or [])
    caught = bool(want & labels) and action != Action.PASS
    acted = action > Action.parse(r["expect"].get("action_at_least") or "pass")
    return caught, acted


def matrix(rows: list[dict[str, Any]], tw: float) -> Any:
    """The design matrix StanceModel.raw computes a dot product with: the frame's n-gram buckets at 1/sqrt(n) each,
    plus each signal token's bucket at `tw` (a bucket hit twice sums, as the weights' sum does at run time)."""
    from scipy.sparse import csr_matrix

    ind, ptr, val = [], [0], []
    for r in rows:
        b = frame_keys(r["text"], BITS)
        ind.append(b.astype(np.int64))
        val.append(np.full(len(b), 1.0 / np.sqrt(max(len(b), 1))))
        n = len(b)
        if tw and r["tokens"]:
            k = token_keys(r["tokens"], BITS)
            ind.append(k.astype(np.int64))
            val.append(np.full(len(k), tw))
            n += len(k)
        ptr.append(ptr[-1] + n)
    m = csr_matrix((np.concatenate(val), np.concatenate(ind), np.array(ptr)), shape=(len(rows), 1 << BITS))
    m.sum_duplicates()
    return m


def fit(rows: list[dict[str, Any]], c: float, tw: float) -> StanceModel:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=SEED)
    clf.fit(matrix(rows, tw), np.array([int(r["violation"]) for r in rows]))
    w = clf.coef_[0].astype(np.float32)
    return StanceModel({"name": "stance", "params": {"token_weight": tw}}, w, float(clf.intercept_[0]), BITS)


def auc(pos: list[float], neg: list[float]) -> float:
    if not pos or not neg:
        return float("nan")
    p, n = np.array(pos), np.array(neg)
    return float(((p[:, None] > n[None, :]).sum() + 0.5 * (p[:, None] == n[None, :]).sum()) / (len(p) * len(n)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--holdout", action="store_true", help="also score the blind holdout rows (figures only)")
    ap.add_argument("--cache", type=Path, help="pickle of the recorded rows (reused when it exists)")
    ap.add_argument("-C", type=float, default=10.0, help="inverse L2 strength")
    ap.add_argument("--token-weight", type=float, default=0.05, help="value of each signal token (0: frame only)")
    ap.add_argument("--below", type=float, default=0.3)
    ap.add_argument("--factor", type=float, default=0.3)
    ap.add_argument("--gate", type=float, default=0.35)
    ap.add_argument("--grid", action="store_true", help="figures at other operating points (tune / report halves)")
    ap.add_argument("--oof-recall", type=Path, help="the recall heads' out-of-fold signals (train_recall_heads.py "
                    "--oof FILE): rows are recorded with the recall heads off and get those signals instead")
    ap.add_argument("--below-from-grid", action="store_true", help="with --grid: the saved model's `below` is the "
                    "grid's choice (`choose_below`), not --below (one run figures and ships)")
    ap.add_argument("--budget", type=float, default=0.005, help="share of the tune half's caught violations the "
                    "chosen `below` may lose (with --grid)")
    ap.add_argument("--leave-out", help="only fit a model without this writer set, saved as stance-minus-SET")
    ap.add_argument("--rows-out", type=Path, help="JSONL of every row the stage reads: set, id, left-out P(does), "
                    "(caught, acted) before and after")
    ap.add_argument("--next-halves", action="store_true", help="the halves extended by NEXT_TUNE / NEXT_REPORT "
                    "(session 18: the sets added since the shipped model's halves)")
    ap.add_argument("--out", type=Path, default=OUT, help="where the fitted model is saved (default: the shipped one)")
    ap.add_argument("--no-mask", action="store_true", help="ablation: the evidence spans are not masked")
    ap.add_argument("--all-rows", action="store_true", help="ablation: train on every row, not only the rows the "
                    "stage reads at run time (a signal ≥ the gate)")
    args = ap.parse_args()
    if args.next_halves:
        use_next_halves()
    t0 = time.time()
    engine = engine_without_stance(*(("recall",) if args.oof_recall else ()))
    rows = load_rows()
    if args.cache and args.cache.exists():  # rows recorded before are reused; only new rows go through the engine
        done = {(r["group"], r["id"]): r for r in pickle.loads(args.cache.read_bytes())}
        new = [r for r in rows if (r["group"], r["id"]) not in done]
        record(engine, new)
        fresh = {(r["group"], r["id"]): r for r in new}
        where = {(r["group"], r["id"]): r["file"] for r in rows}
        rows = [done.get(k) or fresh[k] for k in ((r["group"], r["id"]) for r in rows) if k in done or k in fresh]
        for r in rows:
            r["file"] = where[(r["group"], r["id"])]
    else:
        record(engine, rows)
    if args.cache:
        args.cache.write_bytes(pickle.dumps(rows))
    print(f"{len(rows)} rows recorded in {time.time() - t0:.0f} s", file=sys.stderr)
    if args.oof_recall:
        from train_recall_heads import sources as recall_sources

        add_recall(engine, rows, pickle.loads(args.oof_recall.read_bytes()), {g for g, _ in recall_sources()})
    det = StanceDetector(StanceModel({"name": "stance"}, np.zeros(1 << BITS, np.float32), 0.0, BITS),
                         below=args.below, factor=args.factor, gate=args.gate)
    for r in rows:
        r["text"] = frame_of(r["fields"], [] if args.no_mask else r["signals"])
        r["tokens"] = signal_tokens(r["signals"])
        r["gated"] = bool(r["signals"]) and max(s.score for s in r["signals"]) >= args.gate
        r["base"] = decide(engine, r, r["signals"])

    def trainable(r: dict[str, Any]) -> bool:
        return r["group"] != "holdout" and (r["gated"] or args.all_rows)

    groups = sorted({r["group"] for r in rows if r["group"] != "holdout"})
    if args.leave_out:  # a model that never saw one set, for the engine-level report on it (not shipped)
        train = [r for r in rows if trainable(r) and r["group"] != args.leave_out]
        model = fit(train, args.C, args.token_weight)
        path = OUT.with_name(f"stance-minus-{args.leave_out}")
        StanceModel({"name": path.name, "version": "0", "left_out": args.leave_out, "params": model.meta["params"]},
                    model.weights,
                    model.intercept, model.bits).save(path)
        print(f"saved {path}.npz / .json (delete it after use)", file=sys.stderr)
        return 0
    for g in [*groups, *(["holdout"] if args.holdout else [])]:  # leave one writer set out
        train = [r for r in rows if trainable(r) and r["group"] != g]
        model = fit(train, args.C, args.token_weight)
        for r in rows:
            if r["group"] == g and r["gated"]:
                r["p"] = model.p_does(r["text"], r["tokens"])
    report: dict[str, Any] = {}
    for g in [*groups, *(["holdout"] if args.holdout else [])]:
        report[g] = measure(engine, det, [r for r in rows if r["group"] == g])
        print(g, json.dumps(report[g]), file=sys.stderr)
    tot = {k: sum(v[k] for g, v in report.items() if g != "holdout") for k in report[groups[0]] if k != "auc"}
    out: dict[str, Any] = {"per_set": report, "total_left_out": tot, "halves": halves(report),
                           "drainage_files": drainage_files(engine, det, rows)}
    print("halves", json.dumps(out["halves"]), file=sys.stderr)
    if args.rows_out:
        with open(args.rows_out, "w", encoding="utf-8") as fh:
            for r in rows:
                if r["gated"] and "p" in r:
                    fh.write(json.dumps({k: r[k] for k in ("group", "id", "file", "violation", "p", "base", "after")},
                                        ensure_ascii=False) + "\n")
    if args.grid:
        out["grid"] = grid(engine, det, rows)
        out["chosen_below"] = choose_below(out["grid"], args.budget, args.factor)
        print("chosen below", out["chosen_below"], file=sys.stderr)
        if args.below_from_grid and out["chosen_below"] is not None:
            args.below = out["chosen_below"]
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if not args.no_save:
        train = [r for r in rows if trainable(r)]
        model = fit(train, args.C, args.token_weight)
        digest = hashlib.sha256()
        for k, v in sorted(model.arrays().items()):
            digest.update(k.encode() + np.ascontiguousarray(v).tobytes())
        data = hashlib.sha256("\n".join(sorted(r["id"] for r in train)).encode()).hexdigest()
        meta = {"name": "stance", "version": "3", "digest": "sha256:" + digest.hexdigest(),
                "trained": dt.date.today().isoformat(),
                "command": "python tools/train_stance.py" + (" --oof-recall OOF" if args.oof_recall else ""),
                "data": {"rows": len(train), "ids_sha256": data, "sets": groups,
                         "sources": sorted({_where(p) for _, p in writer_sets.sources()})},
                "params": {"bits": BITS, "orders": [1, 2, 3, 4], "C": args.C, "seed": SEED,
                           "token_weight": args.token_weight, "tune_half": list(OOS_TUNE),
                           "report_half": list(OOS_REPORT), "recall_out_of_fold": bool(args.oof_recall),
                           "all_rows": args.all_rows, "below": args.below, "factor": args.factor,
                           "gate": args.gate},
                "cross_writer": {"total_left_out": tot, "halves": out["halves"],
                                 "drainage_files": out["drainage_files"],
                                 "per_set": {g: {k: v for k, v in res.items()} for g, res in report.items()}}}
        model = StanceModel(meta, model.weights, model.intercept, model.bits)
        model.save(args.out)
        print(f"saved {args.out}.npz / .json", file=sys.stderr)
    return 0


# Session 12's halves (C and the features were chosen on them): the corpus writers, blind A–E, twin sets S1 and S4
# tune; unseen … unseen7, S2, S3 report. Kept for the record (`old_tune` / `old_report` in the figures).
TUNE = ("t", "blind", "S1", "S4")
# Session 13: the operating point is chosen and reported only on sets no learned stage before the stance stage read
# (`CAMPAIGN_HEADS_READ`; the recall heads out of fold with `--oof-recall`). Since corpus13 the campaign heads read
# t16-t20 and unseen3-5 too, which leaves the sets the campaign trainer keeps out (unseen6-8) and the twin sets it
# never reads: tune on unseen6 and twin sets S1, S4, S5; report on unseen7, unseen8 and twin sets S2, S3, S6. Every
# other set still trains the stance model (left out in turn) and is summed as `in_sample`. Session 14: unseen9 (scored
# in session 13, kept out of the campaign heads) joins the tune half; the twin sets S7 (tune) and S8 (report), written
# this session, which the campaign trainer does not read (learn14). Session 15: S9 tunes; unseen10 and S10 report.
# Session 16 (learn16): S11 tunes; unseen11 (the newest scored set) and S12 report. t25 and t26 stay in-sample: the
# campaign trainer reads them (`train_campaign_models.WRITER_IDS`).
OOS_TUNE = ("unseen6", "unseen9", "S1", "S4", "S5", "S7", "S9", "S11")
OOS_REPORT = ("unseen7", "unseen8", "unseen10", "unseen11", "S2", "S3", "S6", "S8", "S10", "S12")
# Session 18 (learn18): the sets added since the shipped model's halves were set, split as the recall trainer splits
# them (unseen12, S13 and session 18's tune sets; unseen13, S14 and session 18's report half). They join the halves
# with a retrain that ships (the shipped model pins its halves); `--next-halves` measures on them before that. t27-t30
# stay in sample: the campaign trainer reads them (`train_campaign_models.WRITER_IDS`).
NEXT_TUNE = ("unseen12", "S13", "unseen14", "S16", "S18")
NEXT_REPORT = ("unseen13", "S14", "unseen15", "S15", "S17")


def use_next_halves() -> None:
    """`OOS_TUNE` / `OOS_REPORT` extended by `NEXT_TUNE` / `NEXT_REPORT` (for this process)."""
    global OOS_TUNE, OOS_REPORT
    OOS_TUNE = tuple(dict.fromkeys((*OOS_TUNE, *NEXT_TUNE)))
    OOS_REPORT = tuple(dict.fromkeys((*OOS_REPORT, *NEXT_REPORT)))
KEYS = ("viol_caught_before", "viol_caught_after", "inn_acted_before", "inn_acted_after")


def half_of(group: str) -> list[str]:
    """The halves a writer set is summed in: `tune` / `report` (out of sample for every learned input) or
    `in_sample`, and session 12's `old_tune` / `old_report`."""
    new = "tune" if group in OOS_TUNE else "report" if group in OOS_REPORT else "in_sample"
    return [new, "old_tune" if group.startswith(TUNE) else "old_report"]


def halves(report: dict[str, dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per-set figures summed over each half (`half_of`)."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for g, m in report.items():
        if g == "holdout":
            continue
        for name in half_of(g):
            for k in KEYS:
                out[name][k] += m.get(k, 0)
    return {k: dict(v) for k, v in out.items()}


def choose_below(grid_rows: list[dict[str, Any]], budget: float, factor: float = 0.3) -> float | None:
    """The `below` (at `factor`) that clears the most innocent rows of the tune half with at most `budget` of its
    caught violations lost; the lower one on a tie. None: no point within the budget."""
    best: tuple[int, float] | None = None
    for g in grid_rows:
        t = g["tune"]
        if g["factor"] != factor or not t:
            continue
        lost = t["viol_caught_before"] - t["viol_caught_after"]
        cleared = t["inn_acted_before"] - t["inn_acted_after"]
        if lost <= budget * t["viol_caught_before"] and (best is None or cleared > best[0]):
            best = (cleared, g["below"])
    return best[1] if best else None


def drainage_files(engine: Engine, det: StanceDetector, rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """引流 recall and FPR of every drainage file (every row of it, dev rows only), before and after the stage with
    the left-out P(does): recall = 引流 violations caught / 引流 violations, FPR = innocent rows acted on / innocent."""
    out: dict[str, dict[str, Any]] = {}
    for f in sorted({r["file"] for r in rows if r["file"].endswith("drainage.jsonl")}):
        rs = [r for r in rows if r["file"] == f and r["group"] != "holdout"]
        m = measure(engine, det, rs)
        pos = sum(r["violation"] for r in rs)
        neg = len(rs) - pos
        # rows the stage does not read keep their decision: count them on both sides
        base_c = sum(r["base"][0] for r in rs if r["violation"] and not r["gated"])
        base_a = sum(r["base"][1] for r in rs if not r["violation"] and not r["gated"])
        c0, c1 = base_c + m.get("viol_caught_before", 0), base_c + m.get("viol_caught_after", 0)
        a0, a1 = base_a + m.get("inn_acted_before", 0), base_a + m.get("inn_acted_after", 0)
        out[f] = {"violations": pos, "innocent": neg, "recall": [round(c0 / pos, 3), round(c1 / pos, 3)],
                  "fpr": [round(a0 / neg, 3), round(a1 / neg, 3)], "caught": [c0, c1], "acted": [a0, a1]}
        print(f, json.dumps(out[f]), file=sys.stderr)
    return out


def measure(engine: Engine, det: StanceDetector, test: list[dict[str, Any]]) -> dict[str, Any]:
    """AUC over gated rows (left-out P(does) in `p`), and what the stage changes in the set's decisions."""
    pos, neg = [], []
    out: dict[str, Any] = defaultdict(int)
    for r in test:
        if not r["gated"]:
            continue
        p = r["p"]
        (pos if r["violation"] else neg).append(p)
        caught0, acted0 = r["base"]
        caught1, acted1 = caught0, acted0
        if p < det.below:
            adj = det.discount(r["signals"], p)
            if adj is not r["signals"]:
                caught1, acted1 = decide(engine, r, adj)
        r["after"] = (caught1, acted1)
        if r["violation"]:
            out["viol_caught_before"] += caught0
            out["viol_caught_after"] += caught1
        else:
            out["inn_acted_before"] += acted0
            out["inn_acted_after"] += acted1
    out["gated_viol"], out["gated_inn"] = len(pos), len(neg)
    out["auc"] = round(auc(pos, neg), 3)
    return dict(out)


def grid(engine: Engine, det: StanceDetector, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Totals at each (below, factor), on the tune half and the report half of the writer sets."""
    res = []
    for below in (0.05, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        for factor in (0.3, 0.5):
            det.below, det.factor = below, factor
            per = {g: measure(engine, det, [r for r in rows if r["group"] == g])
                   for g in sorted({r["group"] for r in rows if r["group"] != "holdout"})}
            res.append({"below": below, "factor": factor, **halves(per)})
            print(json.dumps(res[-1]), file=sys.stderr)
    return res


def _where(p: Path) -> str:
    return str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else f"train7/{p.parent.name}/{p.name}"


class _NT:
    def __init__(self, original: str) -> None:
        self.original = original


class _Views:
    """The part of `Views` the stance stage reads (field originals), rebuilt from a recorded row."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = {k: _NT(v) for k, v in fields.items()}


if __name__ == "__main__":
    raise SystemExit(main())
