"""Task 4 / task 9 and the claim labels across the writer sets, split into a tune half and a report half.

    python tools/eval_news.py [--half tune|report|both] [--dump FILE] [--misses LABEL]

The writer sets here are the scored unseen sets (every campaign task file and `claims.jsonl`) and the twin pairs.
The halves are fixed by set, not by row, so a rule chosen on the tune half is measured on writers it never saw:
- tune: unseen2, unseen4, unseen6, unseen8, twin pairs S1, S3 (and S5 when present); session 14 adds unseen9
  (session 13's fresh set, now development material) and the corpus writer t21 (`corpus/train/t21.jsonl`);
- report: unseen, unseen3, unseen5, unseen7, twin pairs S2, S4 (and S6 when present); session 14 adds the news
  twin pairs S7, whose misses the news14 branch did not read;
- session 15 adds session 15's new tune-side material to tune (twin pairs S9, corpus writers t23 and t24) and its
  report-side sets to report (unseen10, session 14's fresh set, and twin pairs S10), the halves the learned stages use;
- session 16 adds its tune-side material to tune (unseen11, session 15's fresh set; twin pairs S11; corpus writer
  t25) and its report-side sets to report (twin pairs S12, corpus writer t26), and moves the news twin pairs S7 to
  tune (news16's brief names it a tune set: its misses were read from session 16 on);
- session 17 adds its tune-side sets to tune (twin pairs S13, corpus writer t27, unseen12) and the rule branches'
  report half (`writer_sets.RULES_REPORT`: S14, t28, unseen13) to report; `--session 17` keeps only these six sets,
  the halves the session's brief names;
- session 18's sets by its halves (tune S16, S18, t29, unseen14; report S15, S17, t30, unseen15), named here in
  session 19 (`writer_sets.RULES_REPORT` had moved on, and session 17's report sets S14, t28, unseen13 with it: named
  again);
- session 19 (`--session 19`): tune S19, t31, unseen16; report the rule branches' report half
  (`writer_sets.RULES_REPORT`: S20, t32, unseen17). Session 17's own halves stay named as they were.
The blind `holdout` rows are never read. The rows are recorded by `writer_sets.record` (session 15: the one recorder
of the writer-set tools; each row decided alone, a row the contract rejects counted as decided `pass` and named);
`--cache` shares one recording with the other writer-set tools. Per label (rumor, source_missing, clickbait,
false_science, unlicensed_news): precision / recall with the campaign evaluator's rules (a label counts when the
decision carries it with a non-pass action); per task 4 and 9: violations caught and hard negatives acted on; over
every file of the half: innocent rows acted on (the campaign evaluator's rule: an action stricter than the row's
expected one, so a `label` mark on a row that expects `pass` counts); in the claims files: hard negatives of each
label acted on (action stricter than `label`, as `eval_claims.py` counts them).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval_campaign_blind as campaign  # noqa: E402
import writer_sets  # noqa: E402

from qinglang.engine import Engine  # noqa: E402
from qinglang.labels import Action  # noqa: E402

HALVES = {
    "tune": ("unseen2", "unseen4", "unseen6", "unseen8", "S1", "S3", "S5", "unseen9", "t21", "S9", "t23", "t24",
             "S7", "unseen11", "S11", "t25", "S13", "t27", "unseen12", "S16", "S18", "t29", "unseen14",
             "S19", "t31", "unseen16", "S21", "S22", "t33", "t34", "S23", "t35", "unseen18",
             "S25", "t37", "unseen20", "S27", "t39", "unseen22", *writer_sets.RULES_TUNE),
    "report": ("unseen", "unseen3", "unseen5", "unseen7", "S2", "S4", "S6", "unseen10", "S10", "S12", "t26",
               "S14", "t28", "unseen13", "S15", "S17", "t30", "unseen15", "S20", "t32", "unseen17",
               "S24", "t36", "unseen19", "S26", "t38", "unseen21", "S28", "t40", "unseen23",
               *writer_sets.RULES_REPORT),
}
# The one session's own halves (`--session 17`, `19` … `23`): its tune-side sets and the rule branches' report half;
# a past session's sets stay written out, the current one reads `writer_sets` (its one home).
SESSION = {"17": {"tune": ("S13", "t27", "unseen12"), "report": ("S14", "t28", "unseen13")},
           "19": {"tune": ("S19", "t31", "unseen16"), "report": ("S20", "t32", "unseen17")},
           "20": {"tune": ("S23", "t35", "unseen18"), "report": ("S24", "t36", "unseen19")},
           "21": {"tune": ("S25", "t37", "unseen20"), "report": ("S26", "t38", "unseen21")},
           "22": {"tune": ("S27", "t39", "unseen22"), "report": ("S28", "t40", "unseen23")},
           "23": {"tune": writer_sets.RULES_TUNE, "report": writer_sets.RULES_REPORT}}
LABELS = ("rumor", "source_missing", "clickbait", "false_science", "unlicensed_news", "staged")


def picks(half: str, session: str | None = None) -> set[str]:
    """The writer sets of a half (those `writer_sets` holds); only one session's own sets when `session` is named."""
    return set(SESSION[session][half] if session else HALVES[half])


def news_file(group: str, path: Path) -> bool:
    """The files this report reads: an unseen set's campaign task files and `claims.jsonl`, every other set whole."""
    return not group.startswith("unseen") or path.stem.startswith("task") or path.stem == "claims"


def load(half: str, recorded: list[dict[str, Any]] | None = None, engine: Engine | None = None,
         session: str | None = None) -> list[dict[str, Any]]:
    """The half's rows, recorded by `writer_sets.record` (the one recorder; each row decided alone, a row the
    contract rejects counted as decided `pass` and named), or picked from rows recorded before."""
    if recorded is None:
        return writer_sets.record(engine, picks(half, session), files=news_file)
    return [r for r in recorded if r["group"] in picks(half, session) and news_file(r["group"], Path(r["file"]))]


def evaluate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    task: dict[str, Counter] = defaultdict(Counter)
    hn: dict[str, Counter] = defaultdict(Counter)
    dump = []
    for row in rows:
        stem = Path(row["file"]).stem
        want = set(row["want"]) & set(LABELS)
        got = set(row["got"]) & set(LABELS)
        campaign.tally(got, want, tp, fp, fn)
        caught, acted = row["caught"], row["acted"]
        t = str(row.get("task"))
        if not row["violation"]:
            allc = task["all files (innocent rows)"]
            allc["hard_negatives" if row["hard"] else "other_innocent"] += 1
            allc["hard_acted" if row["hard"] else "other_acted"] += acted
        if stem in ("task04", "task09"):
            c = task[stem]
            if row["violation"]:
                c["violations"] += 1
                c["caught"] += caught
            elif row["hard"]:
                c["hard_negatives"] += 1
                c["hard_acted"] += acted
        if stem == "claims" and row["hard"] and t in LABELS:
            hn[t]["n"] += 1
            hn[t]["acted"] += Action.parse(row["action"]) > Action.parse("label")
        dump.append({"id": row["id"], "set": row["group"], "file": stem, "text": row["text"] or None,
                     "title": row["title"] or None, "want": row["want"], "violation": row["violation"],
                     "hard_negative": row["hard"], "action": row["action"],
                     "labels": {lab: v[0] for lab, v in row["labels"].items()}})
    return {"labels": campaign.label_figures(tp, fp, fn), "tasks": {k: dict(v) for k, v in task.items()},
            "hard": {k: dict(v) for k, v in hn.items()}, "dump": dump, "n": len(rows),
            "invalid": [r["id"] for r in rows if r.get("invalid")]}


def report(half: str, res: dict[str, Any], session: str | None = None) -> str:
    sets = SESSION[session][half] if session else HALVES[half]
    out = [f"### {half} half ({', '.join(sets)}; {res['n']} rows)", "",
           "| label | precision | recall | tp | fp | fn |", "|---|---|---|---|---|---|"]
    for lab in LABELS:
        f = res["labels"].get(lab)
        if f:
            out.append(f"| {lab} | {f['precision']:.2f} | {f['recall']:.2f} | {f['tp']} | {f['fp']} | {f['fn']} |")
    out += ["", "| task | violations caught | hard negatives acted on | other innocent rows acted on |",
            "|---|---|---|---|"]
    for k in sorted(res["tasks"]):
        c = res["tasks"][k]
        caught = f"{c.get('caught', 0)}/{c.get('violations', 0)}" if c.get("violations") else "–"
        other = f"{c.get('other_acted', 0)}/{c.get('other_innocent', 0)}" if "other_innocent" in c else "–"
        out.append(f"| {k} | {caught} | {c.get('hard_acted', 0)}/{c.get('hard_negatives', 0)} | {other} |")
    hard = ", ".join(f"{k} {v.get('acted', 0)}/{v.get('n', 0)}" for k, v in sorted(res["hard"].items()))
    out += ["", f"claims files, hard negatives acted on: {hard}"]
    if res["invalid"]:
        out.append(f"rows the contract rejects (counted as `pass`): {', '.join(res['invalid'])}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", choices=("tune", "report", "both"), default="tune")
    ap.add_argument("--dump", type=Path, default=None, help="write every row's decision (JSONL) here")
    ap.add_argument("--misses", default=None, help="print the misses and false hits of this label")
    ap.add_argument("--cache", type=Path, default=None,
                    help="writer-set rows recorded by any writer-set tool (`writer_sets`); recorded when missing")
    ap.add_argument("--session", choices=sorted(SESSION), default=None,
                    help="only this session's own tune / report sets (the halves its brief names)")
    args = ap.parse_args(argv)
    recorded = writer_sets.recorded(args.cache) if args.cache else None
    engine = Engine() if recorded is None else None
    dumps = []
    for half in ("tune", "report") if args.half == "both" else (args.half,):
        res = evaluate(load(half, recorded, engine, args.session))
        print(report(half, res, args.session), "\n")
        dumps += res["dump"]
        if args.misses:
            for r in res["dump"]:
                want, got = args.misses in r["want"], args.misses in r["labels"] and r["action"] != "pass"
                if want != got:
                    print("MISS" if want else "FALSE", r["set"], r["id"], r["action"], r["labels"],
                          (r["title"] or "") + " | " + (r["text"] or "")[:160])
    if args.dump:
        args.dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dumps), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
