"""Score the engine on the blind claims sets (issue 17): rumor, clickbait, false_science.

Data: `tests/data/blind/claims/{rumor,clickbait,false_science}.jsonl`, written by helpers who never saw the
code (README next to them). Tune only on `split: dev`; `holdout` is scored, never read to tune.

For each label L, over every row of the three files (a row expects L when L is in `expect.labels`):
- predicted L = the decision carries label L and its action is stricter than `pass`;
- precision / recall / F1 of that prediction per split;
- `caught@action` = expected rows with label L whose action reaches `expect.action_at_least`;
- `hard negatives acted on` = hard-negative rows of L's file whose action is stricter than `label`.

    python tools/eval_claims.py [--detectors PATH] [--markdown] [--misses LABEL] [--split dev|holdout|both]

`--split dev` scores only the dev rows (holdout is to be scored two or three times a session, not per change).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qinglang.engine import Engine  # noqa: E402
from qinglang.labels import Action  # noqa: E402

DATA = ROOT / "tests" / "data" / "blind" / "claims"
LABELS = ("rumor", "clickbait", "false_science")
RANK = {a.value_name: int(a) for a in Action}


def load() -> list[dict]:
    rows = []
    for name in LABELS:
        with open(DATA / f"{name}.jsonl", encoding="utf-8") as fh:
            rows.extend({**json.loads(line), "file": name} for line in fh if line.strip())
    return rows


def evaluate(engine: Engine, rows: list[dict], splits: tuple[str, ...] = ("dev", "holdout")) -> dict:
    rows = [r for r in rows if r["split"] in splits]
    decisions = list(engine.moderate_many([r["content"] for r in rows]))
    out: dict = {"_rows": rows}
    for split in splits:
        res: dict = {}
        for label in LABELS:
            c: Counter = Counter()
            for r, d in zip(rows, decisions, strict=True):
                if r["split"] != split:
                    continue
                exp = label in r["expect"]["labels"]
                pred = d.action != "pass" and any(lr.label == label for lr in d.labels)
                c["tp" if exp and pred else "fp" if pred else "fn" if exp else "tn"] += 1
                if exp and pred and RANK[d.action] >= RANK[r["expect"]["action_at_least"]]:
                    c["caught_action"] += 1
                if r["file"] == label and r["hard_negative"]:
                    c["hn"] += 1
                    c["hn_acted"] += RANK[d.action] > RANK["label"]
            p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
            rc = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
            f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
            res[label] = {"precision": p, "recall": rc, "f1": f1, "support": c["tp"] + c["fn"],
                          "caught_at_action": c["caught_action"], "hard_negatives": c["hn"],
                          "hard_negatives_acted": c["hn_acted"]}
        out[split] = res
    out["_decisions"] = decisions
    return out


def markdown(res: dict) -> str:
    lines = ["| split | label | precision | recall | F1 | support | caught at expected action "
             "| hard negatives acted on |", "|---|---|---|---|---|---|---|---|"]
    for split in [k for k in res if not k.startswith("_")]:
        for label in LABELS:
            m = res[split][label]
            lines.append(f"| {split} | {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | "
                         f"{m['support']} | {m['caught_at_action']} | {m['hard_negatives_acted']} / "
                         f"{m['hard_negatives']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--detectors", type=Path, default=None, help="detector registry YAML (default: shipped)")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--misses", choices=LABELS, help="print dev misses and false positives of a label")
    ap.add_argument("--split", choices=("dev", "holdout", "both"), default="both",
                    help="which rows to score (default both; use dev while tuning)")
    args = ap.parse_args(argv)
    engine = Engine.from_config(detectors=args.detectors)
    splits = ("dev", "holdout") if args.split == "both" else (args.split,)
    res = evaluate(engine, load(), splits)
    if args.misses:
        for r, d in zip(res["_rows"], res["_decisions"], strict=True):
            if r["split"] != "dev":
                continue
            exp = args.misses in r["expect"]["labels"]
            pred = d.action != "pass" and any(lr.label == args.misses for lr in d.labels)
            if exp != pred:
                kind = "MISS" if exp else "FP"
                got = ",".join(f"{lr.label}:{lr.score:.2f}:{lr.rule}" for lr in d.labels)
                c = r["content"]
                print(f"{kind} {r['id']} [{d.action}] {got} | {c.get('title', '')} | {c['text'][:120]}")
    if args.markdown:
        print(markdown(res))
    else:
        print(json.dumps({k: v for k, v in res.items() if not k.startswith("_")}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
