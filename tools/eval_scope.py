"""Score the default engine on innocent posts that use a violation's words, per kind of innocence (issue 15, scope).

    python tools/eval_scope.py S1 unseen6 unseen5 [--save base.json] [--compare base.json] [--misses]

Groups: `S1` … `S4` (the twin pairs of corpus/twins, or $QINGLANG_TRAIN7: row A a violation, row B an innocent
twin whose `scope` names the kind of innocence), `unseen` … `unseen6` (every campaign, 引流, SMS and claims row of the
frozen set), `dev` / `holdout` (the first blind sets: tasks, 引流, SMS, claims; score `holdout` at most three times).
A violation is caught and an innocent row acted on exactly as `eval_campaign_blind.judge` says. Innocent rows are
counted per kind: the twin's `scope` field where the writer gave one, else the post-level reading of
`qinglang.text.acts` (`none` when it reads no act), so a set without kinds still shows which readings were acted on.
Twin sets also show the pairs where both rows are judged right. `--save` writes each row's outcome; `--compare`
lists the violations lost and the innocent rows fixed against it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval_campaign_blind as campaign  # noqa: E402

from qinglang.engine import Engine  # noqa: E402
from qinglang.stages import build_views  # noqa: E402
from qinglang.text.acts import read_acts  # noqa: E402

BLIND = ROOT / "tests" / "data" / "blind"
TRAIN7 = Path(os.environ.get("QINGLANG_TRAIN7", ROOT / "corpus" / "twins"))


def group_paths(name: str) -> tuple[list[Path], str]:
    if name in ("S1", "S2", "S3", "S4"):
        return [TRAIN7 / name / f"{name.lower()}.jsonl"], "all"
    if name.startswith("unseen"):
        folder = BLIND / name
        extra = [folder / "drainage.jsonl", folder / "gambling_sms.jsonl", folder / "claims.jsonl"]
        return sorted(folder.glob("task*.jsonl")) + [p for p in extra if p.exists()], "all"
    if name in ("dev", "holdout"):
        return (sorted(BLIND.glob("task*.jsonl")) + sorted((BLIND / "claims").glob("*.jsonl"))
                + [BLIND / "live" / "drainage.jsonl", BLIND / "live" / "gambling_sms.jsonl"]), name
    raise SystemExit(f"unknown group {name!r}")


def score(engine: Engine, name: str) -> list[dict[str, Any]]:
    paths, split = group_paths(name)
    rows = campaign.load([p for p in paths if p.exists()], split)
    out = []
    for row, d in zip(rows, engine.moderate_many([r["content"] for r in rows]), strict=True):
        if isinstance(d, Exception):
            continue
        caught, acted = campaign.judge(d, row["expect"])
        violation = bool(row["expect"].get("violation"))
        kind = row.get("scope")
        acts = read_acts(build_views(_content(row["content"]), engine.normalizer).views)
        reading = "act:" + (acts.kinds[0] if acts.kinds else "none")
        if not violation and (not kind or kind == "violation"):
            kind = reading
        out.append({"id": row["id"], "group": name, "pair": row.get("pair"), "violation": violation,
                    "caught": caught, "acted": acted,
                    "kind": kind or "", "reading": reading, "action": d.action,
                    "labels": {lr.label: round(lr.score, 2) for lr in d.labels}, "text": row["content"]["text"][:90]})
    return out


def _content(obj: dict[str, Any]) -> Any:
    from qinglang.model import Content

    return Content.from_json(obj)


def report(results: list[dict[str, Any]]) -> str:
    lines = ["| group | violations caught | innocent acted on | twin pairs both right |", "|---|---|---|---|"]
    groups = list(dict.fromkeys(r["group"] for r in results))
    for g in [*groups, "all"]:
        rs = [r for r in results if g in ("all", r["group"])]
        v = [r for r in rs if r["violation"]]
        n = [r for r in rs if not r["violation"]]
        lines.append(f"| {g} | {sum(r['caught'] for r in v)}/{len(v)} | {sum(r['acted'] for r in n)}/{len(n)} | "
                     f"{_pairs_right(rs)} |")
    lines += ["", "| kind of innocence | innocent acted on |", "|---|---|"]
    kinds: Counter = Counter()
    acted: Counter = Counter()
    for r in results:
        if not r["violation"]:
            kinds[r["kind"]] += 1
            acted[r["kind"]] += r["acted"]
    lines += [f"| {k} | {acted[k]}/{kinds[k]} |" for k in sorted(kinds)]
    return "\n".join(lines)


def _pairs_right(rows: list[dict[str, Any]]) -> str:
    """Twin pairs (rows joined by `pair`) whose violation is caught and whose innocent twin is not acted on."""
    right: dict[str, list[bool]] = {}
    for r in rows:
        if r.get("pair"):
            right.setdefault(r["pair"], []).append(r["caught"] if r["violation"] else not r["acted"])
    pairs = [v for v in right.values() if len(v) == 2]
    return f"{sum(all(v) for v in pairs)}/{len(pairs)}" if pairs else "–"


def compare_table(base: dict[str, dict[str, Any]], results: list[dict[str, Any]]) -> str:
    """Per kind: innocent rows acted on before → after, and the violations lost among rows read as that kind."""
    before: Counter = Counter()
    after: Counter = Counter()
    total: Counter = Counter()
    lost: Counter = Counter()
    for r in results:
        b = base.get(r["id"])
        if b is None:
            continue
        if r["violation"]:
            lost[r.get("reading", "")] += b["caught"] and not r["caught"]
        else:
            total[r["kind"]] += 1
            before[r["kind"]] += b["acted"]
            after[r["kind"]] += r["acted"]
    lines = ["", "| kind | innocent acted on, before → after | violations read as this kind, lost |", "|---|---|---|"]
    kinds = sorted(set(total) | {k for k in lost if lost[k]})
    for k in kinds:
        lines.append(f"| {k} | {before[k]} → {after[k]} of {total[k]} | {lost[k]} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("groups", nargs="+")
    ap.add_argument("--save", type=Path)
    ap.add_argument("--compare", type=Path)
    ap.add_argument("--misses", action="store_true", help="list the rows judged wrong (never for holdout)")
    ap.add_argument("--detectors", type=Path, default=None, help="detector registry YAML (default: shipped)")
    args = ap.parse_args(argv)
    engine = Engine.from_config(detectors=args.detectors) if args.detectors else Engine()
    results = [r for g in args.groups for r in score(engine, g)]
    print(report(results))
    if args.misses:
        for r in results:
            if r["group"] != "holdout" and (r["acted"] if not r["violation"] else not r["caught"]):
                print(json.dumps({k: r[k] for k in ("id", "kind", "action", "labels", "text")}, ensure_ascii=False))
    if args.compare:
        base = {r["id"]: r for r in json.loads(args.compare.read_text("utf-8"))}
        print(compare_table(base, results))
        for r in results:
            b = base.get(r["id"])
            if b is None:
                continue
            if r["violation"] and b["caught"] and not r["caught"]:
                print("LOST", json.dumps({k: r[k] for k in ("id", "action", "labels", "text")}, ensure_ascii=False))
            if r["violation"] and not b["caught"] and r["caught"]:
                print("GAINED", r["id"])
            if not r["violation"] and b["acted"] != r["acted"]:
                print("FIXED" if b["acted"] else "BROKE", r["id"], r["kind"], r["action"], r["labels"], r["text"])
    if args.save:
        args.save.write_text(json.dumps(results, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
