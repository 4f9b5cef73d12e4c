"""What each campaign head adds to the engine, per head, on a set the heads never read: violations caught and
innocent rows acted on with the heads off, with all the given heads on, and with each head alone on (the others
off). `tools/eval_heads_alone.py` scores a head by itself; this one scores the engine's decisions, so a head that
fires on a post the engine already catches (or already acts on) counts for nothing, and one that turns a `label`
into a `review` on a hard negative counts against it:

    python tools/eval_heads_engine.py --dir tests/data/blind/unseen5                         # the registry's heads
    python tools/eval_heads_engine.py --dir tests/data/blind/unseen4 --heads grooming,staged,rumor --floor staged=0.95

Rows: the campaign tasks (`task*.jsonl`) and the claims rows (`claims.jsonl`) of the folder, judged by
`eval_campaign_blind.judge` (caught: an expected label with a non-pass action; acted on: stricter than the row's
mildest correct action). A head can only add signals, so the per-head runs score only the rows where some head
fired or the decision changed in the all-heads run (the others decide alike in every
run). Holdout rows are refused unless `--holdout` (then only they are
scored: `--dir tests/data/blind --holdout`).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.detectors import default_registry_path  # noqa: E402
from qinglang.engine import Engine  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from eval_campaign_blind import judge  # noqa: E402
from eval_campaign_blind import load as load_rows  # noqa: E402

HEAD_RULE = "model.campaign."


def registry(heads: list[str], floors: dict[str, float], folder: Path) -> Path:
    """A copy of the shipped registry with exactly `heads` on (none: heads off) and `floors` over its label_min."""
    spec = yaml.safe_load(default_registry_path().read_text("utf-8"))
    h = next(d for d in spec["detectors"] if d["name"] == "model")["params"]["heads"]
    h["enabled"] = bool(heads)
    h["models"] = [f"campaign-{x}" for x in heads] or h["models"]
    h["label_min"] = {**h.get("label_min", {}), **floors}
    path = folder / f"reg-{'-'.join(heads) or 'off'}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def load(folder: Path, holdout: bool) -> list[dict[str, Any]]:
    """The campaign and claims rows of a set folder: its holdout rows only, or every other row."""
    paths = [*sorted(folder.glob("task*.jsonl")), *sorted(folder.glob("claims.jsonl"))]
    return [row for row in load_rows(paths, "all") if (row.get("split") == "holdout") == holdout]


def outcome(engine: Engine, row: dict[str, Any]) -> tuple[bool, bool, list[str]]:
    """(caught, acted on, heads whose signal the decision carries)."""
    d = engine.moderate(row["content"])
    caught, acted = judge(d, row["expect"])
    fired = sorted({ev.rule[len(HEAD_RULE):] for lr in d.labels for ev in lr.evidence
                    if ev.rule.startswith(HEAD_RULE)})
    return caught and bool(row["expect"].get("violation")), acted and not row["expect"].get("violation"), fired


def tally(res: list[tuple[bool, bool, list[str]]], rows: list[dict[str, Any]]) -> Counter:
    c: Counter = Counter()
    for (caught, acted, _), row in zip(res, rows, strict=True):
        c["caught"] += caught
        c["innocent_acted"] += acted
        c["hard_acted"] += acted and bool(row.get("hard_negative"))
    return c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, required=True, help="a set folder (task*.jsonl, claims.jsonl)")
    ap.add_argument("--heads", default="", help="comma-separated labels (default: the registry's heads)")
    ap.add_argument("--floor", action="append", default=[], help="LABEL=P: a head's floor over the registry's")
    ap.add_argument("--holdout", action="store_true",
                    help="score only the `holdout` rows (scored 2-3 times a session); without it they are refused")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    spec = yaml.safe_load(default_registry_path().read_text("utf-8"))
    shipped = next(d for d in spec["detectors"] if d["name"] == "model")["params"]["heads"]["models"]
    heads = [x for x in args.heads.split(",") if x] or [m.removeprefix("campaign-") for m in shipped]
    floors = {k: float(v) for k, v in (f.split("=") for f in args.floor)}
    rows = load(args.dir, args.holdout)
    violations = sum(bool(r["expect"].get("violation")) for r in rows)
    hard = sum(bool(r.get("hard_negative")) and not r["expect"].get("violation") for r in rows)
    with tempfile.TemporaryDirectory() as tmp:
        off_engine = Engine.from_config(detectors=registry([], floors, Path(tmp)))
        off = [outcome(off_engine, r) for r in rows]
        all_engine = Engine.from_config(detectors=registry(heads, floors, Path(tmp)))
        on = [outcome(all_engine, r) for r in rows]
        touched = [k for k, o in enumerate(on) if o[2] or o[:2] != off[k][:2]]
        per_head: dict[str, dict[str, Any]] = {}
        for head in heads:
            eng = Engine.from_config(detectors=registry([head], floors, Path(tmp)))
            gained, lost, hn, inn, rows_changed = 0, 0, 0, 0, []
            for k in touched:
                caught, acted, _ = outcome(eng, rows[k])
                d_c, d_a = int(caught) - int(off[k][0]), int(acted) - int(off[k][1])
                gained += d_c > 0
                lost += d_c < 0
                inn += d_a
                hn += d_a if rows[k].get("hard_negative") else 0
                if d_c or d_a:
                    rows_changed.append({"id": rows[k]["id"], "caught": d_c, "acted": d_a,
                                         "labels": rows[k]["expect"].get("labels") or []})
            per_head[head] = {"caught_gained": gained, "caught_lost": lost, "hard_acted_added": hn,
                              "innocent_acted_added": inn, "rows": rows_changed}
    t_off, t_on = tally(off, rows), tally(on, rows)
    print(f"{args.dir}: {len(rows)} rows, {violations} violations, {hard} hard negatives; heads: {','.join(heads)}"
          + (f"; floors over the registry: {floors}" if floors else ""))
    print(f"off: caught {t_off['caught']}, hard negatives acted on {t_off['hard_acted']}, innocent acted on "
          f"{t_off['innocent_acted']}")
    print(f"on:  caught {t_on['caught']}, hard negatives acted on {t_on['hard_acted']}, innocent acted on "
          f"{t_on['innocent_acted']}")
    print("| head | caught + | caught - | hard negatives acted on + | innocent acted on + | rows |")
    print("|---|---|---|---|---|---|")
    for head, v in per_head.items():
        changed = " ".join(f"{r['id']}({'+' if r['caught'] > 0 else ''}{'HN' if r['acted'] > 0 else ''})"
                           for r in v["rows"])
        print(f"| {head} | {v['caught_gained']} | {v['caught_lost']} | {v['hard_acted_added']} | "
              f"{v['innocent_acted_added']} | {changed} |")
    if args.json:
        args.json.write_text(json.dumps({"off": dict(t_off), "on": dict(t_on), "heads": per_head},
                                        ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
