"""Cost of the contact detector: engine throughput with and without it, against raw pyahocorasick, same run.

Workload: the first `--posts` posts of `../shared/bench/gen_workload.py`'s text.txt (OUT_DIR, default
$TMPDIR/qlbench, generated when missing) plus `--plant` % of them with a contact handle appended, so the
expensive path (compaction, regexes, evidence) is exercised too. Timed in CPU seconds, best of `--repeat`:

- `pyahocorasick`: the workload's 50,000-term lexicon, one `iter()` per post, every match consumed;
- `engine-no-contact`: `Engine.moderate` with the default detectors except the contact detector;
- `engine`: the default detectors;
- `contact-only`: `ContactDetector.detect` on prebuilt views (normalization excluded).

    python benchmarks/bench_contact.py [--posts 20000] [--plant 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT))

PLANTS = ["加我VX：abc_777", "威❤信 abc777", "电话 1 3 8-0013-8000", "🐧 12345678", "www点hg8868点com",
          "h t t p s : / / hg8868.cc", "纸飞机 @hgbet88", "裙号 12345 6789", "菠菜平台 看主页", "联系13912345678"]


def load(posts: int, plant: float) -> list[str]:
    out_dir = Path(os.environ.get("OUT_DIR", Path(tempfile.gettempdir()) / "qlbench"))
    text = out_dir / "text.txt"
    if not text.exists():
        subprocess.run([sys.executable, str(SHARED / "bench" / "gen_workload.py")],
                       env={**os.environ, "OUT_DIR": str(out_dir)}, check=True, stdout=subprocess.DEVNULL)
    rows = []
    with text.open(encoding="utf-8") as fh:
        for line in fh:
            rows.append(line.rstrip("\n"))
            if len(rows) >= posts:
                break
    r = random.Random(7)
    return [p + "，" + r.choice(PLANTS) if r.random() * 100 < plant else p for p in rows]


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description="contact detector throughput")
    ap.add_argument("--posts", type=int, default=20000)
    ap.add_argument("--plant", type=float, default=2.0, help="percent of posts with a contact handle appended")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import ahocorasick

    from qinglang.detectors.base import Views
    from qinglang.detectors.contact import ContactDetector
    from qinglang.engine import Engine
    from qinglang.model import Content

    posts = load(args.posts, args.plant)
    mb = sum(len(p.encode("utf-8")) for p in posts) / 1e6
    out_dir = Path(os.environ.get("OUT_DIR", Path(tempfile.gettempdir()) / "qlbench"))
    auto = ahocorasick.Automaton()
    for i, t in enumerate(x for x in (out_dir / "lexicon.txt").read_text("utf-8").split("\n") if x):
        auto.add_word(t, i)
    auto.make_automaton()

    def ac() -> None:
        for p in posts:
            for _ in auto.iter(p):
                pass

    import yaml

    from qinglang.detectors import default_registry_path

    with tempfile.TemporaryDirectory() as tmp:
        # the default registry with only the contact detector switched off
        spec = yaml.safe_load(default_registry_path().read_text("utf-8"))
        for row in spec["detectors"]:
            if row["type"] == "contact":
                row["enabled"] = False
        without = Path(tmp) / "detectors.yaml"
        without.write_text(yaml.safe_dump(spec, allow_unicode=True), "utf-8")
        plain = Engine.from_config(detectors=without)
    full = Engine()
    contents = [Content(id=str(i), text=p) for i, p in enumerate(posts)]
    det = ContactDetector(full.normalizer)
    views = [Views.build(c, full.normalizer) for c in contents]
    flagged = sum(1 for c in contents if any(lab.label == "drainage" for lab in full.moderate(c).labels))

    def engine_run(eng: Engine):
        return lambda: [eng.moderate(c) for c in contents]

    results = {
        "pyahocorasick": best(ac, args.repeat),
        "engine-no-contact": best(engine_run(plain), args.repeat),
        "engine": best(engine_run(full), args.repeat),
        "contact-only": best(lambda: [det.detect(c, v) for c, v in zip(contents, views, strict=True)], args.repeat),
    }
    base = results["pyahocorasick"]
    print(f"{len(posts)} posts, {mb:.2f} MB, {args.plant}% planted handles, {flagged} flagged drainage")
    print(f"{'mode':20} {'CPU s':>8} {'posts/s':>10} {'MB/s':>7} {'vs pyahocorasick':>17}")
    for mode, t in results.items():
        print(f"{mode:20} {t:8.3f} {len(posts) / t:10.0f} {mb / t:7.2f} {base / t:16.2f}x")


if __name__ == "__main__":
    main()
