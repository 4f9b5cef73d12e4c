"""`qinglang spark scan --master local[2]` against single-process `qinglang scan`, in the same run.

Workload: the first `--posts` posts of `../shared/bench/gen_workload.py`'s text.txt (OUT_DIR, default
$TMPDIR/qlbench, generated when missing) as JSONL Content ({"id", "text"}). Each command runs as a real
process, wall-clock timed, best of `--repeat` (alternating, so both see the same machine load):

- `scan`: `qinglang scan IN -o OUT.jsonl` (one process, one engine);
- `spark`: `qinglang spark scan IN -o OUT --master local[N] --partitions 2N` (JVM, N Python workers, one
  engine each).

Startup is measured separately, as the same command on a one-post input (process start, imports, engine
build; for Spark also the JVM and the Python workers), and reported both ways: throughput with startup
included (posts / wall) and steady state (posts / (wall - startup)). CPU seconds of every process in the
tree (sampled from /proc) give CPU per post, which machine load does not change: N quiet cores would give
`ratio_projected_quiet` = N × scan's CPU per post / Spark's (all of Spark's processes: JVM and workers).
Memory: peak RSS of every process in each command's tree, sampled from /proc every 0.1 s (the Spark driver
JVM, each Python worker = the engine an executor holds, and the single `scan` process).

Every run is checked: `scan` must write one record per post and Spark's `_summary.json` must count every
post, so a failed or partial run cannot pass for a fast one. The default size (120,000 posts, ~2 minutes of
`scan` on a quiet core) is long enough that startup is a small share of the with-startup figure; the lead's
quiet-machine command is the default one:

    python benchmarks/spark.py [--posts 120000] [--cores 2] [--repeat 3] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared"))


def workload(posts: int, folder: Path) -> Path:
    out_dir = Path(os.environ.get("OUT_DIR", Path(tempfile.gettempdir()) / "qlbench"))
    text = out_dir / "text.txt"
    if not text.exists():
        subprocess.run([sys.executable, str(SHARED / "bench" / "gen_workload.py")],
                       env={**os.environ, "OUT_DIR": str(out_dir)}, check=True, stdout=subprocess.DEVNULL)
    src = folder / f"posts-{posts}.jsonl"
    n = 0
    with open(text, encoding="utf-8") as fh, open(src, "w", encoding="utf-8") as out:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                continue
            out.write(json.dumps({"id": f"p{n}", "text": line}, ensure_ascii=False) + "\n")
            n += 1
            if n >= posts:
                break
    return src


def _children(pid: int) -> set[int]:
    """pid and all its descendants (from /proc/*/stat parent ids)."""
    parent: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", "rb") as fh:
                    parent[int(d)] = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    out, todo = {pid}, [pid]
    while todo:
        p = todo.pop()
        for c, pp in parent.items():
            if pp == p and c not in out:
                out.add(c)
                todo.append(c)
    return out


TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process so far."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            f = fh.read().rsplit(b")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def _rss_and_kind(pid: int) -> tuple[int, str]:
    try:
        with open(f"/proc/{pid}/status") as fh:
            rss = next((int(x.split()[1]) for x in fh if x.startswith("VmRSS:")), 0)
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return 0, ""
    kind = "jvm" if "java" in cmd.split(" ")[0] else "python-worker" if "pyspark" in cmd else "python"
    return rss * 1024, kind


def timed(cmd: list[str]) -> dict[str, object]:
    """Run cmd; wall seconds and the peak RSS of each process in its tree, by kind."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak: dict[int, tuple[int, str]] = {}
    cpu: dict[int, float] = {}
    kinds: dict[int, str] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for p in _children(proc.pid):
                rss, kind = _rss_and_kind(p)
                if kind:
                    kinds[p] = kind
                if kind and rss > peak.get(p, (0, ""))[0]:
                    peak[p] = (rss, kind)
                cpu[p] = max(cpu.get(p, 0.0), _cpu(p))
            done.wait(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    th.join()
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    by_kind: dict[str, list[int]] = {}
    for rss, kind in peak.values():
        by_kind.setdefault(kind, []).append(rss)
    cpu_by_kind: dict[str, float] = {}
    for p, c in cpu.items():
        cpu_by_kind[kinds.get(p, "other")] = cpu_by_kind.get(kinds.get(p, "other"), 0.0) + c
    return {"wall": wall, "rss": {k: sorted(v, reverse=True) for k, v in by_kind.items()},
            "cpu": sum(cpu.values()), "cpu_by_kind": cpu_by_kind}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=120_000)
    ap.add_argument("--cores", type=int, default=2, help="local[N] for Spark")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qlbench-spark-"))
    try:
        src, one = workload(args.posts, folder), workload(1, folder)
        cli = [sys.executable, "-m", "qinglang.cli"]

        def scan(inp: Path) -> dict[str, object]:
            out = folder / "scan.jsonl"
            r = timed([*cli, "scan", str(inp), "-o", str(out), "--no-progress"])
            want = sum(1 for _ in inp.open("rb"))
            with out.open("rb") as fh:
                if sum(1 for _ in fh) != want:
                    sys.exit(f"scan wrote fewer records than {want} posts")
            return r

        def spark(inp: Path) -> dict[str, object]:
            out = folder / "spark-out"
            shutil.rmtree(out, ignore_errors=True)
            r = timed([*cli, "spark", "scan", str(inp), "-o", str(out), "--master", f"local[{args.cores}]",
                       "--partitions", str(2 * args.cores)])
            want = sum(1 for _ in inp.open("rb"))
            if json.loads((out / "_summary.json").read_text("utf-8"))["items"] != want:
                sys.exit(f"spark scan did not decide all {want} posts")
            return r

        runs: dict[str, list[dict[str, object]]] = {"scan": [], "spark": [], "scan-startup": [],
                                                     "spark-startup": []}
        for _ in range(args.repeat):
            runs["scan-startup"].append(scan(one))
            runs["spark-startup"].append(spark(one))
            runs["scan"].append(scan(src))
            runs["spark"].append(spark(src))
        best = {k: min(v, key=lambda r: r["wall"]) for k, v in runs.items()}
        n = args.posts
        res: dict[str, object] = {"posts": n, "cores": args.cores, "cpus": os.cpu_count(),
                                  "load_avg_1m": round(os.getloadavg()[0], 1)}
        for k in ("scan", "spark"):
            wall, start = best[k]["wall"], best[f"{k}-startup"]["wall"]
            cpu, cpu0 = best[k]["cpu"], best[f"{k}-startup"]["cpu"]
            res[k] = {"wall_s": round(wall, 2), "startup_s": round(start, 2), "cpu_s": round(cpu, 1),
                      "startup_cpu_s": round(cpu0, 1), "cpu_ms_per_post_steady": round(1000 * (cpu - cpu0) / n, 3),
                      "posts_per_s": round(n / wall, 1), "steady_posts_per_s": round(n / max(wall - start, 1e-9), 1),
                      "peak_rss_mb": {kind: [round(x / 2**20) for x in v] for kind, v in best[k]["rss"].items()},
                      "cpu_s_by_kind": {kind: round(v, 1) for kind, v in best[k]["cpu_by_kind"].items()}}
        res["ratio_with_startup"] = round(res["spark"]["posts_per_s"] / res["scan"]["posts_per_s"], 2)
        res["ratio_steady"] = round(res["spark"]["steady_posts_per_s"] / res["scan"]["steady_posts_per_s"], 2)
        # CPU per post is what machine load does not change: N cores of a quiet machine would give this ratio
        res["ratio_projected_quiet"] = round(args.cores * res["scan"]["cpu_ms_per_post_steady"]
                                             / res["spark"]["cpu_ms_per_post_steady"], 2)
        res["all_walls"] = {k: [round(r["wall"], 2) for r in v] for k, v in runs.items()}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.markdown:
        print("| command | wall s | startup s | posts/s | steady posts/s | CPU ms/post (steady) | peak RSS MB |\n"
              "|---|---|---|---|---|---|---|")
        for k in ("scan", "spark"):
            r = res[k]
            print(f"| {k} | {r['wall_s']} | {r['startup_s']} | {r['posts_per_s']} | {r['steady_posts_per_s']} | "
                  f"{r['cpu_ms_per_post_steady']} | {r['peak_rss_mb']} |")
        print(f"\nlocal[{args.cores}] / scan: {res['ratio_with_startup']}x with startup, {res['ratio_steady']}x "
              f"steady, {res['ratio_projected_quiet']}x projected for {args.cores} quiet cores from CPU per post "
              f"({n} posts, load average {res['load_avg_1m']})")
    print(json.dumps(res, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
