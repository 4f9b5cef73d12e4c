"""Per writer set, what three recall tiers add to the engine, as `train_recall_heads.py` measures it (its `Replay`):
no heads, a shipped model at given floors (e.g. the start tree's, on the sets it never read), and the left-out heads
of a trainer run (`--oof`) at given floors.

    python tools/train_recall_heads.py --no-save --cache C.pkl --oof O.pkl --report R.json
    git show 4a13e37:qinglang/models/data/recall.npz > /tmp/old/recall.npz   # (and recall.json)
    python tools/compare_recall_heads.py --cache C.pkl --oof O.pkl --floors R.json \\
        --shipped /tmp/old/recall --shipped-floors qinglang/detectors/default.yaml --sets unseen9,S7,S8,t19,t20,t21

`--floors`: a trainer report (its chosen `floors`) or a registry YAML (the `recall` entry's floors). Prints one JSON
line per set: violations, caught and hard negatives acted on for each tier, and the rows each tier turned. A
report-half set (`train_recall_heads.is_tune` false) is counted, never listed: its turned rows and churn are counts
and its ids stay out of the per-label lists (session 22).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from train_recall_heads import LABEL_MAX, MAX_SCORE, MIN_HAN, Replay, head_signals, is_tune, measure, p_of  # noqa: E402


def floors_from(path: Path) -> dict[str, float]:
    """The floors a trainer report chose, or the `recall` entry's floors of a registry YAML."""
    if path.suffix == ".json":
        return {k: float(v) for k, v in json.loads(path.read_text("utf-8"))["floors"].items()}
    import yaml

    reg = yaml.safe_load(path.read_text("utf-8"))
    entry = next(e for e in reg["detectors"] if e.get("type") == "recall")
    return {k: float(v) for k, v in entry["params"]["floors"].items()}


def turned(rows: list[dict[str, Any]], heads: dict[str, list[Any]], floors: dict[str, float], replay: Replay
           ) -> list[dict[str, Any]]:
    """The rows whose outcome the heads change: id, labels and P of the heads at their floors, spans they read."""
    out = []
    for r in rows:
        add = [s for s in heads.get(r["id"], []) if s.label in floors and p_of(s) >= floors[s.label]]
        if not add:
            continue
        after = replay.outcome(r, replay.with_heads(r, add, r["views"]), r["views"])
        if after != tuple(r["base"]):
            out.append({"id": r["id"], "violation": r["violation"], "hard": r["hard"], "before": list(r["base"]),
                        "after": list(after), "heads": [{"label": s.label, "p": round(p_of(s), 3),
                                                         "spans": [e.text for e in s.evidence]} for s in add]})
    return out


def main(argv: list[str] | None = None) -> int:
    from qinglang.models.recall import RecallDetector, RecallModel

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, required=True, help="the trainer's recorded rows (--cache)")
    ap.add_argument("--oof", type=Path, required=True, help="the trainer's left-out heads (--oof)")
    ap.add_argument("--floors", type=Path, required=True, help="floors of the left-out heads (report JSON or YAML)")
    ap.add_argument("--shipped", type=Path, help="a recall model (path without suffix) to compare")
    ap.add_argument("--shipped-floors", type=Path, help="its floors (report JSON or registry YAML)")
    ap.add_argument("--sets", required=True, help="comma-separated writer sets")
    ap.add_argument("--drop-rule", help="every tier without the recorded signals whose evidence rules all start with "
                    "this prefix (session 22: model.campaign. — what the campaign heads carry beside the recall heads)")
    args = ap.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    rows = [r for r in pickle.loads(args.cache.read_bytes()) if r["group"] in sets]
    replay = Replay()
    for r in rows:
        if args.drop_rule:
            r["signals"] = without_rule(r["signals"], args.drop_rule)
        replay.prepare(r)
    oof = pickle.loads(args.oof.read_bytes())
    tiers: dict[str, tuple[dict[str, list[Any]], dict[str, float]]] = {"loso": (oof, floors_from(args.floors))}
    if args.shipped:
        sfloors = floors_from(args.shipped_floors) if args.shipped_floors else {}
        det = RecallDetector(RecallModel.load(args.shipped), floors=sfloors, max_score=MAX_SCORE,
                             label_max=LABEL_MAX, min_han=MIN_HAN)
        heads = {}
        for r in rows:
            _, sigs = head_signals(det, replay, r)
            if sigs:
                heads[r["id"]] = sigs
        tiers["shipped"] = (heads, sfloors)
    only: dict[str, dict[str, set[str]]] = {name: {} for name in tiers}  # tier -> "label:kind" -> row ids
    hidden: set[str] = set()  # the report half's row ids: counted, never listed
    for g in sets:
        rs = [r for r in rows if r["group"] == g]
        line: dict[str, Any] = {"set": g}
        for name, (heads, floors) in tiers.items():
            c = measure(rs, heads, floors, replay)[g]
            line.setdefault("violations", c["violations"])
            line.setdefault("none", {"caught": c["caught_before"], "hard": c["hard_before"],
                                     "acted": c["acted_before"], "task_caught": c["task_caught_before"],
                                     "task_hard": c["task_hard_before"]})
            line[name] = {"caught": c["caught_after"], "hard": c["hard_after"], "acted": c["acted_after"],
                          "task_caught": c["task_caught_after"], "task_hard": c["task_hard_after"],
                          "turned": turned(rs, heads, floors, replay)}
            outcome = {r["id"]: tuple(r["base"]) for r in rs} | {t["id"]: tuple(t["after"])
                                                                  for t in line[name]["turned"]}
            line[name]["outcome"] = outcome
            for t in line[name]["turned"]:
                kind = "caught" if t["violation"] and t["after"][0] and not t["before"][0] else \
                    "lost" if t["violation"] and t["before"][0] and not t["after"][0] else \
                    "hard" if t["hard"] and t["after"][1] and not t["before"][1] else \
                    "acted" if not t["violation"] and t["after"][1] and not t["before"][1] else "other"
                for h in t["heads"]:
                    only[name].setdefault(f"{h['label']}:{kind}", set()).add(t["id"])
        if len(tiers) == 2:
            line["churn"] = churn(rs, line["shipped"].pop("outcome"), line["loso"].pop("outcome"))
        for name in tiers:
            line[name].pop("outcome", None)
        if not is_tune(g):
            hidden.update(r["id"] for r in rs)
            line = counted(line)
        print(json.dumps(line, ensure_ascii=False))
    print(json.dumps({"per_label": per_label(only, hidden)}, ensure_ascii=False))
    return 0


def without_rule(signals: list[Any], prefix: str) -> list[Any]:
    """The signals less those whose evidence names only rules starting with `prefix` (one detector's sub-models)."""
    return [s for s in signals if not (s.evidence and all((e.rule or "").startswith(prefix) for e in s.evidence))]


def counted(line: dict[str, Any]) -> dict[str, Any]:
    """A report-half set's line with its row lists replaced by their lengths (the rows are counted, never listed)."""
    out = {k: v for k, v in line.items() if k != "churn"}
    for name, tier in line.items():
        if isinstance(tier, dict) and "turned" in tier:
            out[name] = {**tier, "turned": len(tier["turned"])}
    if "churn" in line:
        out["churn"] = {k: len(v) for k, v in line["churn"].items()}
    return out


def churn(rows: list[dict[str, Any]], old: dict[str, tuple[bool, bool]], new: dict[str, tuple[bool, bool]]
          ) -> dict[str, list[str]]:
    """Row-level churn between the shipped tier (`old`) and the left-out one (`new`), each row's (caught, acted) through
    the engine: violations the old caught and the new loses (`lost`) and the reverse (`gained`), hard negatives the new
    acts on and the old did not (`hard_new`) and the reverse (`hard_cleared`). Session 17 (learn17)."""
    out: dict[str, list[str]] = {"lost": [], "gained": [], "hard_new": [], "hard_cleared": []}
    for r in rows:
        (c0, a0), (c1, a1) = old[r["id"]], new[r["id"]]
        if r["violation"] and c0 != c1:
            out["lost" if c0 else "gained"].append(r["id"])
        if r["hard"] and a0 != a1:
            out["hard_cleared" if a0 else "hard_new"].append(r["id"])
    return out


def per_label(only: dict[str, dict[str, set[str]]], hidden: frozenset[str] | set[str] = frozenset()
              ) -> dict[str, dict[str, Any]]:
    """Per head label and tier: the violations only the heads caught (a row the label's head was among the heads that
    turned), the hard negatives / innocent rows they turned to acted on; and between two tiers the churn: rows caught
    only by the first tier (`lost` going from it to the second) and only by the second (`new`), the `hidden` (report
    half) ones counted apart, not listed."""
    out: dict[str, dict[str, Any]] = {}
    names = list(only)
    for key in sorted({k for t in only.values() for k in t}):
        label, kind = key.split(":")
        e = out.setdefault(label, {})
        for name in names:
            e.setdefault(name, {})[kind] = len(only[name].get(key, set()))
        if len(names) == 2 and kind == "caught":
            a, b = (only[n].get(key, set()) for n in names)
            for n, ids in ((names[1], b - a), (names[0], a - b)):
                e[f"caught_only_{n}"] = sorted(ids - hidden)
                e[f"caught_only_{n}_report"] = len(ids & hidden)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
