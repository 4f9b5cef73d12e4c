"""Print the shipped models' recorded figures (metadata JSON) as the Markdown tables of docs/models.md.

python tools/models_report.py
"""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "qinglang" / "models" / "data"


def main() -> int:
    for path in sorted(DATA.glob("*.json")):
        meta = json.loads(path.read_text("utf-8"))
        dev = meta["dev"]
        c = dev["clean"]
        print(
            f"### `{meta['name']}` (version {meta['version']}, {meta['digest'][:19]}…) → {', '.join(meta['labels'])}\n"
        )
        print(
            f"{meta['description']}. Train rows {meta['n_train']} (+ cloaked copies: {meta['n_train_augmented']}), "
            f"{meta['n_features']} features, C={meta['params']['C']}, seed {meta['seed']}.\n"
        )
        print(
            "Selection on dev (raw score ≥ 0): "
            + "; ".join(
                f"C={s['C']}"
                + (f", {s['max_features']} features" if "max_features" in s else "")
                + f" → {s['dev_accuracy']:.4f}"
                for s in meta["selection"]
            )
            + "\n"
        )
        print("| set | n | precision | recall | F1 | accuracy | TP | FP | FN | TN | recall kept |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        print(
            f"| dev (clean) | {c['n']} | {c['precision']:.4f} | {c['recall']:.4f} | {c['f1']:.4f} | "
            f"{c['accuracy']:.4f} "
            f"| {c['tp']} | {c['fp']} | {c['fn']} | {c['tn']} | 1.00 |"
        )
        for kind, r in dev["cloaked"].items():
            print(
                f"| dev · {kind} | {r['n']} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} | "
                f"{r['accuracy']:.4f} | {r['tp']} | {r['fp']} | {r['fn']} | {r['tn']} | {r['retained_recall']:.2f} |"
            )
        print(
            f"\nCalibration on dev (Platt a={meta['platt'][0]:.3f}, b={meta['platt'][1]:.3f}; ECE {dev['ece']:.4f}):\n"
        )
        print("| bin | n | mean predicted | observed positive rate |")
        print("|---|---|---|---|")
        for row in dev["reliability"]:
            print(f"| {row['bin']} | {row['n']} | {row['mean_p']:.3f} | {row['observed']:.3f} |")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
