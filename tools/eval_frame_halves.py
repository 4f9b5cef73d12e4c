"""Tasks 1, 2, 7 and 8 on a tune half and a report half of the writer sets (session 13, frames13).

    python tools/eval_frame_halves.py [--tasks 1,2,7,8] [--dump misses.jsonl]

Tune half: the blind development rows (`tests/data/blind/task*.jsonl`, the `holdout` split left out) and
`unseen` … `unseen5`. Report half: `unseen6`, `unseen7`, `unseen8`, not read while the frames were written.
`--halves corpus` adds the corpus writers and twin pairs S1–S4 (tune material), per label only; `--halves fresh`
the twin pairs S5 and S6 (written in session 13, not read for the frames), per pair label and per label.
Session 14 (minors14) adds `unseen9` (the tasks' rows of session 13's fresh set), `s8` (twin pairs S8: minors,
language, innuendo; per pair label), `t21` / `t22` (corpus writers t21, t22, per label) and `innocent` (every
innocent row of every writer set, `writer_sets.rows`: how many a policy acted on at all, and with language_misuse,
vulgar, minors_harm, gambling, grooming or (session 15) bullying, per set).
Session 15 (minors15): any twin-pair set `sN` or corpus writer `tN` (per pair label) and any unseen set `unseenN`
(its rows of the tasks asked) is a half by its name: `--halves s10,t23,unseen10`; `--detectors` a registry copy (a
stage switched off; recorded afresh, never from `--cache`).
The rows are recorded once by `writer_sets.record` (session 15: the one recorder of the writer-set tools; each row
decided alone, a row the contract rejects counted as decided `pass` and named, where this tool dropped it); `--cache`
shares the recording with the other writer-set tools.
Per half and task: violations caught and hard negatives acted on (`eval_campaign_blind.judge`, the one home of
those rules); per label: precision and recall of acted-on labels over the half's rows of those tasks.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval_campaign_blind as campaign  # noqa: E402
import writer_sets  # noqa: E402

TUNE = ("dev", "unseen", "unseen2", "unseen3", "unseen4", "unseen5")
REPORT = ("unseen6", "unseen7", "unseen8")
# labels the corpus half is read for (the labels of tasks 1, 2, 7 and 8 the frames emit)
FRAME_LABELS = ("minors_harm", "grooming", "extortion", "enterprise_smear", "fan_frenzy", "language_misuse", "vulgar",
                "rumor", "water_army", "bullying")
Rows = list[dict[str, Any]]


def half_rows(recorded: Rows, sets: tuple[str, ...], tasks: list[int]) -> Rows:
    """The campaign task files of these sets (`dev`: the blind development rows, writer sets blindA and blindB)."""
    groups = {g for s in sets for g in (("blindA", "blindB") if s == "dev" else (s,))}
    files = {f"task{t:02d}.jsonl" for t in tasks}
    return [r for r in recorded if r["group"] in groups and r["file"] in files]


TWINS_TUNE = ("S1", "S2", "S3", "S4")
TWINS_FRESH = ("S5", "S6")  # written in session 13 while the frames were written, not read for them


def _corpus_writer(group: str) -> bool:
    return group.startswith("t") and group[1:].isdigit()


def corpus_rows(recorded: Rows, fresh: bool = False) -> Rows:
    """Tune: the corpus writers (`corpus/train/t*.jsonl`) and the twin pairs S1–S4, every row. Fresh: the twin pairs
    S5 and S6; each row is scored under the label its pair's violation carries first (its `task`)."""
    twins = TWINS_FRESH if fresh else TWINS_TUNE
    rows = [r for r in recorded if r["group"] in twins or (not fresh and _corpus_writer(r["group"]))]
    if not fresh:
        return [dict(r, task=0) for r in rows]
    primary = {r["pair"]: r["first_label"] for r in rows if r.get("pair") and r["want"]}
    return [dict(r, task=primary.get(r.get("pair"), "-")) for r in rows]


def pair_rows(recorded: Rows, groups: set[str]) -> Rows:
    """Rows of twin-pair or corpus sets, each scored under the label its pair's violation carries first (its
    `task`; a row without a pair: its own first label, or `-`)."""
    rows = [r for r in recorded if r["group"] in groups]
    primary = {r["pair"]: r["first_label"] for r in rows if r.get("pair") and r["want"]}
    return [dict(r, task=primary.get(r.get("pair")) or r["first_label"] or "-") for r in rows]


INNOCENT_LABELS = ("language_misuse", "vulgar", "minors_harm", "gambling", "grooming", "bullying")


def innocent_acted(recorded: Rows) -> dict[str, Counter]:
    """Per writer set: innocent rows, and those a policy acted on with one of INNOCENT_LABELS (per label)."""
    out: dict[str, Counter] = defaultdict(Counter)
    for r in recorded:
        if r["violation"]:
            continue
        out[r["group"]]["innocent"] += 1
        out[r["group"]]["acted"] += r["acted"]
        for lab in INNOCENT_LABELS:
            out[r["group"]][lab] += lab in r["got"]
    return out


def score(rows: Rows, dump: Rows | None) -> dict[str, Any]:
    tasks: dict[Any, Counter] = defaultdict(Counter)
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for row in rows:
        caught, acted = row["caught"], row["acted"]
        t = tasks[row["task"]]
        if row["violation"]:
            t["violations"] += 1
            t["caught"] += caught
        elif row["hard"]:
            t["hard"] += 1
            t["hard_acted"] += acted
        got, want = set(row["got"]), set(row["want"])
        campaign.tally(got, want, tp, fp, fn)
        wrong = (row["violation"] and not caught) or (not row["violation"] and acted) or got != want
        if dump is not None and wrong:
            dump.append({"set": row["group"], "id": row["id"], "task": row["task"], "want": sorted(want),
                         "got": sorted(got), "violation": row["violation"], "hard_negative": row["hard"],
                         "action": row["action"],
                         "rules": {lab: v[1] for lab, v in row["labels"].items() if lab in got},
                         "labels": {lab: round(v[0], 2) for lab, v in row["labels"].items()},
                         "text": row["title"] + " | " + row["text"]})
    return {"tasks": tasks, "labels": campaign.label_figures(tp, fp, fn)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", default="1,2,7,8")
    ap.add_argument("--dump", type=Path, default=None,
                    help="write the rows decided wrong, or with acted-on labels other than expected (JSONL), here")
    ap.add_argument("--halves", default="tune,report")
    ap.add_argument("--cache", type=Path, default=None,
                    help="writer-set rows recorded by any writer-set tool (`writer_sets`); recorded when missing")
    ap.add_argument("--detectors", type=Path, default=None,
                    help="detector registry YAML (default: shipped); e.g. a copy with the `recall` entry disabled")
    args = ap.parse_args(argv)
    if args.detectors:
        from qinglang.engine import Engine

        recorded = writer_sets.record(Engine.from_config(detectors=args.detectors))
    else:
        recorded = writer_sets.recorded(args.cache)
    if writer_sets.rejected(recorded):
        print(writer_sets.rejected(recorded) + "\n")
    tasks = [int(t) for t in args.tasks.split(",")]
    dump: list[dict[str, Any]] | None = [] if args.dump else None
    for half in args.halves.split(","):
        if half == "innocent":
            acted = innocent_acted(recorded)
            total = Counter()
            for c in acted.values():
                total.update(c)
            print("## innocent rows of every writer set, acted on with the label\n")
            print("| set | innocent | acted on | " + " | ".join(INNOCENT_LABELS) + " |\n|---|---|---|"
                  + "---|" * len(INNOCENT_LABELS))
            for g, c in sorted(acted.items()):
                print(f"| {g} | {c['innocent']} | {c['acted']} | " + " | ".join(str(c[lab]) for lab in INNOCENT_LABELS)
                      + " |")
            print(f"| all | {total['innocent']} | {total['acted']} | "
                  + " | ".join(str(total[lab]) for lab in INNOCENT_LABELS) + " |\n")
            continue
        if re.fullmatch(r"[st]\d+", half):  # one twin-pair set (s8, s10) or corpus writer (t21, t23), per pair label
            group = half.upper() if half[0] == "s" else half
            res = score(pair_rows(recorded, {group}), dump)
            where = f"corpus/twins/{group}/{half}.jsonl" if half[0] == "s" else f"corpus/train/{half}.jsonl"
            print(f"## {half} ({where})\n")
            print("| pair label | violations caught | hard negatives acted on |\n|---|---|---|")
            for t, c in sorted(res["tasks"].items()):
                print(f"| {t} | {c['caught']}/{c['violations']} | {c['hard_acted']}/{c['hard']} |")
            print("\n| label | P | R | tp | fp | fn |\n|---|---|---|---|---|---|")
            for lab in (*FRAME_LABELS, "porn", "gambling", "antagonism", "abuse", "drainage"):
                f = res["labels"].get(lab)
                if f:
                    print(f"| {lab} | {f['precision']:.2f} | {f['recall']:.2f} | {f['tp']} | {f['fp']} | {f['fn']} |")
            print()
            continue
        if half in ("corpus", "fresh"):  # per label, the frames' labels (and per pair label for the fresh pairs)
            res = score(corpus_rows(recorded, half == "fresh"), dump)
            if half == "fresh":
                print("## fresh half (twins S5, S6: written this session, not read for the frames)\n")
                print("| pair label | violations caught | hard negatives acted on |\n|---|---|---|")
                for t, c in sorted(res["tasks"].items()):
                    print(f"| {t} | {c['caught']}/{c['violations']} | {c['hard_acted']}/{c['hard']} |")
                print()
            else:
                print("## corpus half (corpus/train t*, twins S1–S4)\n")
            print("| label | P | R | tp | fp | fn |\n|---|---|---|---|---|---|")
            for lab in FRAME_LABELS:
                f = res["labels"].get(lab)
                if f:
                    print(f"| {lab} | {f['precision']:.2f} | {f['recall']:.2f} | {f['tp']} | {f['fp']} | {f['fn']} |")
            print()
            continue
        sets = TUNE if half == "tune" else (half,) if re.fullmatch(r"unseen\d*", half) else REPORT
        res = score(half_rows(recorded, sets, tasks), dump)
        print(f"## {half} half ({', '.join(sets)})\n")
        print("| task | violations caught | hard negatives acted on |\n|---|---|---|")
        for t in tasks:
            c = res["tasks"][t]
            print(f"| {t} | {c['caught']}/{c['violations']} | {c['hard_acted']}/{c['hard']} |")
        print("\n| label | P | R | tp | fp | fn |\n|---|---|---|---|---|---|")
        for lab, f in res["labels"].items():
            print(f"| {lab} | {f['precision']:.2f} | {f['recall']:.2f} | {f['tp']} | {f['fp']} | {f['fn']} |")
        print()
    if args.dump is not None and dump is not None:
        args.dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dump), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
