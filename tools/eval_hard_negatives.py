"""Innocent rows acted on, per writer set, per kind of innocence and per firing rule, on a tune half and a report half
(session 15, prec15; issue 15, precision).

    python tools/eval_hard_negatives.py --cache /tmp/rows.jsonl [--rerun] [--rows]       # --rows: tune rows listed
    python tools/eval_hard_negatives.py --cache /tmp/after.jsonl --before /tmp/before.jsonl   # before → after

Rows come from `writer_sets.record` (the one recorder; a cache of any writer-set tool serves). An innocent row
(no violation expected) is **acted on** when its action is stricter than the writer's `action_at_least`
(`eval_campaign_blind.judge`: a `label` mark on a row that expects `pass` counts) and **restricted** when the action is
`limit` or stricter (the issue's target: a mark is not an action on the post). The kind of innocence is the writer's
`scope` (twin pairs) or read from the writer's note (`writer_sets.innocence_kind`). The firing rule of an acted-on row
is, per label a policy acted on, the label's detector rule family (`lexicon`, `frame`, `recall`, `model`, …: the rule
id up to its first ':' or '.') and the policy rule. Action levels: per label, the caught violations whose action is
milder / stricter than the writer's `action_at_least`, and the innocent rows restricted with it.

Halves (the learned stages' split of session 15, extended to every set): report = unseen7, unseen8, unseen10, S2, S3,
S6, S8, S10, and the rule branches' current report half (`writer_sets.RULES_REPORT`: session 17's S14, t28,
unseen13; never read row by row, `--rows` lists only the tune half); tune = every other writer set. Per set, the
kinds of innocence acted on are named beside the counts.
Rejected rows (the contract refuses them) are decided `pass` and named.
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
from train_stance import OOS_REPORT  # noqa: E402

from qinglang.labels import Action  # noqa: E402

# The learned stages' report half (the stance trainer's, its one home) and the rule engineers' of this session
REPORT = frozenset(OOS_REPORT) | frozenset(writer_sets.RULES_REPORT)
Rows = list[dict[str, Any]]


def half(group: str) -> str:
    return "report" if group in REPORT else "tune"


def restricted(row: dict[str, Any]) -> bool:
    """An action on the post itself: limit or stricter (a mark is not)."""
    return Action.parse(row["action"]) >= Action.parse("limit")


def family(rule: str) -> str:
    """The detector family of a label's rule id: its head up to the first ':' or '.' (`lexicon`, `frame`, …)."""
    head = rule.replace(".", ":").split(":", 1)[0]
    return head or "-"


def firing(row: dict[str, Any]) -> list[str]:
    """`label/detector family/policy rule` for each label a policy acted on."""
    return [f"{lab}/{family(row['labels'][lab][1])}/{row['labels'][lab][2]}" for lab in row["got"]
            if lab in row["labels"]]


def tables(rows: Rows) -> dict[str, Any]:
    """Counters per half: per set, per kind, per set and kind, per firing (acted-on innocent rows), per label action
    levels."""
    out: dict[str, Any] = {h: {"set": defaultdict(Counter), "kind": defaultdict(Counter), "fire": Counter(),
                               "level": defaultdict(Counter), "total": Counter(), "set_kind": defaultdict(Counter)}
                           for h in ("tune", "report")}
    for r in rows:
        t = out[half(r["group"])]
        if r["violation"]:
            for c in (t["set"][r["group"]], t["total"]):
                c["violations"] += 1
                c["caught"] += r["caught"]
            if r["caught"]:
                got, want = Action.parse(r["action"]), Action.parse(r["want_action"])
                for lab in set(r["got"]) & set(r["want"]):
                    t["level"][lab]["caught"] += 1
                    t["level"][lab]["under"] += got < want
                    t["level"][lab]["over"] += got > want
            continue
        for c in (t["set"][r["group"]], t["kind"][r["kind"]], t["total"]):
            c["innocent"] += 1
            c["hard"] += r["hard"]
            c["acted"] += r["acted"]
            c["hard_acted"] += r["acted"] and r["hard"]
            c["restricted"] += restricted(r)
        if r["acted"]:
            t["set_kind"][r["group"]][r["kind"]] += 1
            for f in firing(r) or ["(no acted label: a mark)"]:
                t["fire"][f] += 1
            for lab in r["got"]:
                t["level"][lab]["innocent_acted"] += 1
                t["level"][lab]["innocent_restricted"] += restricted(r)
    return out


def _cell(now: Counter, was: Counter | None, key: str) -> str:
    """`now[key]`, or `was → now` where an earlier recording's counter differs."""
    if was is None or was[key] == now[key]:
        return str(now[key])
    return f"{was[key]} → {now[key]}"


def _kinds(now: Counter, was: Counter | None) -> str:
    """The kinds of innocence acted on in one set, most first (`was → now` where an earlier recording differs)."""
    keys = sorted(set(now) | set(was or ()), key=lambda k: (-max(now[k], (was or Counter())[k]), k))
    return ", ".join(f"{k} {_cell(now, was, k)}" for k in keys if now[k] or (was or Counter())[k]) or "-"


def report(rows: Rows, before: Rows | None = None, top: int = 25) -> str:
    now, old = tables(rows), tables(before) if before is not None else None
    out: list[str] = []
    if writer_sets.rejected(rows):
        out += [writer_sets.rejected(rows), ""]
    for h in ("tune", "report"):
        t, o = now[h], old[h] if old else None
        tot, ot = t["total"], o["total"] if o else None
        out += [f"## {h} half" + (f" ({', '.join(sorted(REPORT))})" if h == "report" else " (every other set)"), "",
                f"violations caught {_cell(tot, ot, 'caught')}/{tot['violations']}; "
                f"innocent acted on {_cell(tot, ot, 'acted')}/{tot['innocent']} "
                f"(hard negatives {_cell(tot, ot, 'hard_acted')}/{tot['hard']}; "
                f"restricted, limit or stricter: {_cell(tot, ot, 'restricted')})", "",
                "| set | violations caught | hard negatives acted on | innocent acted on | restricted "
                "| kinds acted on |",
                "|---|---|---|---|---|---|"]
        for g, c in sorted(t["set"].items()):
            oc = o["set"][g] if o else None
            out.append(f"| {g} | {_cell(c, oc, 'caught')}/{c['violations']} | "
                       f"{_cell(c, oc, 'hard_acted')}/{c['hard']} | {_cell(c, oc, 'acted')}/{c['innocent']} | "
                       f"{_cell(c, oc, 'restricted')} | {_kinds(t['set_kind'][g], o['set_kind'][g] if o else None)} |")
        out += ["", "| kind of innocence | innocent | acted on | hard negatives acted on | restricted |",
                "|---|---|---|---|---|"]
        for k, c in sorted(t["kind"].items(), key=lambda kv: -kv[1]["acted"]):
            oc = o["kind"][k] if o else None
            out.append(f"| {k} | {c['innocent']} | {_cell(c, oc, 'acted')} | "
                       f"{_cell(c, oc, 'hard_acted')}/{c['hard']} | {_cell(c, oc, 'restricted')} |")
        out += ["", "| label / detector family / policy rule on acted-on innocent rows | rows |", "|---|---|"]
        keys = sorted(set(t["fire"]) | set(o["fire"] if o else ()), key=lambda k: -max(t["fire"][k],
                                                                                     o["fire"][k] if o else 0))
        out += [f"| {k} | {_cell(t['fire'], o['fire'] if o else None, k)} |" for k in keys[:top]]
        out += ["", "| label | caught | under the writer's action | over it | innocent acted on | restricted |",
                "|---|---|---|---|---|---|"]
        for lab, c in sorted(t["level"].items()):
            oc = o["level"][lab] if o else None
            out.append(f"| {lab} | {c['caught']} | {_cell(c, oc, 'under')} | {_cell(c, oc, 'over')} | "
                       f"{_cell(c, oc, 'innocent_acted')} | {_cell(c, oc, 'innocent_restricted')} |")
        out.append("")
    return "\n".join(out)


def listing(rows: Rows) -> str:
    """The tune half's acted-on innocent rows, by kind: set, id, action, firing rules, evidence, text."""
    out = []
    for r in sorted((r for r in rows if half(r["group"]) == "tune" and not r["violation"] and r["acted"]),
                    key=lambda r: (r["kind"], r["group"])):
        ev = "; ".join(f"{e['label']}:{x['rule']}[{x['span'][3]}|{x['scope']}]" for e in r["evidence"]
                       for x in e["ev"][:2])
        out.append(f"{r['kind']} {r['group']} {r['id']} {r['action']}>{r['want_action']} {firing(r)} {ev}\n"
                   f"    {(r['title'] + ' ' + r['text']).strip()[:220]}\n    note: {r['note']}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, required=True, help="writer-set rows (`writer_sets`); recorded when missing")
    ap.add_argument("--rerun", action="store_true", help="record again even when the cache exists")
    ap.add_argument("--before", type=Path, default=None, help="an earlier cache: figures before → after")
    ap.add_argument("--rows", action="store_true", help="list the tune half's acted-on innocent rows")
    args = ap.parse_args(argv)
    rows = writer_sets.recorded(args.cache, rerun=args.rerun)
    if args.rows:
        print(listing(rows))
        return 0
    print(report(rows, writer_sets.load(args.before) if args.before else None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
