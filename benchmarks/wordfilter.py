"""The word-filter path (`Engine.contains` / `find_all` / `mask`) against raw pyahocorasick and flashtext.

Same run, same posts, same 50,000-term lexicon (`../shared/bench/gen_workload.py`, generated into a temp folder
when missing). Qinglang runs with ONLY that list as a platform lexicon (no shipped lexicons, no campaign
detectors: the detector registry holds the lexicon detector alone) and every normalization layer on, so each of
its calls normalizes the post, scans it and maps every hit back to the original text. The baselines match the
raw post with no normalization at all:

- `pyahocorasick iter` (the issue's baseline): one `Automaton.iter()` per post, every match consumed;
- `pyahocorasick contains`: the same, stopping at the first match; `pyahocorasick mask`: every match's span
  replaced by '*' per character (overlaps merged), as a user of the raw library would write it;
- `flashtext find_all` / `flashtext mask`: `extract_keywords` / `replace_keywords` per post (flashtext masks with
  a fixed replacement per keyword: '*' times its length).

CPU seconds of this process (pinned to one core), best of `--repeat` rounds (each round runs every mode in
turn); throughput in MB (10^6 bytes of UTF-8
input) per second, and ratios against `pyahocorasick iter` and against the same operation in pyahocorasick.

    python benchmarks/wordfilter.py [--mb 5] [--repeat 3] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import load_posts, workload  # noqa: E402  (the shared benchmark workload)


def star_mask(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    spans.sort()
    out, pos = [], 0
    for a, b in spans:
        a = max(a, pos)
        if b <= a:
            continue
        out.append(text[pos:a])
        out.append("*" * (b - a))
        pos = b
    out.append(text[pos:])
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="MB of posts (default 5; the workload has ~20)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "qlbench")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    args.workdir.mkdir(parents=True, exist_ok=True)
    text_path, lex_path = workload(args.workdir)
    posts = load_posts(text_path, args.mb)
    terms = [t for t in lex_path.read_text("utf-8").split("\n") if t]
    nbytes = sum(len(p.encode("utf-8")) for p in posts)

    import ahocorasick
    from flashtext import KeywordProcessor

    from qinglang.engine import Engine, EngineConfig, freeze_heap

    builds: dict[str, float] = {}
    t0 = time.process_time()
    auto = ahocorasick.Automaton()
    for i, t in enumerate(terms):
        auto.add_word(t, (i, len(t)))
    auto.make_automaton()
    builds["pyahocorasick"] = time.process_time() - t0
    t0 = time.process_time()
    kp = KeywordProcessor()
    for t in terms:
        kp.add_keyword(t, "*" * len(t))
    builds["flashtext"] = time.process_time() - t0
    folder = Path(tempfile.mkdtemp(prefix="qlwf-lex-"))
    (folder / "PROVENANCE").write_text("source: shared/bench/gen_workload.py (synthetic)\nlicense: n/a\n")
    (folder / "lexicon.yaml").write_text("name: bench\nlabel: vulgar\nseverity: low\n")
    (folder / "terms.txt").write_text("\n".join(terms) + "\n", "utf-8")
    (folder / "detectors.yaml").write_text("detectors:\n  - {name: lexicon, type: lexicon}\n", "utf-8")
    t0 = time.process_time()
    engine = Engine(EngineConfig(lexicon_dirs=(folder / "",), detectors=folder / "detectors.yaml",
                                 include_shipped_lexicons=False, extra={"media": False}))
    builds["qinglang"] = time.process_time() - t0
    freeze_heap()  # the entry point freezes what the build allocated (engine.freeze_heap), as the CLI does

    def py_iter() -> int:
        return sum(1 for p in posts for _ in auto.iter(p))

    def py_contains() -> int:
        return sum(1 for p in posts if next(auto.iter(p), None) is not None)

    def py_mask() -> int:
        n = 0
        for p in posts:
            m = star_mask(p, [(e - ln + 1, e + 1) for e, (_, ln) in auto.iter(p)])
            n += m != p
        return n

    def ft_find() -> int:
        return sum(len(kp.extract_keywords(p)) for p in posts)

    def ft_mask() -> int:
        return sum(kp.replace_keywords(p) != p for p in posts)

    def ql_contains() -> int:
        return sum(engine.contains(p) for p in posts)

    def ql_find() -> int:
        return sum(len(engine.find_all(p)) for p in posts)

    def ql_mask() -> int:
        return sum(engine.mask(p) != p for p in posts)

    modes: list[tuple[str, str, Callable[[], int]]] = [
        ("pyahocorasick iter", "pyahocorasick iter", py_iter),
        ("pyahocorasick contains", "pyahocorasick contains", py_contains),
        ("pyahocorasick mask", "pyahocorasick mask", py_mask),
        ("flashtext find_all", "pyahocorasick iter", ft_find),
        ("flashtext mask", "pyahocorasick mask", ft_mask),
        ("qinglang contains", "pyahocorasick contains", ql_contains),
        ("qinglang find_all", "pyahocorasick iter", ql_find),
        ("qinglang mask", "pyahocorasick mask", ql_mask),
    ]
    # Rounds go through every mode in turn (best of the rounds per mode), so a burst of load on the shared
    # machine slows one round of every mode rather than every round of one mode.
    results: dict[str, tuple[float, int]] = {name: (float("inf"), 0) for name, _, _ in modes}
    for _ in range(args.repeat):
        for name, _, fn in modes:
            t0 = time.process_time()
            count = fn()
            results[name] = (min(results[name][0], time.process_time() - t0), count)
    base = results["pyahocorasick iter"][0]
    rows = []
    for name, same, _ in modes:
        cpu, count = results[name]
        rows.append({"mode": name, "MB/s": round(nbytes / cpu / 1e6, 2), "x pyahocorasick iter": round(base / cpu, 2),
                     "x same op in pyahocorasick": round(results[same][0] / cpu, 2), "count": count})
    print(json.dumps({"bytes": nbytes, "posts": len(posts), "terms": len(terms),
                      "build_s": {k: round(v, 2) for k, v in builds.items()}, "rows": rows}, ensure_ascii=False,
                     indent=1))
    if args.markdown:
        cols = list(rows[0])
        print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
        for row in rows:
            print("| " + " | ".join(str(row[c]) for c in cols) + " |")


if __name__ == "__main__":
    main()
