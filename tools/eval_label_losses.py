"""Where a label's violations were lost, and why its hard negatives were acted on (session 18, labels18; issue 15).

    python tools/eval_label_losses.py --cache /tmp/rows.jsonl [--labels clickbait,porn,vulgar,false_ad]
                                      [--out LOSSES.json] [--before OLD_LOSSES.json] [--rows tune]

A violation that expects label L and does not get it acted on (`eval_campaign_blind.predicted_labels`) is **lost**
for L. The row is decided again with `explain=True` and the loss is read off the engine's own evidence for L (the
trace's final signals, each evidence with its rule and `scope`), first that applies:
- `never scored`: no signal of L above 0 — no detector read it;
- `struck by stance`: L's evidence carries the stance stage's verdict (`stance@… p=…`) — the learned stage said the
  post talks about it;
- `struck by a co-label`: L's evidence carries a co-label strike (`within:`, `cloak:`, `unsold:`, `addressed:`,
  `credited:`, `about_insult:`: `qinglang.scoping.strike_colabels`);
- `struck by scope`: L's evidence carries a post act (`act:report:…`) or a span-level scope (negation, quotation…);
- `below a floor`: L scored above 0 with no discount, and no policy rule acts on it at that score;
- `policy chose pass`: a policy rule names L, yet the decision's action is `pass`.
Each lost row is also marked `row caught` when another expected label caught it (the loss costs a label, not the
row). An innocent row (no violation; most are hard negatives) acted on with L among its acted labels is **acted on
for L**; its cause, first that applies: `co-label rides along` (another acted label is the stronger one), `stance or
scope read it, too weakly` (L's evidence carries a stance or scope discount and still stands), `act missed` (the
writer's kind of innocence is one the scope pass reads — report, warning, refusal… — whose act would excuse L, and
nothing in L's evidence was discounted), `policy acts on it alone` (L is the only acted label and scores under
`ALONE_BELOW`: a policy floor acted on one weak reading), `the label's own reading` (anything else: the label's
detectors read the innocent words as the act).

Halves (session 18, the rule engineers'): report = `writer_sets.RULES_REPORT` (S15, S17, t30, unseen15: counted per
label and cause, never listed); tune = every other writer set. `--out` keeps the per-row causes (`--before` prints
before → after from an earlier `--out`); `--rows tune` lists the tune half's lost rows and acted-on hard negatives.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import writer_sets  # noqa: E402

LABELS = ("clickbait", "porn", "vulgar", "false_ad")
REPORT = frozenset(writer_sets.RULES_REPORT)
LOSSES = ("never scored", "struck by stance", "struck by a co-label", "struck by scope", "below a floor",
          "policy chose pass")
HARD = ("co-label rides along", "stance or scope read it, too weakly", "act missed", "policy acts on it alone",
        "the label's own reading")
ALONE_BELOW = 0.6  # a label acted on alone below this score: the policy's floor did it, not a strong reading
COLABEL_TAGS = ("within:", "cloak:", "unsold:", "addressed:", "credited:", "about_insult:")
# The kinds of innocence (`writer_sets.innocence_kind`) the scope pass and the stance stage exist to read.
READ_KINDS = frozenset({"report", "warning", "quote", "negation", "refusal", "victim", "sourced", "official",
                        "fiction", "education", "question"})
Rows = list[dict[str, Any]]


def half(group: str) -> str:
    return "report" if group in REPORT else "tune"


def _scopes(signals: list[dict[str, Any]], label: str) -> list[str]:
    return [str(e.get("scope") or "") for s in signals if s["label"] == label for e in s["evidence"]]


def where_lost(decision: Any, label: str) -> str:
    """Where a violation lost `label`, read off `decision` (decided with `explain=True`): one of `LOSSES`."""
    trace = decision.trace or {}
    signals = [s for s in trace.get("signals", []) if s["label"] == label and s["score"] > 0]
    if not signals:
        return "never scored"
    scopes = _scopes(signals, label)
    if any("stance@" in sc for sc in scopes):
        return "struck by stance"
    if any(tag in sc for sc in scopes for tag in COLABEL_TAGS):
        return "struck by a co-label"
    if any(scopes):
        return "struck by scope"
    named = any(lr.label == label and lr.policy_rule for lr in decision.labels)
    return "policy chose pass" if named and decision.action == "pass" else "below a floor"


def _excusable(kind: str, label: str) -> bool:
    """Whether the scope pass's act of this kind of innocence would excuse `label` (`qinglang.scoping.EXCUSES`; the
    span-level kinds — quote, negation, victim — excuse every label): a report's unlicensed_news is by design not."""
    from qinglang.scoping import EXCUSES

    rule = EXCUSES.get(kind)
    return rule is None or label not in rule[1]


def why_acted(decision: Any, label: str, kind: str) -> str:
    """Why an innocent row was acted on with `label` (among its acted labels): one of `HARD`."""
    acted = {lr.label: lr.score for lr in decision.labels if lr.policy_rule}
    if any(score > acted.get(label, 0.0) for lab, score in acted.items() if lab != label):
        return "co-label rides along"
    scopes = _scopes([s for s in (decision.trace or {}).get("signals", []) if s["score"] > 0], label)
    if any(scopes):
        return "stance or scope read it, too weakly"
    if kind in READ_KINDS and _excusable(kind, label):
        return "act missed"
    if set(acted) == {label} and acted[label] < ALONE_BELOW:
        return "policy acts on it alone"
    return "the label's own reading"


def classify(recorded: Rows, labels: tuple[str, ...] = LABELS, engine: Any = None) -> Rows:
    """One entry per (row, label) that is lost (a violation expecting the label without it) or a hard negative acted
    on for it (an innocent row with the label acted): the rows decided again with `explain=True`."""
    from qinglang.engine import Engine

    todo: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)  # (group, id) -> [(label, what)]
    for r in recorded:
        for lab in labels:
            if r["violation"] and lab in r["want"] and lab not in r["got"]:
                todo[(r["group"], r["id"])].append((lab, "lost"))
            elif not r["violation"] and r["acted"] and lab in r["got"]:
                todo[(r["group"], r["id"])].append((lab, "hard"))
    if not todo:
        return []
    by_key = {(r["group"], r["id"]): r for r in recorded}
    engine = engine if engine is not None else Engine()
    out = []
    for group, _path, row in writer_sets.rows():
        key = (group, row["id"])
        if key not in todo:
            continue
        rec = by_key[key]
        try:
            d = engine.moderate(row["content"], explain=True)
        except Exception:  # the contract rejected it: decided `pass` with no label (writer_sets.decision_row)
            d = None
        for lab, what in todo.pop(key):
            if what == "lost":
                cause = where_lost(d, lab) if d is not None else "never scored"
            else:
                cause = why_acted(d, lab, rec["kind"]) if d is not None else "the label's own reading"
            out.append({"group": group, "id": row["id"], "label": lab, "what": what, "cause": cause,
                        "half": half(group), "row_caught": bool(rec["caught"]), "kind": rec["kind"],
                        "got": rec["got"], "want": rec["want"], "action": rec["action"],
                        "text": (rec["title"] + " " + rec["text"]).strip()[:160]})
    return out


def counts(entries: Rows) -> dict[tuple[str, str, str, str], int]:
    """(half, what, label, cause) → rows."""
    c: Counter = Counter()
    for e in entries:
        c[(e["half"], e["what"], e["label"], e["cause"])] += 1
    return dict(c)


def tables(entries: Rows, before: Rows | None = None, labels: tuple[str, ...] = LABELS) -> str:
    """The where-lost table and the hard-negative cause table per half (before → after where `before` is given)."""
    now, old = counts(entries), counts(before) if before is not None else None

    def cell(key: tuple[str, str, str, str]) -> str:
        n = now.get(key, 0)
        return str(n) if old is None or old.get(key, 0) == n else f"{old.get(key, 0)} → {n}"

    out: list[str] = []
    for h in ("tune", "report"):
        name = "report half (" + ", ".join(sorted(REPORT)) + ")" if h == "report" else "tune half (every other set)"
        out += [f"## {name}: violations lost per label, by where", "",
                "| label | " + " | ".join(LOSSES) + " | of which the row is caught by another label |",
                "|---|" + "---|" * (len(LOSSES) + 1)]
        for lab in labels:
            caught_row = sum(1 for e in entries if e["half"] == h and e["what"] == "lost" and e["label"] == lab
                             and e["row_caught"])
            was = (sum(1 for e in before if e["half"] == h and e["what"] == "lost" and e["label"] == lab
                       and e["row_caught"]) if before is not None else caught_row)
            rc = str(caught_row) if was == caught_row else f"{was} → {caught_row}"
            out.append(f"| {lab} | " + " | ".join(cell((h, "lost", lab, c)) for c in LOSSES) + f" | {rc} |")
        out += ["", f"## {name}: innocent rows acted on per label, by cause", "",
                "| label | " + " | ".join(HARD) + " |", "|---|" + "---|" * len(HARD)]
        for lab in labels:
            out.append(f"| {lab} | " + " | ".join(cell((h, "hard", lab, c)) for c in HARD) + " |")
        out.append("")
    return "\n".join(out)


def label_table(recorded: Rows, before: Rows | None = None, labels: tuple[str, ...] = LABELS) -> str:
    """Per half, per label: precision / recall of acted-on labels (tp, fp, fn), before → after where `before` is
    given; then per report set and campaign task: violations caught, hard negatives acted on."""
    from eval_campaign_blind import label_figures, tally

    def figs(rows: Rows) -> dict[str, dict[str, dict[str, float]]]:
        out = {}
        for h in ("tune", "report"):
            tp: Counter = Counter()
            fp: Counter = Counter()
            fn: Counter = Counter()
            for r in rows:
                if half(r["group"]) == h:
                    tally(set(r["got"]) & set(labels), set(r["want"]) & set(labels), tp, fp, fn)
            out[h] = label_figures(tp, fp, fn)
        return out

    def tasks(rows: Rows) -> dict[tuple[str, str], Counter]:
        per: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for r in rows:
            if half(r["group"]) == "report" and r["file"].startswith("task"):
                c = per[(r["group"], r["file"][4:6])]
                c["violations"] += r["violation"]
                c["caught"] += r["violation"] and r["caught"]
                c["hard"] += r["hard"] and not r["violation"]
                c["hard_acted"] += r["hard"] and not r["violation"] and r["acted"]
        return per

    now, old = figs(recorded), figs(before) if before is not None else None
    out = ["| half | label | P | R | tp / fp / fn |", "|---|---|---|---|---|"]
    for h in ("tune", "report"):
        for lab in labels:
            f = now[h].get(lab, {"precision": 0.0, "recall": 0.0, "tp": 0, "fp": 0, "fn": 0})
            cell = [f"{f['precision']:.2f}", f"{f['recall']:.2f}", f"{f['tp']} / {f['fp']} / {f['fn']}"]
            if old is not None and lab in old[h] and old[h][lab] != f:
                o = old[h][lab]
                cell = [f"{o['precision']:.2f} → {cell[0]}", f"{o['recall']:.2f} → {cell[1]}",
                        f"{o['tp']} / {o['fp']} / {o['fn']} → {cell[2]}"]
            out.append(f"| {h} | {lab} | " + " | ".join(cell) + " |")
    t_now, t_old = tasks(recorded), tasks(before) if before is not None else None
    if t_now:
        out += ["", "| report set | task | caught | hard negatives acted on |", "|---|---|---|---|"]
        for (g, t), c in sorted(t_now.items()):
            o = t_old.get((g, t)) if t_old is not None else None
            cau = f"{c['caught']}/{c['violations']}" if o is None or o["caught"] == c["caught"] else \
                f"{o['caught']} → {c['caught']}/{c['violations']}"
            hac = f"{c['hard_acted']}/{c['hard']}" if o is None or o["hard_acted"] == c["hard_acted"] else \
                f"{o['hard_acted']} → {c['hard_acted']}/{c['hard']}"
            out.append(f"| {g} | {t} | {cau} | {hac} |")
    return "\n".join(out)


def listing(entries: Rows) -> str:
    """The tune half's entries, by label and cause (the report half is never listed)."""
    lines = []
    for e in sorted((e for e in entries if e["half"] == "tune"), key=lambda e: (e["label"], e["what"], e["cause"])):
        lines.append(f"{e['label']} {e['what']} [{e['cause']}] {e['group']} {e['id']} {e['action']} "
                     f"got={e['got']} want={e['want']} caught={e['row_caught']} kind={e['kind']}\n    {e['text']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, required=True, help="writer-set rows (`writer_sets`); recorded when missing")
    ap.add_argument("--labels", default=",".join(LABELS), help="comma-separated, or `all` (every label of DESIGN §4)")
    ap.add_argument("--out", type=Path, help="keep the per-row causes (JSON lines)")
    ap.add_argument("--before", type=Path, help="an earlier --out: before → after")
    ap.add_argument("--rows", choices=["tune"], help="list the tune half's lost rows and acted-on hard negatives")
    ap.add_argument("--before-cache", type=Path, help="an earlier writer-set recording: label P / R before → after")
    args = ap.parse_args(argv)
    if args.labels == "all":
        from qinglang.labels import LABELS as EVERY

        labels = tuple(sorted(EVERY))
    else:
        labels = tuple(x for x in args.labels.split(",") if x)
    entries = classify(writer_sets.recorded(args.cache), labels)
    if args.out:
        writer_sets.save(entries, args.out)
    before = writer_sets.load(args.before) if args.before else None
    print(tables(entries, before, labels))
    print(label_table(writer_sets.recorded(args.cache),
                      writer_sets.load(args.before_cache) if args.before_cache else None, labels))
    if args.rows:
        print(listing(entries))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
