"""Record the engine's decisions on a fixed workload, to show a refactor changed nothing.

Each set is run through `Engine.moderate_many` (the bulk path) with the default detectors and shipped data;
the benchmark posts also go through the single-item path (`Engine.moderate`) with the benchmark's 50k-term
lexicon. Every decision is written as one JSON line (sorted keys, `ensure_ascii=False`) without `elapsed_ms`,
the only field that may differ between two runs of the same engine. The digest of each set is the SHA-256 of
its lines, so two recordings compare byte for byte:

    python tools/record_decisions.py --out /tmp/before          # before the change
    python tools/record_decisions.py --out /tmp/after --check docs/decision_digests.json

`--write-digests FILE` stores the digests (docs/decision_digests.json is the committed record); `--check FILE`
exits 1 naming each set whose digest differs (diff the two `--out` folders to see the decisions).

Sets (read from `$QINGLANG_SHARED`, default `../shared`): `bench` (first `--bench-items` posts of
`shared/bench/gen_workload.py`'s output, generated into `--workdir` when missing), `tests/data/*.jsonl`, the
first 3,000 rows of `data/cold/dev.jsonl`, and every `data/cntp/*.jsonl`. Dated policy overlays follow the
content's `created_at` (absent in these sets), so the date is pinned with `--today` (default 2026-12-06).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared"))
TODAY = dt.date(2026, 12, 6)
sys.path.insert(0, str(ROOT))

from qinglang.engine import Engine  # noqa: E402
from qinglang.model import Content  # noqa: E402


def _rows(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if limit is not None and k >= limit:
                return
            if line.strip():
                raw = json.loads(line)
                yield {"id": str(raw["id"]), "text": raw["text"]}


def _line(decision: Any) -> str:
    out = decision.to_json() if hasattr(decision, "to_json") else {"error": type(decision).__name__,
                                                                   "detail": str(decision)}
    out.pop("elapsed_ms", None)
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def _bench_posts(workdir: Path, n: int) -> tuple[list[str], list[str]]:
    text, lex = workdir / "text.txt", workdir / "lexicon.txt"
    if not text.exists() or not lex.exists():
        workdir.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(SHARED / "bench" / "gen_workload.py")], check=True,
                       env={**os.environ, "OUT_DIR": str(workdir)}, stdout=subprocess.DEVNULL)
    posts = []
    with open(text, encoding="utf-8") as fh:
        for line in fh:
            posts.append(line.rstrip("\n"))
            if len(posts) >= n:
                break
    return posts, [t for t in lex.read_text("utf-8").split("\n") if t]


@contextlib.contextmanager
def _pinned_today(today: dt.date) -> Iterator[None]:
    """Dated overlays: the same day for every recording (restored afterwards)."""
    import qinglang.engine as engine_mod

    name = "today_cn" if hasattr(engine_mod, "today_cn") else "_today_cn"
    saved = getattr(engine_mod, name)
    setattr(engine_mod, name, lambda: today)
    try:
        yield
    finally:
        setattr(engine_mod, name, saved)


def digest_of(lines: Iterable[str]) -> str:
    """SHA-256 of the lines, each followed by a newline (the digest `record` writes)."""
    h = hashlib.sha256()
    for ln in lines:
        h.update(ln.encode() + b"\n")
    return h.hexdigest()


def decide_lines(path: Path, limit: int | None = None, today: dt.date = TODAY) -> list[str]:
    """The decision lines of one JSONL set with the default engine (for the in-suite check)."""
    engine = Engine.from_config()
    with _pinned_today(today):
        return [_line(d) for d in engine.moderate_many(_rows(path, limit))]


def record(out: Path, bench_items: int, workdir: Path, today: dt.date) -> dict[str, str]:
    """Write one `<set>.jsonl` per set under `out`; return {set: sha256 of its lines}."""
    with _pinned_today(today):
        return _record(out, bench_items, workdir)


def _record(out: Path, bench_items: int, workdir: Path) -> dict[str, str]:
    import logging

    logging.disable(logging.CRITICAL)  # a detector failure shows as a differing digest, not a log flood
    out.mkdir(parents=True, exist_ok=True)
    digests: dict[str, str] = {}

    def write(name: str, lines: Iterator[str]) -> None:
        h = hashlib.sha256()
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for ln in lines:
                fh.write(ln + "\n")
                h.update(ln.encode() + b"\n")
        digests[name] = h.hexdigest()
        print(f"{name}: {digests[name]}", file=sys.stderr)

    engine = Engine.from_config()
    sets: list[tuple[str, Path, int | None]] = [(f"tests-{p.stem}", p, None)
                                                 for p in sorted((ROOT / "tests" / "data").glob("*.jsonl"))]
    sets.append(("cold-dev-3000", SHARED / "data" / "cold" / "dev.jsonl", 3000))
    sets += [(f"cntp-{p.stem}", p, None) for p in sorted((SHARED / "data" / "cntp").glob("*.jsonl"))]
    for name, path, limit in sets:
        write(name, (_line(d) for d in engine.moderate_many(_rows(path, limit))))

    posts, terms = _bench_posts(workdir, bench_items)
    folder = Path(tempfile.mkdtemp(prefix="qlrecord-lex-"))
    (folder / "PROVENANCE").write_text("source: shared/bench/gen_workload.py (synthetic)\nlicense: n/a\n")
    (folder / "lexicon.yaml").write_text("name: bench\nlabel: vulgar\nseverity: low\n")
    (folder / "terms.txt").write_text("\n".join(terms) + "\n", "utf-8")
    bench = Engine.from_config(lexicons=[folder])
    write("bench-many", (_line(d) for d in bench.moderate_many(
        Content(id=str(i), text=p) for i, p in enumerate(posts))))
    write("bench-single", (_line(bench.moderate(Content(id=str(i), text=p))) for i, p in enumerate(posts)))
    return digests


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="folder for one <set>.jsonl per set")
    ap.add_argument("--bench-items", type=int, default=5000)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "qlbench")
    ap.add_argument("--today", type=dt.date.fromisoformat, default=TODAY)
    ap.add_argument("--write-digests", type=Path)
    ap.add_argument("--check", type=Path, help="digests JSON to compare against")
    args = ap.parse_args()
    digests = record(args.out, args.bench_items, args.workdir, args.today)
    if args.write_digests:
        args.write_digests.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", "utf-8")
    if args.check:
        want = json.loads(args.check.read_text("utf-8"))
        bad = sorted(k for k in set(want) | set(digests) if want.get(k) != digests.get(k))
        for k in bad:
            print(f"DIFFERS: {k}: recorded {want.get(k)} now {digests.get(k)}", file=sys.stderr)
        if bad:
            return 1
        print(f"all {len(digests)} sets identical", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
