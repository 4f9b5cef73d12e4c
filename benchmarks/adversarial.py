"""Adversarial inputs for the contact detector: long runs of letters, digits, dots and separators must stay
linear (no catastrophic backtracking). Timed here, not in the test suite: each input's CPU time is reported
as a ratio against an ordinary post of the same length, measured in the same run.

    python benchmarks/adversarial.py [--repeat 3]

Compare the ratios across versions (and across lengths): a ratio that grows with the input length means a
pattern has gone super-linear on that shape of input.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ADVERSARIAL = ["a" * 20000, "1 " * 10000, "a." * 10000, "dot" * 5000, "w w " * 5000, "加v" * 5000, "@a" * 8000,
               "1-" * 10000 + "x", "h t t p s : / / " * 2000, "点a" * 8000]
ORDINARY = "今天去公园散步，天气很好，拍了几张照片分享给大家。"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from qinglang.detectors.base import Views
    from qinglang.detectors.contact import ContactDetector
    from qinglang.model import Content
    from qinglang.text import default_normalizer

    norm = default_normalizer()
    det = ContactDetector(norm)

    def cpu(text: str) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            content = Content(id="a", text=text)
            t0 = time.process_time()
            det.detect(content, Views.build(content, norm))
            best = min(best, time.process_time() - t0)
        return best

    rows = []
    for text in ADVERSARIAL:
        base = cpu((ORDINARY * (len(text) // len(ORDINARY) + 1))[:len(text)])
        t = cpu(text)
        rows.append({"input": text[:16] + "…", "chars": len(text), "cpu_s": round(t, 4),
                     "x ordinary post": round(t / base, 2) if base else None})
    print(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
