"""Build the semantic tier's writer bank (`qinglang/semantic/data/bank_writers.npz`) and choose its floors
leave-one-set-out through the engine — one command:

    python tools/build_writer_bank.py --cache /tmp/wb.pkl --report /tmp/wb.json   # record, score, choose, ship
    python tools/build_writer_bank.py --cache /tmp/wb.pkl --no-save               # figures only

Exemplars (`qinglang.semantic.writers`): every violating row of every writer set (`writer_sets.rows`, the blind holdout
never) is an example of its expected labels; every hard negative (the twin pairs' rows B among them) a contrast, beside
its pair's labels where it has a pair. A row's text is its title and text, first `MAX_CHARS` characters, embedded with
the static table. Exact duplicates (same text, same side) are kept once.

Scoring, leave-one-set-out: each row is scored by the bank without its own writer set and without the report half
(`writer_sets.RULES_REPORT`: S30, t42, unseen25 in session 23); the report sets' rows by the bank without the report
half. Each row went once through the default engine with the semantic tier and the stance stage off; a recorder
standing last in the cascade kept its signals, the tier's gate (`SemanticDetector.gate`), the labels the tier leaves
alone (acted on, talked about, refuted) and the post's embedding. The tier's signals are then added, the scope pass
runs on them, the policy decides, and where it acts the shipped stance stage discounts and the policy runs again
(`Replay.outcome` of train_recall_heads). Caught: an expected label with a non-pass action; acted on: an action
stricter than the row's mildest correct one.

Floors: per label, on the tune half (every set but the report half), the floor of `GRID` with the most violations
gained with no hard negative more and at most one other innocent row per five gained (the recall heads' rule,
`train_recall_heads._passes`; the lower floor on a tie). Each floor's wrong labels are counted beside (a row where the
tier's label stands in the decision and the writer did not expect it: a wrong co-label on a violation, a label on an
innocent row the engine acted on anyway), and (session 18) a floor adds at most `WRONG_PER_GAIN` of them per
violation gained. A label with no floor is never reported. A floor the suite's own hard negatives need higher is
raised to the lowest grid floor at least 0.01 over the suite row's vote (`SUITE_ROWS`, as learn16 did for the recall
heads; the vote is computed with the bank being built).

The vote (session 18): an example counts 1 for each of its labels, except `CO_WEIGHT` for a co-label that is a rival
(`RIVALS`) of the label its row was written for (its first expected label); the tier leaves alone a label whose rival
the cheap pass acts on. `CO_WEIGHT` and `WRONG_PER_GAIN` were chosen on the tune half (docs/accuracy.md §23,
semantic18).

The report half is scored at those floors. The shipped bank holds every set's rows (report half included); the
figures printed come from banks without the report half. `start` in the figures is the bank shipped before the build
(read before it is replaced), scored without each row's own set: what the start tree's tier does on these rows.
"""

from __future__ import annotations

import argparse
import dataclasses
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
NAMED_TUNE = writer_sets.RULES_TUNE  # the rule engineers' named tune sets of this session, printed apart
GRID = (0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
K, SHARPNESS = 20, 20.0  # chosen on the tune half through the engine (docs/accuracy.md §22): 5/10/20/40 × 10/20/40
# Session 20, 80 sets (LOSO replay, floors re-chosen each time; tune caught / HN): k 20 s 20 11,878 / 337, k 10 11,887 /
# 338, k 40 11,885 / 338, s 10 11,863 / 337, s 40 11,872 / 338 — one hard negative more for 7-9 rows: kept (§25.x).
LOWEST = GRID[0]
# Session 18, chosen together on the tune half: the most violations gained while the tier's wrong labels in decisions
# stay at most the violations it gains (tune, LOSO replay; rivals of acted labels left alone in every run):
#   every co-label in full (session 17's vote), no wrong-label limit  +63 / 102 wrong labels
#   every co-label 0.5 / 0.25 / 0, no limit                           +62 / 80, +62 / 86, +61 / 74
#   rival co-labels 0 / 0.5, no limit                                 +69 / 153, +67 / 133
#   rival co-labels 0, at most 1 / 2 / 3 wrong labels per gain        +51 / 32, +63 / 58, +63 / 58
#   rival co-labels 0.5, at most 1 / 2                                +50 / 31, +62 / 57
# (docs/accuracy.md §23 semantic18, with the report half's figures, which chose nothing)
CO_WEIGHT = 0.0  # the vote of a co-label that is a rival of the label the example was written for
# Label pairs that compete for the same words (the lead's brief for session 18, from the two fresh sets' wrong co-labels
# and the notice's neighbouring harms): the tier does not add one where the cheap pass acts on the other.
RIVALS = (("abuse", "antagonism"), ("drainage", "grooming"), ("porn", "vulgar"), ("false_ad", "false_science"))
WRONG_PER_GAIN: float | None = 2.0  # a floor adds at most two wrong labels per violation it gains
# Session 19: the tier's gate opens on a cheap-pass candidate of any label the bank has examples of (`WriterBank.gate`
# "bank"), not only of the labels with a floor; the floors are chosen with that gate. On the tune half (LOSO replay,
# floors chosen with each gate) listed +41 / 29 wrong labels, bank +55 / 48 (docs/accuracy.md §24, semantic19).
GATE = "bank"
# Floors raised over the suite's own hard negatives and scenarios (the lowest grid floor >= the row's vote + 0.01,
# learn16's rule for the heads; a label whose raised floor gains nothing on the tune half, or that no grid floor
# clears, is not listed). Session 18: each row names the labels it may carry (its test's expectation), and every
# other label's floor is raised over the row's vote for it (session 17 listed one label per row):
# 考试前一晚瑟瑟发抖，背地里福利都不敢想 (tests/detectors/test_drainage_s14.py, pass); the 弱暗号 scenario
# 新茶到了，学生妹 (tests/scenarios/03, drainage); a live room's 欢迎来到直播间 (tests/scenarios/05, pass);
# 普信男又来了 on hot search (tests/scenarios/08, language_misuse); a plain job ad on 同城,
# 招聘KTV服务员 日结300 包吃住 当天上岗 (tests/frames/test_frames_classes_6_8.py, spared), which sits among KTV 公关
# recruitment lures. Session 20 (minors_harm listed for the first time): a bedtime story told to a nine-year-old in
# minors mode, 睡前故事《小红帽》… (tests/frames/test_frames_classes_session14.py, spared), which sits among the
# writers' twisted-fairy-tale examples; a shop's notice that a member's stored value expires,
# 会员您好，您的会员余额即将清零… (tests/detectors/test_drainage_s15.py, innocent), which sits among dormant-balance
# gambling SMS. The votes are computed with the bank being built.
SUITE_ROWS: dict[str, tuple[str, ...]] = {
    "考试前一晚瑟瑟发抖，背地里福利都不敢想": (), "新茶到了，学生妹": ("drainage",), "欢迎来到直播间": (),
    "普信男又来了": ("language_misuse",), "招聘KTV服务员 日结300 包吃住 当天上岗": (),
    "睡前故事《小红帽》：大灰狼假扮外婆，最后猎人救出了小红帽和外婆": (),
    "会员您好，您的会员余额即将清零，请尽快登录APP使用": ()}
LABELS_KNOWN: frozenset[str] | None = None
# Session 21 (semantic21): each label's own number of voting neighbours, chosen of `LABEL_KS` on the tune half
# (`choose_label_k`; the floors then chosen again with them). On the tune half (LOSO replay, 86 sets, floors re-chosen)
# k 20 for every label 12,813 caught / 384 hard negatives acted on, per-label k 12,825 / 384 (docs/accuracy.md §26.1).
LABEL_KS = (10, 20, 40)
# Measured, not shipped (the same replay): a neighbour written for another surface than the post's counts 0.5 / 0.25
# of its weight: 12,812 / 385 and 12,814 / 385 (one hard negative more for 1 row); with per-label k 12,829 / 385 and
# 12,827 / 385. `--surface-weight` replays them.
SURFACE_WEIGHT = 1.0
# Session 21: a floor must gain at least two tune violations — one row is no evidence that a label's vote carries, and
# the one-row listings of the 86-set rebuild cost more than they gave: language_misuse at .7 (+1 tune row, 2 wrong
# labels on the tune half; 4 more safe COLD comments labelled, one report row's wrong co-label) and extortion at .75
# (+1, 2 wrong labels). Written after reading those figures (docs/accuracy.md §26.1): not evidence on the report half.
MIN_GAIN = 2


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
    out: dict[str, list[Any]] = {"text": [], "examples": [], "near": [], "group": [], "id": [], "primary": [],
                                 "surface": []}
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
        out["primary"].append(mine[0] if viol else None)  # the label the row was written for: the first expected
        out["surface"].append(r["content"].get("surface") or "feed")  # as `Content` reads it (feed when unnamed)
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
              meta: dict[str, Any], k: int = K, sharpness: float = SHARPNESS, co_weight: float = CO_WEIGHT,
              rivals: tuple[tuple[str, str], ...] = RIVALS, gate: str = GATE, label_k: dict[str, int] | None = None,
              surface_weight: float = SURFACE_WEIGHT) -> WriterBank:
    snippets = tuple(t.replace("\n", " ")[:SNIPPET] for t in ex["text"])
    primary = np.array([labels.index(p) if p is not None else -1 for p in ex["primary"]], dtype=np.int64)
    rivals = tuple(p for p in rivals if p[0] in labels and p[1] in labels)
    return WriterBank(labels, quantized(vectors), np.array(ex["examples"], dtype=bool),
                      np.array(ex["near"], dtype=bool), tuple(ex["group"]), tuple(ex["id"]), snippets, floors,
                      k, sharpness, meta=meta, primary=primary, co_weight=co_weight, rivals=rivals, gate=gate,
                      label_k=label_k or None, surfaces=tuple(ex["surface"]) if "surface" in ex else None,
                      surface_weight=surface_weight)


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
def loso_votes(rows: list[dict[str, Any]], bank: WriterBank, key: str = "") -> None:
    """Each gated row's vote per label and its `k_max` neighbours, by the bank without its own set and the report half
    (stored as `votes`, `nn`, `nn_sims`, with `key` appended: another bank's votes beside them); each label over its
    own k nearest (`WriterBank.k_of`), a neighbour of another surface than the row's discounted by the bank's
    `surface_weight` (`WriterBank.vote_of`)."""
    gated = [r for r in rows if r["gated"]]
    if not gated:
        return
    q = np.stack([r["q"] for r in gated]).astype(np.float32)
    bg = np.array(bank.groups)
    ex = bank.weights
    in_report = np.isin(bg, sorted(REPORT))
    kmax = bank.k_max
    ks = np.array([bank.k_of(lb) for lb in bank.labels]) - 1
    cols = np.arange(len(bank.labels))
    surf = np.array(bank.surfaces) if bank.surfaces is not None and bank.surface_weight < 1.0 else None
    for s in range(0, len(gated), 1000):
        part = gated[s:s + 1000]
        sims = q[s:s + 1000] @ bank.vectors.T
        own = np.array([r["group"] for r in part])[:, None] == bg[None, :]
        sims[own | in_report[None, :]] = -2.0
        idx = np.argpartition(-sims, kmax - 1, axis=1)[:, :kmax]
        top = np.take_along_axis(sims, idx, 1)
        order = np.argsort(-top, axis=1, kind="stable")
        idx, top = np.take_along_axis(idx, order, 1), np.take_along_axis(top, order, 1)
        w = np.exp(bank.sharpness * (top - 1.0))
        if surf is not None:
            mine = np.array([r["obj"].surface for r in part])
            w = np.where(surf[idx] == mine[:, None], w, w * bank.surface_weight)
        cum = np.cumsum(w[:, :, None] * ex[idx], axis=1)  # (rows, kmax, labels): each label's vote over its k
        v = cum[:, ks, cols] / np.cumsum(w, axis=1)[:, ks]
        for j, r in enumerate(part):
            r["votes" + key], r["nn" + key], r["nn_sims" + key] = v[j], idx[j], top[j]


def choose_label_k(rows: list[dict[str, Any]], bank: WriterBank, outcome: Outcomes, base: dict[str, Any],
                   ks: tuple[int, ...], wrong_per_gain: float | None = WRONG_PER_GAIN) -> dict[str, int]:
    """Session 21: per label, the number of voting neighbours of `ks` whose floor (chosen by `choose_floors` with
    every label voting over that k) gains the most tune violations; the bank's `k` on a tie, and for a label no k
    lists. The rows keep the last trial's votes: the caller scores them again with the bank it builds."""
    gain: dict[str, dict[int, int]] = defaultdict(dict)
    for kk in ks:
        trial = dataclasses.replace(bank, k=kk, label_k=None)
        loso_votes(rows, trial)
        floors, table = choose_floors(rows, trial, outcome, base, wrong_per_gain)
        for lb, f in floors.items():
            gain[lb][kk] = int(table[lb][str(f)]["caught"])
        print(f"  k {kk}: " + " ".join(f"{lb} {f}:{gain[lb][kk]:+d}" for lb, f in sorted(floors.items())),
              file=sys.stderr, flush=True)
    out = {}
    for lb, per in sorted(gain.items()):
        best = max(per.items(), key=lambda kv: (kv[1], kv[0] == bank.k))[0]
        if best != bank.k and per[best] > per.get(bank.k, 0):
            out[lb] = best
    return out


def skipped(r: dict[str, Any], bank: WriterBank) -> set[str]:
    """The labels the tier leaves alone on a recorded row: what the recorder kept (`leaves_alone` of a bank without
    rivals) and the rivals of the labels the cheap pass acts on (`SemanticDetector.leaves_alone` with this bank)."""
    from qinglang.detectors.semantic import ACTED

    return set(r["skip"]) | bank.rivals_of({s.label for s in r["signals"] if s.score >= ACTED})


def gate_parts(rows: list[dict[str, Any]], outcome: Outcomes) -> None:
    """What opens the tier's gate on each recorded row, kept apart from the labels a bank lists (session 18):
    `sensitive` (a sensitive surface or a minor audience: always) and `opens` (the labels with a cheap-pass candidate
    signal or a frame near miss). The recorder gated with every label listed; the shipped tier's gate opens only for
    its listed labels (`SemanticDetector.gate`), so a row gated by a candidate of an unlisted label never reaches the
    vote."""
    from qinglang.detectors.semantic import ACTED, SENSITIVE_SURFACES
    from qinglang.policy.schema import is_minor_audience

    frames = next((d for d in outcome.replay.engine._current().detectors if hasattr(d, "near_misses")), None)
    floor = 0.15  # SemanticDetector's candidate_floor (Params default, as registered)
    for r in rows:
        if "opens" in r or not r["gated"]:
            continue
        c = r["obj"]
        r["sensitive"] = c.surface in SENSITIVE_SURFACES or is_minor_audience(c)
        opens = {s.label for s in r["signals"] if floor <= s.score < ACTED}
        if frames is not None and not r["sensitive"]:
            opens |= frames.near_misses(c, outcome.views(r), None)
        r["opens"] = opens


def tier_signals(r: dict[str, Any], bank: WriterBank, floors: dict[str, float], only: str | None = None,
                 key: str = "", listed: set[str] | None = None) -> list[Any]:
    """The writer tier's signals on a recorded row at `floors` (as `SemanticDetector.vote`, from the LOSO votes), where
    its gate opens for the `listed` labels (default: the bank's `gate` — every bank label, or those of `floors`;
    `gate_parts`)."""
    from qinglang.model import Evidence, Signal

    if "votes" + key not in r:
        return []
    gate = bank.gate_labels_at(floors) if listed is None else listed
    if "opens" in r and not (r["sensitive"] or r["opens"] & gate):
        return []
    out = []
    skip = skipped(r, bank)
    for k, label in enumerate(bank.labels):
        f = floors.get(label)
        v = float(r["votes" + key][k])
        if f is None or v < f or label in skip or (only is not None and label != only):
            continue
        first = next(int(i) for i in r["nn" + key] if bank.examples[i, k])
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

    def __call__(self, r: dict[str, Any], add: list[Any]) -> tuple[bool, bool, frozenset[str]]:
        """(caught, acted, the labels the policy acted on — empty when it passes), as `Replay.judge` decides."""
        from qinglang.scoping import scope_signals
        from qinglang.text.acts import read_acts

        views = self.views(r)
        if add:
            acts = read_acts(views)
            add = scope_signals(add, acts) if acts.acts else add
        return self.replay.judge(r, [*r["signals"], *add], views)


def count(rows: list[dict[str, Any]], out: dict[str, tuple[bool, bool, frozenset[str]]]) -> dict[str, Counter]:
    per: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        c, a, _ = out[r["key"]]
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


def wrong_labels(r: dict[str, Any], before: frozenset[str], after: frozenset[str], labels: set[str]) -> int:
    """Of the tier's `labels`, how many stand in the decision after and not before although the writer did not expect
    them (a wrong co-label on a violation; a label on an innocent row)."""
    want = set(r["expect"].get("labels") or [])
    return sum(1 for lb in labels if lb in after and lb not in before and lb not in want)


def suite_votes(bank: WriterBank) -> dict[str, float]:
    """Per label, the bank's highest vote on a `SUITE_ROWS` row that may not carry it, with every exemplar voting (the
    suite's rows are no writer's)."""
    from qinglang.semantic.static import StaticEmbedder

    emb = StaticEmbedder()
    out: dict[str, float] = {}
    for text, allowed in SUITE_ROWS.items():
        votes = bank.votes(emb.embed([text])[0])[0]
        for k, label in enumerate(bank.labels):
            if label not in allowed:
                out[label] = max(out.get(label, 0.0), float(votes[k]))
    return out


def choose_floors(rows: list[dict[str, Any]], bank: WriterBank, outcome: Outcomes, base: dict[str, Any],
                  wrong_per_gain: float | None = WRONG_PER_GAIN) -> tuple[dict[str, float], dict[str, Any]]:
    """`choose_floors_once` until the listed labels stop changing (at most four passes): the gate the floors are chosen
    with opens for the labels the bank will list, as the shipped tier's does (`SemanticDetector.gate`)."""
    listed: set[str] = set(bank.gate_labels_at({}))  # every bank label, or (gate "listed") none before the first pass
    floors: dict[str, float] = {}
    table: dict[str, Any] = {}
    for n in range(4):
        floors, table = choose_floors_once(rows, bank, outcome, base, wrong_per_gain, listed)
        print(f"  pass {n + 1}: {len(floors)} labels listed", file=sys.stderr, flush=True)
        if bank.gate == "bank" or set(floors) == listed:
            break  # the gate opens for every bank label: the floors do not change it
        listed = set(floors)
    return floors, table


def choose_floors_once(rows: list[dict[str, Any]], bank: WriterBank, outcome: Outcomes, base: dict[str, Any],
                       wrong_per_gain: float | None, listed: set[str]) -> tuple[dict[str, float], dict[str, Any]]:
    """Per label, on the tune half: the floor with the most violations gained (at least `MIN_GAIN`), no hard negative
    more, at most one other innocent row more per five gained (and, with `wrong_per_gain`, at most that many wrong
    labels per row gained; the lower floor on a tie), then raised over the suite rows' votes (`SUITE_ROWS`)."""
    tune = [r for r in rows if r["group"] not in REPORT and "votes" in r]
    report = [r for r in rows if r["group"] in REPORT and "votes" in r]
    suite = suite_votes(bank)
    floors, table = {}, {}

    def at_floors(half: list[dict[str, Any]], k: int, label: str) -> dict[float, Counter]:
        cand = [r for r in half if float(r["votes"][k]) >= LOWEST and label not in skipped(r, bank)]
        per_floor = {}
        for f in GRID:
            d = Counter()
            for r in cand:
                if float(r["votes"][k]) < f:
                    continue
                c1, a1, g1 = outcome(r, tier_signals(r, bank, {label: f}, only=label, listed=listed | {label}))
                c0, a0, g0 = base[r["key"]]
                d["caught"] += c1 - c0
                d["hard"] += (a1 - a0) * r["hard"]
                d["innocent"] += (a1 - a0) * (not r["hard"]) * (not r["violation"])
                d["wrong"] += wrong_labels(r, g0, g1, {label})
            per_floor[f] = d
        return per_floor

    for k, label in enumerate(bank.labels):
        per_floor = at_floors(tune, k, label)
        best = None
        for f in GRID:
            d = per_floor[f]
            if d["caught"] >= MIN_GAIN and d["hard"] <= 0 and d["innocent"] * 5 <= d["caught"] and (
                    wrong_per_gain is None or d["wrong"] <= wrong_per_gain * d["caught"]) and (
                    best is None or d["caught"] > per_floor[best]["caught"]):
                best = f
        # the report half's figures at every floor beside the tune half's (they choose nothing: docs/accuracy.md §24)
        table[label] = {str(f): dict(per_floor[f]) for f in GRID}
        table[label]["report"] = {str(f): dict(d) for f, d in at_floors(report, k, label).items()}
        if best is not None and label in suite and suite[label] + 0.01 > best:
            raised = next((f for f in GRID if f >= suite[label] + 0.01), None)
            ok = raised is not None and per_floor[raised]["caught"] > 0
            print(f"  {label}: raised over the suite's row (vote {suite[label]:.3f}) {best} -> "
                  f"{raised if ok else 'not listed'}", file=sys.stderr)
            best = raised if ok else None
        if best is not None:
            floors[label] = best
        print(f"  {label:18s} floor {best}  " + " ".join(
            f"{f}:{per_floor[f]['caught']:+d}/{per_floor[f]['hard']:+d}/{per_floor[f]['innocent']:+d}/"
            f"{per_floor[f]['wrong']}w" for f in GRID), file=sys.stderr, flush=True)
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
    ap.add_argument("--co-weight", type=float, default=CO_WEIGHT,
                    help="the vote of a co-label that is a rival of the label the example was written for")
    ap.add_argument("--wrong-per-gain", type=float, default=WRONG_PER_GAIN,
                    help="floors add at most this many wrong labels per violation gained (a negative value: no limit)")
    ap.add_argument("--gate", choices=("listed", "bank"), default=GATE,
                    help="whose cheap-pass candidates open the gate: the labels with a floor, or every bank label")
    ap.add_argument("--label-ks", default=",".join(map(str, LABEL_KS)),
                    help="the numbers of voting neighbours each label's own k is chosen of (empty: every label k)")
    ap.add_argument("--surface-weight", type=float, default=SURFACE_WEIGHT,
                    help="the share of its weight a neighbour written for another surface than the post's keeps")
    ap.add_argument("--start", type=Path, default=None, help="the bank to compare with (default: the shipped one, "
                    "read before it is replaced)")
    args = ap.parse_args(argv)
    from qinglang.semantic.writers import load_writer_bank

    start_path = args.start or bank_path()
    start = load_writer_bank(start_path) if start_path.exists() else None
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
    bank = make_bank(ex, vectors, used, {}, meta, args.k, args.sharpness, args.co_weight, gate=args.gate,
                     surface_weight=args.surface_weight)
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
    gate_parts(rows, outcome)
    base = {r["key"]: outcome(r, []) for r in rows}
    before = base
    if start is not None:  # the start tree's tier: its bank without each row's own set, its floors
        loso_votes(rows, start, "_start")
        before = {r["key"]: outcome(r, sigs) if (sigs := tier_signals(r, start, start.floors, key="_start"))
                  else base[r["key"]] for r in rows}
    print(f"base outcomes ({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
    ks = tuple(int(x) for x in args.label_ks.split(",") if x.strip())
    label_k: dict[str, int] = {}
    if ks:
        label_k = choose_label_k(rows, bank, outcome, base, ks,
                                 args.wrong_per_gain if args.wrong_per_gain >= 0 else None)
        print(f"  label k: {label_k}", file=sys.stderr, flush=True)
        bank = dataclasses.replace(bank, label_k=label_k or None)
        loso_votes(rows, bank)
    floors, table = choose_floors(rows, bank, outcome, base,
                                  args.wrong_per_gain if args.wrong_per_gain >= 0 else None)
    after = {r["key"]: outcome(r, sigs) if (sigs := tier_signals(r, bank, floors)) else base[r["key"]] for r in rows}
    figures = summarize(rows, base, before, after, bank, floors, start)
    print(json.dumps(figures["halves"], indent=1), flush=True)
    if args.report:
        args.report.write_text(json.dumps({"floors": floors, "label_k": label_k, "grid": table, **figures},
                                          ensure_ascii=False, indent=1), "utf-8")
    if not args.no_save:
        final = make_bank(ex, vectors, used, floors, {**meta, "figures": figures["halves"]}, args.k, args.sharpness,
                          args.co_weight, gate=args.gate, label_k=label_k, surface_weight=args.surface_weight)
        out = args.out or bank_path()
        save_bank(final, out)
        print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


def summarize(rows: list[dict[str, Any]], base: dict[str, Any], start: dict[str, Any], after: dict[str, Any],
              bank: WriterBank, floors: dict[str, float], start_bank: WriterBank | None = None) -> dict[str, Any]:
    """Per half and named set: tier off / the start tree's bank (`start`) / the bank built; per label and half, the
    rows only the built tier catches (tier off: not caught), the hard negatives it acts on, the rows the start bank
    caught and it does not, and the precision of its labels: rows it labels, of them right (an expected label),
    wrong co-labels (a violation, another label), on innocent rows; and the wrong labels that stand in the decision
    (as the start bank's, in `labels_start`)."""
    def half(g: str) -> str:
        return "report" if g in REPORT else "tune"

    runs = {"off": count(rows, base), "start": count(rows, start), "writers": count(rows, after)}
    halves: dict[str, Any] = {}
    for name, per in runs.items():
        for g, c in per.items():
            for key in ([half(g), g] if g in REPORT or g in NAMED_TUNE else [half(g)]):
                halves.setdefault(key, {}).setdefault(name, Counter()).update(c)
    halves = {k: {n: dict(c) for n, c in v.items()} for k, v in halves.items()}
    only: dict[str, Any] = defaultdict(lambda: defaultdict(list))
    precision: dict[str, Any] = {}
    for name, out, b_, key in (("labels", after, bank, ""), ("labels_start", start, start_bank, "_start")):
        per: dict[str, Counter] = defaultdict(Counter)
        if b_ is not None:
            for r in rows:
                sigs = {s.label for s in tier_signals(r, b_, floors if name == "labels" else b_.floors, key=key)}
                want = set(r["expect"].get("labels") or [])
                _c0, _a0, g0 = base[r["key"]]
                _c1, _a1, g1 = out[r["key"]]
                for lb in sigs:
                    c = per[f"{half(r['group'])}:{lb}"]
                    c["labelled"] += 1
                    c["right"] += r["violation"] and lb in want
                    c["wrong_co"] += r["violation"] and lb not in want
                    c["on_innocent"] += not r["violation"]
                    c["wrong_in_decision"] += wrong_labels(r, g0, g1, {lb})
        precision[name] = {k: dict(v) for k, v in sorted(per.items())}
    for r in rows:
        c0, a0, _ = base[r["key"]]
        c1, a1, _ = after[r["key"]]
        cs, _as, _ = start[r["key"]]
        if cs and not c1:
            only[half(r["group"])]["lost_against_start"].append(f"{r['group']}/{r['id']}")
        if c1 == c0 and a1 == a0:
            continue
        sig = {s.label for s in tier_signals(r, bank, floors)}
        for lb in sorted(sig):
            kind = "caught" if c1 and not c0 else ("lost" if c0 and not c1 else (
                "hard" if a1 and not a0 and r["hard"] else ("innocent" if a1 and not a0 else "other")))
            only[half(r["group"])][f"{lb}:{kind}"].append(f"{r['group']}/{r['id']}")
    return {"halves": halves, "changed": {h: dict(v) for h, v in only.items()}, "floors": floors,
            "precision": precision}


if __name__ == "__main__":
    raise SystemExit(main())
