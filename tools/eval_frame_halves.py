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
stage switched off).
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

from qinglang.errors import InvalidContent  # noqa: E402

BLIND = ROOT / "tests" / "data" / "blind"
TUNE = ("dev", "unseen", "unseen2", "unseen3", "unseen4", "unseen5")
REPORT = ("unseen6", "unseen7", "unseen8")
CORPUS = ROOT / "corpus"
# labels the corpus half is read for (the labels of tasks 1, 2, 7 and 8 the frames emit)
FRAME_LABELS = ("minors_harm", "grooming", "extortion", "enterprise_smear", "fan_frenzy", "language_misuse", "vulgar",
                "rumor", "water_army", "bullying")


def half_rows(sets: tuple[str, ...], tasks: list[int]) -> list[dict[str, Any]]:
    out = []
    for s in sets:
        folder = BLIND if s == "dev" else BLIND / s
        for t in tasks:
            path = folder / f"task{t:02d}.jsonl"
            if path.exists():
                out += [dict(r, _set=s) for r in campaign.load([path], "all") if r.get("split") != "holdout"]
    return out


TWINS_TUNE = ("S1", "S2", "S3", "S4")
TWINS_FRESH = ("S5", "S6")  # written in session 13 while the frames were written, not read for them


def corpus_rows(fresh: bool = False) -> list[dict[str, Any]]:
    """Tune: the corpus writers (`corpus/train/t*.jsonl`) and the twin pairs S1–S4, every row. Fresh: the twin pairs
    S5 and S6; each row is scored under the label its pair's violation carries first (its `task`)."""
    twins = TWINS_FRESH if fresh else TWINS_TUNE
    paths = [] if fresh else sorted((CORPUS / "train").glob("t*.jsonl"))
    paths += [CORPUS / "twins" / t / f"{t.lower()}.jsonl" for t in twins if (CORPUS / "twins" / t).exists()]
    rows = [dict(r, _set=p.stem) for p in paths for r in campaign.load([p], "all")]
    primary = {r["pair"]: r["expect"]["labels"][0] for r in rows if r.get("pair") and r["expect"].get("labels")}
    return [dict(r, task=primary.get(r.get("pair"), "-") if fresh else 0) for r in rows]


def pair_rows(paths: list[Path]) -> list[dict[str, Any]]:
    """Rows of twin-pair or corpus files, each scored under the label its pair's violation carries first (its
    `task`; a row without a pair: its own first label, or `-`)."""
    rows = [dict(r, _set=p.stem) for p in paths if p.exists() for r in campaign.load([p], "all")]
    primary = {r["pair"]: r["expect"]["labels"][0] for r in rows if r.get("pair") and r["expect"].get("labels")}
    return [dict(r, task=primary.get(r.get("pair")) or (r["expect"].get("labels") or ["-"])[0]) for r in rows]


INNOCENT_LABELS = ("language_misuse", "vulgar", "minors_harm", "gambling", "grooming", "bullying")


def innocent_acted(engine: Any) -> dict[str, Counter]:
    """Per writer set: innocent rows, and those a policy acted on with one of INNOCENT_LABELS (per label)."""
    import writer_sets

    out: dict[str, Counter] = defaultdict(Counter)
    for group, _path, row in writer_sets.rows():
        exp = row.get("expect") or {}
        if exp.get("violation"):
            continue
        try:
            d = engine.moderate(row["content"])
        except InvalidContent:
            continue
        out[group]["innocent"] += 1
        out[group]["acted"] += campaign.judge(d, exp)[1]
        got = campaign.predicted_labels(d)
        for lab in INNOCENT_LABELS:
            out[group][lab] += lab in got
    return out


def score(engine: Any, rows: list[dict[str, Any]], dump: list[dict[str, Any]] | None) -> dict[str, Any]:
    tasks: dict[Any, Counter] = defaultdict(Counter)
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for row in rows:
        try:
            d = engine.moderate(row["content"])
        except InvalidContent:  # a corpus row the contract refuses (a float follower count) is no evidence
            continue
        exp = row["expect"]
        caught, acted = campaign.judge(d, exp)
        t = tasks[row["task"]]
        if exp.get("violation"):
            t["violations"] += 1
            t["caught"] += caught
        elif row.get("hard_negative"):
            t["hard"] += 1
            t["hard_acted"] += acted
        got, want = campaign.predicted_labels(d), set(exp.get("labels") or [])
        campaign.tally(got, want, tp, fp, fn)
        wrong = (exp.get("violation") and not caught) or (not exp.get("violation") and acted) or got != want
        if dump is not None and wrong:
            dump.append({"set": row["_set"], "id": row["id"], "task": row["task"], "want": sorted(want),
                         "got": sorted(got), "violation": bool(exp.get("violation")),
                         "hard_negative": bool(row.get("hard_negative")), "action": d.action,
                         "rules": {lr.label: lr.rule for lr in d.labels if lr.label in got},
                         "labels": {lr.label: round(lr.score, 2) for lr in d.labels},
                         "text": (row["content"].get("title") or "") + " | " + (row["content"].get("text") or "")})
    return {"tasks": tasks, "labels": campaign.label_figures(tp, fp, fn)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", default="1,2,7,8")
    ap.add_argument("--dump", type=Path, default=None,
                    help="write the rows decided wrong, or with acted-on labels other than expected (JSONL), here")
    ap.add_argument("--halves", default="tune,report")
    ap.add_argument("--detectors", type=Path, default=None,
                    help="detector registry YAML (default: shipped); e.g. a copy with the `recall` entry disabled")
    args = ap.parse_args(argv)
    from qinglang.engine import Engine

    engine = Engine.from_config(detectors=args.detectors) if args.detectors else Engine()
    tasks = [int(t) for t in args.tasks.split(",")]
    dump: list[dict[str, Any]] | None = [] if args.dump else None
    for half in args.halves.split(","):
        if half == "innocent":
            acted = innocent_acted(engine)
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
            path = (CORPUS / "twins" / half.upper() / f"{half}.jsonl" if half[0] == "s"
                    else CORPUS / "train" / f"{half}.jsonl")
            res = score(engine, pair_rows([path]), dump)
            print(f"## {half} ({path.relative_to(ROOT)})\n")
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
            res = score(engine, corpus_rows(half == "fresh"), dump)
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
        res = score(engine, half_rows(sets, tasks), dump)
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
