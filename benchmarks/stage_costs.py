"""CPU per item by stage — each detector's hooks, the text stage, the policy, the room fold — on the live path or the
bulk path, so that two trees can be compared stage by stage (session 18: where the live path's 25 % went).

    python benchmarks/stage_costs.py --workload live [--items 3000] [--tree DIR]
    QINGLANG_SHARED=/work/shared python benchmarks/stage_costs.py --workload bulk [--mb 0.5] [--tree DIR]

`live`: the room logic in this process as `benchmarks/live_inprocess.py` sets it up (engine, warm-up, frozen heap,
200 rooms replaying tests/data/blind/live/streams.jsonl after 400 warm-up messages), the decision cache off (every
message reaches the engine). `bulk`: `Engine.moderate_many` over `benchmarks/throughput.py`'s posts with its 50k-term
lexicon, after a warm-up slice (lazy loads such as jieba's dictionary are not timed). Each stage is timed with the
thread's CPU clock around the call (`detect`, `prepare`, `detect_cascade`, `detect_cascade_many` — the bulk path's
batch of a cascade stage —, `adjust` of every detector; the text stage; the policy's `evaluate`; the room fold), so
a stage's figure includes only its own work; `other` is the rest of the item's CPU (the engine's own loop, scope,
evidence, the decision). The wrappers cost ~1 µs a call: compare trees with this script, not with the plain
benchmarks' figures. `--tree DIR`: import `qinglang` from that tree.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
_TREE = sys.argv[sys.argv.index("--tree") + 1] if "--tree" in sys.argv[:-1] else str(ROOT)
sys.path[:0] = [_TREE, str(ROOT)]

HOOKS = ("detect", "prepare", "detect_cascade", "detect_cascade_many", "adjust")
clock = time.thread_time_ns


def _timed(cost: dict[str, int], calls: dict[str, int], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*a: Any, **kw: Any) -> Any:
        t0 = clock()
        try:
            return fn(*a, **kw)
        finally:
            cost[name] += clock() - t0
            calls[name] += 1
    return wrapper


def instrument(engine: Any, cost: dict[str, int], calls: dict[str, int]) -> None:
    """Wrap every detector hook, the text stage and the policy of `engine`'s current state."""
    state = engine._state
    for det in state.detectors:
        for hook in HOOKS:
            fn = getattr(det, hook, None)
            if callable(fn) and not (hook == "detect" and getattr(det, "cascade", False)):
                setattr(det, hook, _timed(cost, calls, f"{det.name}.{hook}", fn))
    engine._stage = _timed(cost, calls, "text stage (views)", engine._stage)
    object.__setattr__(state, "evaluator", _Policy(state.evaluator, _timed(cost, calls, "policy.evaluate",
                                                                           state.evaluator.evaluate)))


class _Policy:
    """The state's evaluator with its `evaluate` timed (the evaluator has slots: it cannot be wrapped in place)."""

    def __init__(self, inner: Any, evaluate: Callable[..., Any]) -> None:
        self._inner, self.evaluate = inner, evaluate

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _bulk(args: argparse.Namespace) -> tuple[int, Any, Callable[[], None]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import throughput

    from qinglang.engine import Engine, freeze_heap
    from qinglang.model import Content

    text, lex = throughput.workload(Path(tempfile.gettempdir()) / "qlbench")
    pool = throughput.load_posts(text, args.mb * 2)
    warm, posts = pool[0::2][:200], pool[1::2]
    terms = [t for t in lex.read_text("utf-8").split("\n") if t]
    folder = Path(tempfile.mkdtemp(prefix="qlstage-lex-"))
    (folder / "PROVENANCE").write_text("source: shared/bench/gen_workload.py (synthetic)\nlicense: n/a\n")
    (folder / "lexicon.yaml").write_text("name: bench\nlabel: vulgar\nseverity: low\n")
    (folder / "terms.txt").write_text("\n".join(terms) + "\n", "utf-8")
    engine = Engine.from_config(lexicons=[folder])
    freeze_heap()
    for _ in engine.moderate_many(Content(id=f"w{i}", text=p) for i, p in enumerate(warm)):
        pass

    def run() -> None:
        for _ in engine.moderate_many(Content(id=str(i), text=p) for i, p in enumerate(posts)):
            pass
    return len(posts), engine, run


def _live(args: argparse.Namespace, cost: dict[str, int], calls: dict[str, int]) -> tuple[int, Any, Callable[[], None]]:
    from benchmarks.live import load_messages
    from qinglang.engine import Engine, freeze_heap
    from qinglang.live.room import RoomManager
    from qinglang.live.warmup import warm_up

    metas, msgs = load_messages()
    engine = Engine.from_config()
    warm_up(engine)
    freeze_heap()
    mgr = RoomManager(engine, decision_cache=0)
    for i in range(200):
        mgr.room(f"b{i}", metas[i % len(metas)])
    for i in range(400):
        mgr.observe(f"b{i % 200}", msgs[i % len(msgs)])
    mgr._fold = _timed(cost, calls, "room fold", mgr._fold)  # type: ignore[method-assign]

    def run() -> None:
        for i in range(400, 400 + args.items):
            mgr.observe(f"b{i % 200}", msgs[i % len(msgs)])
    return args.items, engine, run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workload", choices=("live", "bulk"), default="live")
    ap.add_argument("--items", type=int, default=3000, help="live: messages measured")
    ap.add_argument("--mb", type=float, default=0.5, help="bulk: MB of posts measured")
    ap.add_argument("--tree", help="source tree to import qinglang from (default: this one)")
    args = ap.parse_args(argv)
    cost: dict[str, int] = defaultdict(int)
    calls: dict[str, int] = defaultdict(int)
    n, engine, run = _bulk(args) if args.workload == "bulk" else _live(args, cost, calls)
    instrument(engine, cost, calls)
    cost.clear()
    calls.clear()
    t0 = clock()
    run()
    total = clock() - t0
    import qinglang

    print(f"qinglang from {Path(qinglang.__file__).parents[1]}; {args.workload}: {n:,} items, "
          f"{total / n / 1e3:,.0f} µs CPU an item ({n / total * 1e9:,.0f} items per CPU-second)")
    print(f"{'stage':<34} {'µs/item':>9} {'share':>7} {'calls':>8}")
    for name, ns in sorted(cost.items(), key=lambda kv: -kv[1]):
        print(f"{name:<34} {ns / n / 1e3:9.1f} {ns / total:7.1%} {calls[name]:8,}")
    other = total - sum(cost.values())
    print(f"{'other':<34} {other / n / 1e3:9.1f} {other / total:7.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
