"""Build the semantic tier's writer bank (`qinglang/semantic/data/bank_writers.npz`) and choose its floors
leave-one-set-out through the engine — one command:

    python tools/build_writer_bank.py --cache /tmp/wb.pkl --report /tmp/wb.json   # record, score, choose, ship
    python tools/build_writer_bank.py --cache /tmp/wb.pkl --no-save               # figures only

Exemplars (`qinglang.semantic.writers`): every violating row of every writer set (`writer_sets.rows`, the blind holdout
never) is an example of its expected labels; every hard negative (the twin pairs' rows B among them) a contrast, beside
its pair's labels where it has a pair. A row's text is its title and text, first `MAX_CHARS` characters, embedded with
the static table. Exact duplicates (same text, same side) are kept once.

Scoring, leave-one-set-out: each row is scored by the bank without its own writer set and without the report half
(`writer_sets.RULES_REPORT`: S14, t28, unseen13); the report sets' rows by the bank without the report half. Each row
went once through the default engine with the semantic tier and the stance stage off; a recorder standing last in the
cascade kept its signals, the tier's gate (`SemanticDetector.gate`), the labels the tier leaves alone (acted on,
talked about, refuted) and the post's embedding. The tier's signals are then added, the scope pass runs on them, the
policy decides, and where it acts the shipped stance stage discounts and the policy runs again (`Replay.outcome` of
train_recall_heads). Caught: an expected label with a non-pass action; acted on: an action stricter than the row's
mildest correct one.

Floors: per label, on the tune half (every set but the report half), the floor of `GRID` with the most violations
gained with no hard negative more and at most one other innocent row per five gained (the recall heads' rule,
`train_recall_heads._passes`; the lower floor on a tie); a label with none gets no floor and is never reported.
A floor the suite's own hard negatives need higher is raised to the lowest grid floor at least 0.01 over the suite
row's vote (`SUITE`, as learn16 did for the recall heads).
The report half is scored at those floors. The shipped bank holds every set's rows (report half included); the
figures printed come from banks without the report half.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import writer_sets  # noqa: E402

from qinglang.semantic import MAX_CHARS  # noqa: E402
from qinglang.semantic.writers import SNIPPET, WriterBank, bank_path, quantized, save_bank  # noqa: E402

REPORT = frozenset(writer_sets.RULES_REPORT)
NAMED_TUNE = ("S13", "t27", "unseen12")  # the rule engineers' tune sets of session 17, printed apart
GRID = (0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
K, SHARPNESS = 20, 20.0  # chosen on the tune half through the engine (docs/accuracy.md §22): 5/10/20/40 × 10/20/40
LOWEST = GRID[0]
# Floors raised over the suite's own hard negatives and scenarios (the lowest grid floor >= the row's vote + 0.01,
# learn16's rule for the heads; a label whose raised floor gains nothing on the tune half, or that no grid floor
# clears, is not listed): porn — 考试前一晚瑟瑟发抖，背地里福利都不敢想 (tests/detectors/test_drainage_s14.py) 0.442 and
# the 弱暗号 scenario 新茶到了，学生妹… (policies 03#8, expected limit) 0.799; aigc_unlabeled — a live room's
# 欢迎来到直播间 (05#9, #10) 0.75; antagonism — 普信男又来了 on hot search (08#5, expected limit) 0.971.
SUITE = {"porn": 0.81, "aigc_unlabeled": 0.76, "antagonism": 0.981}
LABELS_KNOWN: frozenset[str] | None = None


def text_of(content: dict[str, Any]) -> str:
    """What the tier embeds: title and text, first MAX_CHARS characters (as `SemanticDetector.detect_cascade`)."""
    return "\n".join(t for t in (content.get("title"), content.get("text")) if isinstance(t, str) and t)[:MAX_CHARS]


def exemplars(rows: list[tuple[str, dict[str, Any]]], labels: tuple[str, ...]) -> dict[str, Any]:
    """The bank's rows: (text, examples mask, near mask, set, id), exact duplicates (text and side) kept once."""
    pair_labels: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g, r in rows:
        if r.get("pair") and (r["expect"] or {}).get("violation"):
            pair_labels[(g, r["pair"])].update(r["expect"].get("labels") or [])
    seen: set[tuple[str, bool]] = set()
    out: dict[str, list[Any]] = {"text": [], "examples": [], "near": [], "group": [], "id": []}
    for g, r in rows:
        exp = r.get("expect") or {}
        viol = bool(exp.get("violation"))
        mine = [lb for lb in exp.get("labels") or [] if lb in labels]
        if viol and not mine:
            continue
        if not viol and not r.get("hard_negative"):
            continue
        t = text_of(r["content"])
        if not t.strip() or (t, viol) in seen:
            continue
        seen.add((t, viol))
        near = pair_labels.get((g, r.get("pair") or ""), set()) if not viol else set()
        out["text"].append(t)
        out["examples"].append([lb in mine for lb in labels] if viol else [False] * len(labels))
        out["near"].append([lb in near for lb in labels])
        out["group"].append(g)
        out["id"].append(r["id"])
    return out


def thin(ex: dict[str, Any], keep: float) -> dict[str, Any]:
    """A deterministic share `keep` of the exemplars, the same share of every writer set and side (by a hash of the
    row id): the size / accuracy trade-off of a smaller bank (docs/performance.md §Session 17)."""
    if keep >= 1.0:
        return ex
    import hashlib

    sel = [i for i, rid in enumerate(ex["id"])
           if int(hashlib.sha256(f"{ex['group'][i]}/{rid}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < keep]
    return {k: [v[i] for i in sel] for k, v in ex.items()}


def make_bank(ex: dict[str, Any], vectors: np.ndarray, labels: tuple[str, ...], floors: dict[str, float],
              meta: dict[str, Any], k: int = K, sharpness: float = SHARPNESS) -> WriterBank:
    snippets = tuple(t.replace("\n", " ")[:SNIPPET] for t in ex["text"])
    return WriterBank(labels, quantized(vectors), np.array(ex["examples"], dtype=bool),
                      np.array(ex["near"], dtype=bool), tuple(ex["group"]), tuple(ex["id"]), snippets, floors,
                      k, sharpness, meta=meta)


# ---- recording ----------------------------------------------------------------------------------------------------
class TierRecorder:
    """Stands last in the cascade: per item, its signals, the writer tier's gate and skip set, its embedding, and
    the start tree's tier (authored bank) output on the same signals. Adds nothing."""

    cascade = True
    name = "semantic-recorder"
    version = "0"

    def __init__(self, writer: Any, authored: Any) -> None:
        self.writer, self.authored = writer, authored
        self.seen: list[dict[str, Any]] = []

    def detect_cascade(self, content: Any, views: Any, signals: list[Any]) -> list[Any]:
        w = self.writer
        rec: dict[str, Any] = {"obj": content, "signals": list(signals), "gated": False, "q": None, "skip": set()}
        text = "\n".join(t for t in (content.title, content.text) if t)[:MAX_CHARS]
        if text.strip() and w.gate(content, views, signals):
            rec.update(gated=True, q=w.embedder.embed([text])[0], skip=w.leaves_alone(views, signals))
        rec["authored"] = self.authored.detect_cascade(content, views, list(signals))
        self.seen.append(rec)
        return []


def record(rows: list[dict[str, Any]], draft: WriterBank) -> None:
    """Each row through the default engine, tier and stance stage off, a TierRecorder last (adds its record)."""
    import dataclasses

    from qinglang.detectors.semantic import SemanticDetector
    from qinglang.errors import InvalidContent

    engine = writer_sets.engine_with(writer_sets.without_types("stance", "semantic"))
    state = engine._current()
    dets = list(state.detectors)
    writer = SemanticDetector(embedder="static", bank="writers", max_score=0.62, writer_bank=draft)
    authored = SemanticDetector(embedder="static", min_score=0.95, min_similarity=0.0, max_score=0.75)
    writer.bind(dets)
    authored.bind(dets)
    rec = TierRecorder(writer, authored)
    engine._state = dataclasses.replace(state, cascade=(*state.cascade, rec), adjusters=())
    for r in rows:
        try:
            engine.moderate(r["content"])
        except InvalidContent:
            r["invalid"] = True
            continue
        r.update(rec.seen.pop())
    rows[:] = [r for r in rows if not r.get("invalid")]
    for r in rows:
        r["authored"] = list(r["authored"])


# ---- scoring ------------------------------------------------------------------------------------------------------
def loso_votes(rows: list[dict[str, Any]], bank: WriterBank) -> None:
    """Each gated row's vote per label and its k neighbours, by the bank without its own set and the report half."""
    gated = [r for r in rows if r["gated"]]
    if not gated:
        return
    q = np.stack([r["q"] for r in gated]).astype(np.float32)
    bg = np.array(bank.groups)
    ex = bank.examples.astype(np.float32)
    in_report = np.isin(bg, sorted(REPORT))
    for s in range(0, len(gated), 1000):
        part = gated[s:s + 1000]
        sims = q[s:s + 1000] @ bank.vectors.T
        own = np.array([r["group"] for r in part])[:, None] == bg[None, :]
        sims[own | in_report[None, :]] = -2.0
        idx = np.argpartition(-sims, bank.k - 1, axis=1)[:, :bank.k]
        top = np.take_along_axis(sims, idx, 1)
        w = np.exp(bank.sharpness * (top - 1.0))
        v = np.einsum("ik,ikl->il", w, ex[idx]) / w.sum(1, keepdims=True)
        for j, r in enumerate(part):
            order = np.argsort(-top[j], kind="stable")
            r["votes"], r["nn"], r["nn_sims"] = v[j], idx[j][order], top[j][order]


def tier_signals(r: dict[str, Any], bank: WriterBank, floors: dict[str, float], only: str | None = None
                 ) -> list[Any]:
    """The writer tier's signals on a recorded row at `floors` (as `SemanticDetector.vote`, from the LOSO votes)."""
    from qinglang.model import Evidence, Signal

    if "votes" not in r:
        return []
    out = []
    for k, label in enumerate(bank.labels):
        f = floors.get(label)
        v = float(r["votes"][k])
        if f is None or v < f or label in r["skip"] or (only is not None and label != only):
            continue
        first = next(int(i) for i in r["nn"] if bank.examples[i, k])
        ev = Evidence(field="semantic", start=0, end=0, text="", normalized=bank.texts[first],
                      rule=f"semantic.{label}.writers", detector="semantic@loso",
                      value=f"{label} vote={v:.3f} nearest={bank.groups[first]}/{bank.ids[first]}")
        out.append(Signal(label, round(min(0.62, v), 4), f"semantic.{label}", "semantic@loso", (ev,)))
    return out


class Outcomes:
    """(caught, acted) of a recorded row with some cascade signals added (scope pass, policy, stance, policy)."""

    def __init__(self) -> None:
        from train_recall_heads import Replay, engine_without, stance_stage

        replay = Replay.__new__(Replay)  # Replay's own engine builds the default registry's tier: this one is off
        replay.engine = engine_without("stance", "recall", "semantic")
        replay.stance, replay.norm, replay.cascade = stance_stage(), replay.engine.normalizer, False
        self.replay = replay
        self._views: dict[str, Any] = {}

    def views(self, r: dict[str, Any]) -> Any:
        from qinglang.detectors.base import Views

        key = f"{r['group']}/{r['id']}"
        v = self._views.get(key)
        if v is None:
            v = self._views[key] = Views.build(r["obj"], self.replay.norm)
        return v

    def __call__(self, r: dict[str, Any], add: list[Any]) -> tuple[bool, bool]:
        from qinglang.scoping import scope_signals
        from qinglang.text.acts import read_acts

        views = self.views(r)
        if add:
            acts = read_acts(views)
            add = scope_signals(add, acts) if acts.acts else add
        return self.replay.outcome(r, [*r["signals"], *add], views)


def count(rows: list[dict[str, Any]], out: dict[str, tuple[bool, bool]]) -> dict[str, Counter]:
    per: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        c, a = out[r["key"]]
        p = per[r["group"]]
        p["violations"] += r["violation"]
        p["caught"] += c
        p["hard"] += a and r["hard"]
        p["innocent"] += a and not r["violation"]
        p["hard_n"] += r["hard"]
        if "/task" in r["file"]:
            p["task_v"] += r["violation"]
            p["task_caught"] += c
            p["task_hard"] += a and r["hard"]
            p["task_hard_n"] += r["hard"]
    return per


def choose_floors(rows: list[dict[str, Any]], bank: WriterBank, outcome: Outcomes, base: dict[str, tuple[bool, bool]]
                  ) -> tuple[dict[str, float], dict[str, Any]]:
    """Per label, on the tune half: the floor with the most violations gained, no hard negative more, at most one
    other innocent row more per five gained (the lower floor on a tie), then raised where `SUITE` says."""
    tune = [r for r in rows if r["group"] not in REPORT and "votes" in r]
    floors, table = {}, {}
    for k, label in enumerate(bank.labels):
        cand = [r for r in tune if float(r["votes"][k]) >= LOWEST and label not in r["skip"]]
        per_floor = {}
        for f in GRID:
            d = Counter()
            for r in cand:
                if float(r["votes"][k]) < f:
                    continue
                c1, a1 = outcome(r, tier_signals(r, bank, {label: f}, only=label))
                c0, a0 = base[r["key"]]
                d["caught"] += c1 - c0
                d["hard"] += (a1 - a0) * r["hard"]
                d["innocent"] += (a1 - a0) * (not r["hard"]) * (not r["violation"])
            per_floor[f] = d
        best = None
        for f in GRID:
            d = per_floor[f]
            if d["caught"] > 0 and d["hard"] <= 0 and d["innocent"] * 5 <= d["caught"] and (
                    best is None or d["caught"] > per_floor[best]["caught"]):
                best = f
        table[label] = {str(f): dict(per_floor[f]) for f in GRID}
        if best is not None and label in SUITE and SUITE[label] > best:
            raised = next((f for f in GRID if f >= SUITE[label]), None)
            ok = raised is not None and per_floor[raised]["caught"] > 0
            print(f"  {label}: raised over the suite's hard negative {best} -> {raised if ok else 'not listed'}",
                  file=sys.stderr)
            best = raised if ok else None
        if best is not None:
            floors[label] = best
        print(f"  {label:18s} floor {best}  " + " ".join(
            f"{f}:{per_floor[f]['caught']:+d}/{per_floor[f]['hard']:+d}/{per_floor[f]['innocent']:+d}" for f in GRID),
            file=sys.stderr, flush=True)
    return floors, table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, help="recorded rows (pickle): reused when present")
    ap.add_argument("--report", type=Path, help="write the figures as JSON here")
    ap.add_argument("--no-save", action="store_true", help="figures only, the shipped bank untouched")
    ap.add_argument("--out", type=Path, default=None, help="bank file (default: the shipped one)")
    ap.add_argument("--keep", type=float, default=1.0, help="share of the exemplars kept (per set and side)")
    ap.add_argument("--k", type=int, default=K, help="neighbours that vote")
    ap.add_argument("--sharpness", type=float, default=SHARPNESS, help="weight exp(sharpness * (cos - 1))")
    args = ap.parse_args(argv)
    from qinglang.labels import LABELS
    from qinglang.semantic.static import StaticEmbedder

    t0 = time.time()
    labels = tuple(sorted(LABELS))
    raw = [(g, r) for g, _p, r in writer_sets.rows()]
    ex = thin(exemplars(raw, labels), args.keep)
    vectors = StaticEmbedder().embed(ex["text"])
    used = tuple(lb for k, lb in enumerate(labels) if any(e[k] for e in ex["examples"]))
    cols = [labels.index(lb) for lb in used]
    ex["examples"] = [[e[c] for c in cols] for e in ex["examples"]]
    ex["near"] = [[e[c] for c in cols] for e in ex["near"]]
    meta = {"command": "python tools/build_writer_bank.py", "report_half": sorted(REPORT), "grid": list(GRID),
            "source": "writer_sets.rows(): corpus/train, tests/data/blind (dev, unseen*; never holdout), corpus/twins"}
    bank = make_bank(ex, vectors, used, {}, meta, args.k, args.sharpness)
    print(f"bank: {len(bank.ids)} exemplars ({int(bank.positive.sum())} examples, {int((~bank.positive).sum())} "
          f"contrast), {len(used)} labels, {len(set(bank.groups))} writer sets ({time.time() - t0:.0f} s)",
          file=sys.stderr, flush=True)

    if args.cache and args.cache.exists():
        rows = pickle.loads(args.cache.read_bytes())
    else:
        rows = [{"group": g, "id": r["id"], "content": r["content"], "expect": r["expect"],
                 "violation": bool(r["expect"].get("violation")), "hard": bool(r.get("hard_negative")),
                 "file": str(p)} for g, p, r in writer_sets.rows()]
        record(rows, make_bank(ex, vectors, used, {lb: LOWEST for lb in used}, meta))
        for r in rows:
            r["key"] = f"{r['group']}/{r['id']}/{r['file']}"
        if args.cache:
            args.cache.write_bytes(pickle.dumps(rows))
    gated = sum(r["gated"] for r in rows)
    print(f"{len(rows)} rows recorded, {gated} gated ({gated / max(1, len(rows)):.1%}) ({time.time() - t0:.0f} s)",
          file=sys.stderr, flush=True)
    loso_votes(rows, bank)
    outcome = Outcomes()
    base = {r["key"]: outcome(r, []) for r in rows}
    authored = {r["key"]: (outcome(r, r["authored"]) if r["authored"] else base[r["key"]]) for r in rows}
    print(f"base outcomes ({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
    floors, table = choose_floors(rows, bank, outcome, base)
    after = {r["key"]: outcome(r, sigs) if (sigs := tier_signals(r, bank, floors)) else base[r["key"]] for r in rows}
    figures = summarize(rows, base, authored, after, bank, floors)
    print(json.dumps(figures["halves"], indent=1), flush=True)
    if args.report:
        args.report.write_text(json.dumps({"floors": floors, "grid": table, **figures}, ensure_ascii=False,
                                          indent=1), "utf-8")
    if not args.no_save:
        final = make_bank(ex, vectors, used, floors, {**meta, "figures": figures["halves"]}, args.k, args.sharpness)
        out = args.out or bank_path()
        save_bank(final, out)
        print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


def summarize(rows: list[dict[str, Any]], base: dict[str, Any], authored: dict[str, Any], after: dict[str, Any],
              bank: WriterBank, floors: dict[str, float]) -> dict[str, Any]:
    """Per half and named set: off / start tier (authored) / writer tier; per label, the rows only the writer tier
    catches (tier off: not caught) and the hard negatives it acts on."""
    def half(g: str) -> str:
        return "report" if g in REPORT else "tune"

    runs = {"off": count(rows, base), "authored": count(rows, authored), "writers": count(rows, after)}
    halves: dict[str, Any] = {}
    for name, per in runs.items():
        for g, c in per.items():
            for key in ([half(g), g] if g in REPORT or g in NAMED_TUNE else [half(g)]):
                halves.setdefault(key, {}).setdefault(name, Counter()).update(c)
    halves = {k: {n: dict(c) for n, c in v.items()} for k, v in halves.items()}
    only: dict[str, Any] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        c0, a0 = base[r["key"]]
        c1, a1 = after[r["key"]]
        if c1 == c0 and a1 == a0:
            continue
        sig = {s.label for s in tier_signals(r, bank, floors)}
        for lb in sorted(sig):
            kind = "caught" if c1 and not c0 else ("lost" if c0 and not c1 else (
                "hard" if a1 and not a0 and r["hard"] else ("innocent" if a1 and not a0 else "other")))
            only[half(r["group"])][f"{lb}:{kind}"].append(f"{r['group']}/{r['id']}")
    return {"halves": halves, "changed": {h: dict(v) for h, v in only.items()}, "floors": floors}


if __name__ == "__main__":
    raise SystemExit(main())
