"""How often the campaign label models fire on short ordinary text: clauses (4-20 characters, cut at punctuation) of
real non-offensive COLD dev comments, which the trainer never reads (it reads COLD train), and the whole comments.

    QINGLANG_SHARED=../shared python benchmarks/campaign_models_short.py [--comments 3000] [--clauses 6000]
        [--min-score 0.6] [--min-han 8] [--floors]      # --floors: the shipped per-label floors (label_min)

Prints, per model, how many clauses / comments it would report on, with the registry's `model` detector's heads.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.detectors import default_registry_path  # noqa: E402
from qinglang.models.detector import _han  # noqa: E402
from qinglang.models.features import grams  # noqa: E402
from qinglang.models.linear import Fused, LinearModel  # noqa: E402
from qinglang.text.normalize import default_normalizer  # noqa: E402

CLAUSE = re.compile(r"[，。！？!?,；;…\s]+")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--comments", type=int, default=3000)
    ap.add_argument("--clauses", type=int, default=6000)
    ap.add_argument("--min-score", type=float, default=0.6)
    ap.add_argument("--min-han", type=int, default=8)
    ap.add_argument("--floors", action="store_true", help="apply the registry's label_min floors")
    ap.add_argument("--all", action="store_true", help="every trained campaign model, enabled or not")
    args = ap.parse_args()
    spec = yaml.safe_load(default_registry_path().read_text("utf-8"))
    params = next(d for d in spec["detectors"] if d["name"] == "model")["params"]["heads"]
    names = params["models"]
    if args.all:
        names = sorted(p.stem for p in (ROOT / "qinglang" / "models" / "data").glob("campaign-*.json"))
    floors = params.get("label_min", {}) if args.floors else {}
    models = [LinearModel.shipped(n) for n in names]
    fused = Fused(models)
    path = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared")) / "data" / "cold" / "dev.jsonl"
    safe = [r["text"] for r in map(json.loads, path.read_text("utf-8").splitlines()) if r["label"] == 0]
    safe = safe[:args.comments]
    clauses = [c for t in safe for c in CLAUSE.split(t) if 4 <= len(c) <= 20][:args.clauses]
    norm = default_normalizer()
    for name, texts in (("whole comments", safe), ("clauses", clauses)):
        fired = [0] * len(models)
        anyf = 0
        for t in texts:
            nt = norm.normalize(t)
            if _han(nt.text) < args.min_han:
                continue
            scores = fused.score(fused.lookup(grams(nt)))
            hit = False
            for k, m in enumerate(models):
                floor = floors.get(m.meta["labels"][0], args.min_score)
                if scores[k].p >= max(floor, args.min_score):
                    fired[k] += 1
                    hit = True
            anyf += hit
        per = ", ".join(f"{m.name} {f}" for m, f in zip(models, fired, strict=True))
        print(f"{name}: {len(texts)}; any model fires on {anyf} ({anyf / max(1, len(texts)):.2%}): {per}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
