#!/usr/bin/env python3
"""引流 posts and gambling SMS, one line per writer set, tune half and report half named (issue 16, session 13).

    PYTHONPATH=. python tools/eval_drainage_sets.py [--half tune|report|all] [--misses] [--json OUT]

Tune half: `unseen9` (session 14: drain14's rules were written after reading its misses), `unseen8`, `unseen7`,
`unseen6`, `unseen5` and the `dev` rows of `live/` (blind E); the rules of session 13 were written after reading their
misses, and so was the twin set S5 (scored once before it was read: §18.5 drain13).
Session 16 (drain16): `unseen11` (session 15's fresh set, its misses read for this work), `unseen10` and the twin set
S11 join the tune half.
Session 17 (drain17): `unseen12` (session 16's first fresh set) and the twin set S13 join the tune half; `unseen13`
(session 16's second fresh set) and the twin set S14 are the report half (`writer_sets.RULES_REPORT`: counted, misses
not read), beside `unseen4`, `unseen3`, `unseen2`, `unseen` (read in earlier sessions, not for this work).
Session 18 (drain18): `unseen14` (session 17's first fresh set), `unseen13` and the twin sets S14, S16, S18 join the
tune half; `unseen15` (session 17's second fresh set) and the twin set S15 are the report half
(`writer_sets.RULES_REPORT`).
Session 19 (drain19): the halves come from `writer_sets` (one place per session): its `RULES_TUNE` (`unseen16`, twin
S19) and `RULES_REPORT_BEFORE` (`unseen15`, S15) join the tune half; `RULES_REPORT` (`unseen17`, twin S20) is the report
half, counted only.
Report half: those sets and the other twin pairs named by `--twins` (session 16's report half: S12). Counting is
tools/eval_drainage_blind.evaluate (caught = an expected label with a non-pass action; innocent acted on = an action
stricter than `action_at_least`). Per set: 引流 posts caught / innocent acted on, SMS caught / innocent acted on and
the `gambling` label's precision / recall. `--misses` is refused on the report half.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval_drainage_blind as drainage  # noqa: E402
import writer_sets  # noqa: E402

from qinglang.engine import Engine  # noqa: E402

BLIND = ROOT / "tests" / "data" / "blind"
_OLDER_TUNE = ("unseen22", "unseen21", "unseen20", "unseen19", "unseen18", "unseen17", "unseen16", "unseen15",
               "unseen14", "unseen13", "unseen12", "unseen11", "unseen10", "unseen9", "unseen8", "unseen7", "unseen6",
               "unseen5", "live")
_OLDER_REPORT = ("unseen4", "unseen3", "unseen2", "unseen")
_NOW_TUNE = writer_sets.RULES_TUNE + writer_sets.RULES_REPORT_BEFORE
TUNE = tuple(n for n in _NOW_TUNE if n.startswith("unseen")) + _OLDER_TUNE
REPORT = tuple(n for n in writer_sets.RULES_REPORT if n.startswith("unseen")) + _OLDER_REPORT
TUNE_TWINS = (*(n for n in _NOW_TUNE if n.startswith("S")), "S27", "S26", "S25", "S24", "S23", "S20", "S21", "S22",
              "S19", "S15", "S17", "S5", "S11", "S13", "S14", "S16", "S18")


def _line(name: str, kind: str, res: dict[str, Any]) -> dict[str, Any]:
    r = res["rows"]
    g = res["labels"].get("gambling", {})
    return {"set": name, "file": kind, "caught": r.get("caught", 0), "violations": r.get("violations", 0),
            "innocent_acted": r.get("innocent_acted", 0), "innocent": r.get("innocent", 0),
            "gambling_p": g.get("precision", 0.0), "gambling_r": g.get("recall", 0.0)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("tune", "report", "all"), default="all")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--twins", nargs="*", type=Path, default=[],
                    help="twin-pair JSONL files (report half unless named in TUNE_TWINS)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if args.misses and args.half != "tune":
        print("--misses is for the tune half only", file=sys.stderr)
        return 2
    names = (TUNE if args.half in ("tune", "all") else ()) + (REPORT if args.half in ("report", "all") else ())
    engine = Engine()
    out: list[dict[str, Any]] = []
    print("| half | set | file | caught | innocent acted on | gambling P / R |\n|---|---|---|---|---|---|")
    jobs: list[tuple[str, str, list[dict[str, Any]]]] = []
    for name in names:
        split = "dev" if name == "live" else "all"
        for stem in ("drainage", "gambling_sms"):
            path = BLIND / name / f"{stem}.jsonl"
            if path.exists():
                jobs.append((name, stem, drainage.load(path, split)))
    for path in args.twins:  # a twin set is on the half TUNE_TWINS names
        if args.half == "all" or (args.half == "tune") == (path.parent.name in TUNE_TWINS):
            jobs.append((path.parent.name, "twins", drainage.load(path, "all")))
    for name, stem, rows in jobs:
        res = drainage.evaluate(engine, rows)
        line = _line(name, stem, res)
        out.append(line)
        half = "tune" if name in TUNE or name in TUNE_TWINS else "report"
        gam = f"{line['gambling_p']:.2f} / {line['gambling_r']:.2f}" if stem != "drainage" else "–"
        print(f"| {half} | {name} | {stem} | {line['caught']}/{line['violations']} | "
              f"{line['innocent_acted']}/{line['innocent']} | {gam} |")
        if args.misses:
            for w in res["wrong"]:
                kind = "MISS " if w["violation"] else "ALARM"
                print(f"  {kind} {w['id']} {w['action']}: {w['text'][:160]!r}")
                for ev in w["evidence"]:
                    print(f"        {ev[:200]}")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
