"""Replay the blind livestream streams through the room logic and score the room actions (issue 20).

    PYTHONPATH=. python tools/eval_live.py [--streams tests/data/blind/live/streams.jsonl] [--split dev]
                                          [--ws] [--show] [--frames FILE]
    PYTHONPATH=. python tools/eval_live.py --streams A.jsonl B.jsonl ... --by-behaviour

Scores, per split: violating rooms that reach a room action (any of warn/limit/review/end) within 30 messages
of `violation_starts_at` (and how many reach at least the expected `room_action_at_least`), and innocent rooms
that get any room action. `--ws` replays every stream through the WebSocket endpoint of a real server on
loopback instead of in-process and checks that both give the same room actions. `--by-behaviour` (session 15) adds,
per behaviour (the first of a violating room's `expect.room_labels`), the writers' expected actions and how many rooms
reached the strongest action within the window at it, above it and below it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.engine import Engine  # noqa: E402
from qinglang.live.messages import RANK  # noqa: E402
from qinglang.live.room import RoomManager  # noqa: E402

WITHIN = 30
# A writer may state the minimum room action in the Decision vocabulary (label, block): the room's own ladder.
DECISION_TO_ROOM = {"label": "warn", "block": "end", "pass": "none"}


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def replay_inprocess(manager: RoomManager, stream: dict[str, Any]) -> list[dict[str, Any]]:
    room_id = f"{stream['id']}:{stream['room']['room_id']}"
    manager.room(room_id, stream["room"])
    return [manager.observe(room_id, m) for m in stream["messages"]]


def replay_ws(base: str, key: str, stream: dict[str, Any]) -> list[dict[str, Any]]:
    from websockets.sync.client import connect

    room_id = f"{stream['id']}-{stream['room']['room_id']}"
    frames = []
    with connect(f"{base}/v1/live/{room_id}", additional_headers={"Authorization": f"Bearer {key}"}) as ws:
        ws.send(json.dumps({"room": stream["room"]}, ensure_ascii=False))
        json.loads(ws.recv())  # the room frame
        for m in stream["messages"]:
            ws.send(json.dumps(m, ensure_ascii=False))
        for _ in stream["messages"]:
            frames.append(json.loads(ws.recv()))
    return frames


def score(stream: dict[str, Any], frames: list[dict[str, Any]]) -> dict[str, Any]:
    ids = [m["id"] for m in stream["messages"]]
    first = next((i for i, f in enumerate(frames) if f["room"]["action"] != "none"), None)
    final = frames[-1]["room"]["action"] if frames else "none"
    out: dict[str, Any] = {"id": stream["id"], "split": stream["split"], "violation": stream["violation"],
                           "first_action_at": ids[first] if first is not None else None, "final": final,
                           "reasons": frames[-1]["room"]["reasons"] if frames else []}
    if stream["violation"]:
        start = ids.index(stream["violation_starts_at"])
        out["caught"] = first is not None and first <= start + WITHIN
        want = stream["expect"].get("room_action_at_least") or "warn"
        want = DECISION_TO_ROOM.get(want, want)
        reached = max((RANK[f["room"]["action"]] for f in frames[: start + WITHIN + 1]), default=0)
        out["severity_ok"] = reached >= RANK[want]
        # (session 14) the strongest action within the window against the writer's: at it, above it (a stream ended
        # where a review was expected) or below it
        out["severity_exact"] = reached == RANK[want]
        out["severity_over"] = reached > RANK[want]
        out["early"] = first is not None and first < start
    else:
        out["false_action"] = first is not None
    return out


def trace(manager: RoomManager, stream: dict[str, Any]) -> int:
    """Replay one stream and print, per message, who said it, what it said, the cues it added and the room after."""
    room_id = f"{stream['id']}:{stream['room']['room_id']}"
    manager.room(room_id, stream["room"])
    room = manager.get(room_id)
    assert room is not None
    print(json.dumps(stream["room"], ensure_ascii=False), "violation:", stream.get("violation"),
          "starts:", stream.get("violation_starts_at"), "expect:", stream.get("room_action_at_least"))
    for m in stream["messages"]:
        frame = manager.observe(room_id, m)
        role = (m.get("author") or {}).get("role", "viewer")
        print(f"{m['id']:>4} {role[:1]} {m.get('kind', '')[:1]} {room.score:5.2f} {frame['room']['action']:6} "
              f"{m.get('text', '')[:70]}")
        for ev in room.timeline:
            if ev.seq == room.seq:
                print(f"{'':18}+{ev.weight:.2f} {ev.label} {ev.cue}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--streams", type=Path, nargs="+", default=[ROOT / "tests/data/blind/live/streams.jsonl"],
                    help="one or more streams files (their rooms are scored together)")
    ap.add_argument("--by-behaviour", action="store_true", help="expected action per behaviour: at / above / below")
    ap.add_argument("--split", choices=("dev", "holdout", "unseen", "probe", "train", "all"), default="all")
    ap.add_argument("--ws", action="store_true", help="also replay through the WebSocket on a loopback server")
    ap.add_argument("--show", action="store_true", help="print every stream's outcome")
    ap.add_argument("--frames", type=Path, metavar="FILE",
                    help="write every frame sent back (one JSON line per stream: id and frames) to FILE: two trees "
                    "that give byte-identical files decide every message and every room the same")
    ap.add_argument("--trace", metavar="ID", help="print one stream message by message: role, text, the cues "
                    "each message added (timeline) and the room score and action after it")
    args = ap.parse_args(argv)
    every = [s for path in args.streams for s in load(path)]
    streams = [s for s in every if args.split == "all" or s["split"] == args.split]
    engine = Engine.from_config()
    manager = RoomManager(engine)
    if args.trace:
        return trace(manager, next(s for s in every if s["id"] == args.trace))
    replays = [replay_inprocess(manager, s) for s in streams]
    results = [score(s, frames) for s, frames in zip(streams, replays, strict=True)]
    if args.frames:
        args.frames.write_text("".join(json.dumps({"id": s["id"], "frames": f}, ensure_ascii=False, sort_keys=True)
                                       + "\n" for s, f in zip(streams, replays, strict=True)), encoding="utf-8")
    if args.ws:
        import tempfile

        from tests.service.qlserver import Server, make_keys  # the real service on loopback (tests helper)

        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/live.db"
            key = make_keys(url)["submitter"]
            srv = Server(url, env={"QINGLANG_RATE_LIMIT_PER_S": "0"}).start()
            try:
                base = srv.base.replace("http://", "ws://")
                for s, r in zip(streams, results, strict=True):
                    ws = score(s, replay_ws(base, key, s))
                    if (ws["first_action_at"], ws["final"]) != (r["first_action_at"], r["final"]):
                        print(f"MISMATCH {s['id']}: in-process {r['first_action_at']}/{r['final']} "
                              f"ws {ws['first_action_at']}/{ws['final']}")
                        return 1
            finally:
                srv.stop()
        print(f"WebSocket replay: {len(streams)} streams, same room actions as in-process")
    for split in ("dev", "holdout", "unseen", "probe", "train"):
        rows = [r for r in results if r["split"] == split]
        if not rows:
            continue
        pos = [r for r in rows if r["violation"]]
        neg = [r for r in rows if not r["violation"]]
        caught = sum(r["caught"] for r in pos)
        sev = sum(r["severity_ok"] for r in pos)
        fa = sum(r["false_action"] for r in neg)
        exact = sum(r["severity_exact"] for r in pos)
        over = sum(r["severity_over"] for r in pos)
        print(f"{split}: violating rooms with a room action within {WITHIN} messages: {caught}/{len(pos)} "
              f"({100 * caught / max(1, len(pos)):.1f} %); reaching the expected action: {sev}/{len(pos)} "
              f"(at it {exact}, above it {over}); "
              f"innocent rooms with any room action: {fa}/{len(neg)} ({100 * fa / max(1, len(neg)):.1f} %)")
        if args.show:
            for r in rows:
                flag = ("MISS" if not r["caught"] else "HIGH" if r["severity_over"] else "ok" if r["severity_ok"]
                        else "LOW") if r["violation"] \
                    else ("FALSE" if r["false_action"] else "ok")
                print(f"  {flag:5} {r['id']} first={r['first_action_at']} final={r['final']} {r['reasons']}")
    if args.by_behaviour:
        print(behaviour_table(streams, results))
    return 0


def behaviour_table(streams: list[dict[str, Any]], results: list[dict[str, Any]]) -> str:
    """Per behaviour (a violating room's first `expect.room_labels`): rooms, the writers' expected actions, and the
    strongest action within the window at / above / below it, and missed (no action within the window)."""
    rows: dict[str, dict[str, Any]] = {}
    for s, r in zip(streams, results, strict=True):
        if not s["violation"]:
            continue
        labels = s["expect"].get("room_labels") or s["expect"].get("labels") or ["?"]
        want = DECISION_TO_ROOM.get(s["expect"].get("room_action_at_least") or "warn",
                                    s["expect"].get("room_action_at_least") or "warn")
        row = rows.setdefault(labels[0], {"n": 0, "want": {}, "at": 0, "above": 0, "below": 0, "missed": 0})
        row["n"] += 1
        row["want"][want] = row["want"].get(want, 0) + 1
        row["missed"] += not r["caught"]
        row["at" if r["severity_exact"] else "above" if r["severity_over"] else "below"] += 1
    out = ["| behaviour | rooms | writers expect | at it | above | below | missed ≤ 30 |",
           "|---|---|---|---|---|---|---|"]
    for lab, row in sorted(rows.items(), key=lambda kv: -kv[1]["n"]):
        want = ", ".join(f"{a} {n}" for a, n in sorted(row["want"].items(), key=lambda kv: RANK[kv[0]]))
        out.append(f"| {lab} | {row['n']} | {want} | {row['at']} | {row['above']} | {row['below']} | {row['missed']} |")
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
