"""The writer bank's nearest-neighbour search: the full scan against the exact index, on the texts the tier reads.

    python benchmarks/writer_knn.py [--texts 3000] [--pollute]

Embeds the livestream benchmark's messages and the blind development rows (title + text, first 256 characters) with
the tier's static table, then, alternating in this process, finds each one's k nearest exemplars by
`knn.full_scan` (one float32 einsum over the whole bank, then argpartition: what session 17 shipped) and by
`knn.nearest` (the int16 pass and the candidates' einsum), checks that both give the same indices and the same
float32 cosines, and prints CPU µs per query, how many queries the index answered by the full scan (ties), and the
candidates per query. `--pollute`: read 32 MB between queries, as the engine's other stages do between two gated
items, so the bank is read from memory rather than from the cache (the engine's situation).
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

from qinglang.semantic import MAX_CHARS, knn  # noqa: E402
from qinglang.semantic.static import StaticEmbedder  # noqa: E402
from qinglang.semantic.writers import load_writer_bank  # noqa: E402


def texts(limit: int) -> list[str]:
    out: list[str] = []
    for line in (ROOT / "tests/data/blind/live/streams.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            out += [m["text"] for m in json.loads(line)["messages"] if m.get("text")]
    for path in sorted((ROOT / "tests/data/blind").glob("*/task*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                c = json.loads(line).get("content") or {}
                t = "\n".join(x for x in (c.get("title"), c.get("text")) if isinstance(x, str) and x)
                if t:
                    out.append(t[:MAX_CHARS])
    return list(dict.fromkeys(out))[:limit]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=int, default=3000)
    ap.add_argument("--pollute", action="store_true")
    args = ap.parse_args(argv)
    bank = load_writer_bank()
    emb = StaticEmbedder()
    qs = [emb.embed_one(t).astype(np.float32) for t in texts(args.texts)]
    index = knn.index_for(bank.vectors)
    junk = np.ones(8_000_000, dtype=np.float32)
    clock = time.thread_time_ns
    spent = {"full scan": 0, "index": 0}
    cands: list[int] = []
    fallbacks = 0
    for q in qs:
        for name in ("full scan", "index") if len(cands) % 2 == 0 else ("index", "full scan"):
            if args.pollute:
                junk.sum()
            t0 = clock()
            got = knn.full_scan(bank.vectors, q, bank.k) if name == "full scan" else knn.nearest(bank.vectors, q,
                                                                                                 bank.k)
            spent[name] += clock() - t0
            if name == "full scan":
                want = got
            else:
                mine = got
        assert np.array_equal(want[0], mine[0]) and np.array_equal(want[1], mine[1]), "the index differs"
        found = index.cheap(q)
        if found is None:
            fallbacks += 1
            cands.append(len(bank.vectors))
            continue
        scores, eps = found
        kth = float(np.partition(scores, len(scores) - bank.k)[len(scores) - bank.k])
        c = np.flatnonzero(scores >= np.float32(kth - 2 * eps))
        sims = np.sort(np.einsum("ij,j->i", bank.vectors[c], q))[::-1][:bank.k + 1]
        fallbacks += bool((sims[1:] == sims[:-1]).any())
        cands.append(len(c))
    n = len(qs)
    print(f"{n:,} queries, bank {bank.vectors.shape[0]:,} × {bank.vectors.shape[1]}, k {bank.k}"
          f"{', memory read between queries' if args.pollute else ''}: identical indices and cosines on all")
    print(f"full scan {spent['full scan'] / n / 1e3:.0f} µs a query; index {spent['index'] / n / 1e3:.0f} µs "
          f"(ratio {spent['full scan'] / max(spent['index'], 1):.2f}); {fallbacks} answered by the full scan (ties, "
          f"empty query); candidates per query median {int(np.median(cands))}, p99 {int(np.percentile(cands, 99))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
