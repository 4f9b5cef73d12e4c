"""Cost of the campaign detectors and policies: items/s of the full engine vs a lexicon-only baseline,
both in this process, on the scenario corpus (tests/scenarios, ~160 items) repeated.

    python benchmarks/bench_policy.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.engine import Engine  # noqa: E402
from tests.policy.scenarios import SCENARIOS, load_cases  # noqa: E402


def rate(engine: Engine, items: list[dict], repeat: int) -> float:
    t0 = time.perf_counter()
    for _ in range(repeat):
        for item in items:
            engine.moderate(item)
    return repeat * len(items) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    items = [c.content for c in load_cases()]
    with tempfile.TemporaryDirectory() as d:
        reg = Path(d) / "detectors.yaml"
        reg.write_text("detectors:\n  - {name: lexicon, type: lexicon}\n", "utf-8")
        baseline = Engine.from_config(detectors=reg)
        full = Engine.from_config(extra={"news_registry": str(SCENARIOS / "data" / "news_registry.csv")})
        rate(full, items, 1)
        rate(baseline, items, 1)  # warm caches
        b = rate(baseline, items, args.repeat)
        f = rate(full, items, args.repeat)
    print(f"items: {len(items)} x {args.repeat}")
    print(f"baseline (lexicon detector + all policies): {b:,.0f} items/s")
    print(f"full (lexicon + topic, news, enterprise, livestream, language_misuse): {f:,.0f} items/s")
    print(f"ratio full/baseline: {f / b:.2f}")


if __name__ == "__main__":
    main()
