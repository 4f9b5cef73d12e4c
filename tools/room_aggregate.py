"""A scored room aggregate over the engine's own per-message labels, against the room's cue ladder (issue 20).

    PYTHONPATH=. python tools/room_aggregate.py [--streams FILE ...]

What a room verdict built only from "the per-message decisions of the same engine" would do, with no room cue
words: per label, evidence accumulated with decay (`decay` per message), the host's and guests' messages at weight
`wh`, each viewer counted once per label per 12 messages at weight `wv`, labels scoring below `floor` ignored (and
the labels a room never acts on: news, language, fandom...); the room is acted on when one label's evidence reaches
`theta`. The five parameters are chosen on a grid, leave one set out: for each room set, on all the others (utility:
violating rooms caught within 30 messages minus three times the innocent rooms acted on), then scored on it.
Default sets: every `tests/data/blind/*/streams.jsonl` (dev split of `live`) and `corpus/rooms/r1/streams.jsonl`.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.engine import Engine  # noqa: E402
from qinglang.live.messages import Message  # noqa: E402
from qinglang.live.room import RoomManager  # noqa: E402

WITHIN = 30
SKIP = frozenset({"language_misuse", "source_missing", "clickbait", "aigc_unlabeled", "rumor", "enterprise_smear",
                  "fan_frenzy", "fraud", "bullying", "wealth_flaunt", "extortion"})
GRID = list(itertools.product([1.0], [0.3, 0.5, 1.0], [0.55, 0.6, 0.7], [0.9, 0.95, 0.97], [1.5, 2.0, 2.5, 3.0, 4.0]))
Msg = tuple[str, str, str, tuple[tuple[str, str, float], ...]]  # role, kind, author, (label, rule, score)


def decided(engine: Engine, stream: dict[str, Any]) -> list[Msg]:
    """Every message of a stream as the engine decides it alone (surface live, no decision cache)."""
    manager = RoomManager(engine, decision_cache=0)
    room = manager.room(stream["id"], stream["room"])
    out = []
    for raw in stream["messages"]:
        msg = Message.from_json(raw)
        found = manager._decide(room, msg)[3]
        out.append((msg.role, msg.kind, msg.author_id, tuple((lab, rule, sc) for lab, rule, sc, _ in found)))
    return out


def first_action(msgs: list[Msg], wh: float, wv: float, floor: float, decay: float, theta: float) -> int | None:
    """The index of the message at which the aggregate acts on the room, or None."""
    score: dict[str, float] = collections.defaultdict(float)
    seen: dict[tuple[str, str], int] = {}
    for i, (role, kind, author, labels) in enumerate(msgs):
        for k in score:
            score[k] *= decay
        if kind in ("gift", "event"):
            continue
        for lab, rule, sc in labels:
            if sc < floor or lab in SKIP or rule.startswith("live.paid"):
                continue
            if role == "viewer":
                if i - seen.get((lab, author), -99) < 12:
                    continue
                seen[(lab, author)] = i
                score[lab] += wv * sc
            else:
                score[lab] += wh * sc
        if score and max(score.values()) >= theta:
            return i
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--streams", type=Path, nargs="*",
                    default=[*sorted((ROOT / "tests/data/blind").glob("*/streams.jsonl")),
                             ROOT / "corpus/rooms/r1/streams.jsonl"])
    args = ap.parse_args(argv)
    engine = Engine.from_config()
    sets: dict[str, list[tuple[dict[str, Any], list[Msg]]]] = {}
    for path in args.streams:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        sets[path.parent.name] = [(s, decided(engine, s)) for s in rows if s["split"] != "holdout"]

    def count(names: list[str], params: tuple[float, ...]) -> collections.Counter[str]:
        c: collections.Counter[str] = collections.Counter()
        for name in names:
            for stream, msgs in sets[name]:
                at = first_action(msgs, *params)
                if stream["violation"]:
                    start = [m["id"] for m in stream["messages"]].index(stream["violation_starts_at"])
                    c["pos"] += 1
                    c["caught"] += at is not None and at <= start + WITHIN
                else:
                    c["neg"] += 1
                    c["acted"] += at is not None
        return c

    total: collections.Counter[str] = collections.Counter()
    for held in sets:
        rest = [n for n in sets if n != held]
        best = max(GRID, key=lambda p: (lambda c: c["caught"] - 3 * c["acted"])(count(rest, p)))
        c = count([held], best)
        total.update(c)
        print(f"{held:10} params (wh, wv, floor, decay, theta) {best}: violating caught {c['caught']}/{c['pos']}, "
              f"innocent acted on {c['acted']}/{c['neg']}")
    print(f"leave one set out, all sets: violating caught {total['caught']}/{total['pos']}, "
          f"innocent acted on {total['acted']}/{total['neg']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
