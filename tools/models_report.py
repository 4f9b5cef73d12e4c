"""Print the shipped models' recorded figures (metadata JSON) as the Markdown tables of docs/models.md.

python tools/models_report.py [DIR]     # default: qinglang/models/data
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "qinglang" / "models" / "data"


def _routes(routes: dict[str, int]) -> str:
    """How many rows each route took (t / r / latin): does the router send cloaked posts to `r`?"""
    return " / ".join(str(routes.get(r, 0)) for r in ("t", "r", "latin"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data = Path(argv[0]) if argv else DATA
    for path in sorted(data.glob("*.json")):
        meta = json.loads(path.read_text("utf-8"))
        dev = meta["dev"]
        c = dev["clean"]
        print(
            f"### `{meta['name']}` (version {meta['version']}, {meta['digest'][:19]}…) → {', '.join(meta['labels'])}\n"
        )
        print(
            f"{meta['description']}. Train rows {meta['n_train']} (+ cloaked copies: {meta['n_train_augmented']}), "
            f"buckets kept: {meta['n_features']}, C={meta['params']['C']} (text), "
            f"{meta['params']['C_robust']} (robust), seed {meta['seed']}.\n"
        )
        router = meta["params"]["router"]
        print(
            f"Router: `latin` when Latin letters ≥ {router['latin_min']} of letters + ideographs, `r` when the "
            f"text sub-model knows < {router['coverage_min']:.3f} of the distinct text n-grams (the "
            f"{router['coverage_quantile']} quantile on clean dev), else `t`. Dev routes: {dev['routes']}.\n"
        )
        print(
            "Selection on dev (raw score ≥ 0, each sub-model alone on every dev row): "
            + "; ".join(
                f"`{s['submodel']}` C={s['C']}, {s['features']} buckets → {s['dev_accuracy']:.4f}"
                for s in meta["selection"]
            )
            + "\n"
        )
        print("| set | n | precision | recall | F1 | accuracy | TP | FP | FN | TN "
              "| recall kept | routes t / r / latin |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        print(
            f"| dev (clean) | {c['n']} | {c['precision']:.4f} | {c['recall']:.4f} | {c['f1']:.4f} | "
            f"{c['accuracy']:.4f} "
            f"| {c['tp']} | {c['fp']} | {c['fn']} | {c['tn']} | 1.00 | {_routes(dev['routes'])} |"
        )
        for kind, r in dev["cloaked"].items():
            print(
                f"| dev · {kind} | {r['n']} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} | "
                f"{r['accuracy']:.4f} | {r['tp']} | {r['fp']} | {r['fn']} | {r['tn']} | {r['retained_recall']:.2f} "
                f"| {_routes(r.get('routes', {}))} |"
            )
        platt = ", ".join(f"{r}: a={a:.3f} b={b:.3f}" for r, (a, b) in meta["platt"].items())
        print(f"\nCalibration on dev (Platt per route, {platt}; ECE {dev['ece']:.4f}):\n")
        print("| bin | n | mean predicted | observed positive rate |")
        print("|---|---|---|---|")
        for row in dev["reliability"]:
            print(f"| {row['bin']} | {row['n']} | {row['mean_p']:.3f} | {row['observed']:.3f} |")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
