"""Cost of the claims detector and of debunk-bank matching on the bulk path (issue 17), in one process.

Three engines built side by side — every default detector without `claims`, with it, and with it plus the
shipped example debunk bank (`bank: example`) — run `moderate_many` over the same posts of the shared
benchmark workload (`../shared/bench/gen_workload.py`), interleaved, best CPU time of `--repeat`; figures are
posts/s and ratios against the engine without claims measured in the same run. Pin it to one core
(`taskset -c 0`) for a per-core figure.

    taskset -c 0 python benchmarks/claims_cost.py [--posts 4000] [--repeat 4]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import workload  # noqa: E402

from qinglang.detectors import default_registry_path  # noqa: E402
from qinglang.engine import Engine  # noqa: E402
from qinglang.model import Content  # noqa: E402


def registry(folder: Path, claims: bool, bank: bool) -> Path:
    spec = yaml.safe_load(default_registry_path().read_text("utf-8"))
    for row in spec["detectors"]:
        if row["type"] == "claims":
            row["enabled"] = claims
            row["params"] = {"bank": "example"} if bank else {}
    path = folder / f"detectors-{int(claims)}{int(bank)}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), "utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=4000)
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "qlbench")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    text, _ = workload(args.workdir)
    with open(text, encoding="utf-8") as fh:
        posts = [line.rstrip("\n") for line, _ in zip(fh, range(args.posts), strict=False)]
    folder = Path(tempfile.mkdtemp(prefix="qlclaims-"))
    engines = {
        "engine without claims": Engine.from_config(detectors=registry(folder, False, False)),
        "engine (claims, default)": Engine.from_config(detectors=registry(folder, True, False)),
        "engine + example debunk bank": Engine.from_config(detectors=registry(folder, True, True)),
    }
    best = dict.fromkeys(engines, float("inf"))
    for _ in range(args.repeat):
        for name, engine in engines.items():
            t0 = time.process_time()
            for _d in engine.moderate_many(Content(id=str(i), text=p) for i, p in enumerate(posts)):
                pass
            best[name] = min(best[name], time.process_time() - t0)
    base = best["engine without claims"]
    print(f"| mode ({len(posts)} posts) | posts/s | ms/post | × without claims |\n|---|---|---|---|")
    for name, cpu in best.items():
        print(f"| {name} | {len(posts) / cpu:,.0f} | {cpu / len(posts) * 1000:.3f} | {base / cpu:.3f} |")


if __name__ == "__main__":
    main()
