"""Room-level patterns (cues.yaml `combos`): the moves of one message completing a combo with moves seen shortly
before, each act paired once, and how much of that weight spans messages (verdict.py reads it as a pattern)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cues import DATING_CATEGORIES

if TYPE_CHECKING:
    from .cues import Cues
    from .room import Room


def read(cues: Cues, room: Room, fired: list[str]) -> tuple[list[tuple[str, str, float]], float]:
    """Room-level patterns: the moves of this message completing a combo with moves seen shortly before; and
    the weight of those that paired a move of an earlier message (a pattern across messages, verdict.py)."""
    seq = room.seq
    earlier = {name: room.last.get(name, -(10**9)) for name in fired}  # the move's previous occurrence
    for name in fired:
        room.last[name] = seq
    if any(c in room.meta.category for c in DATING_CATEGORIES):
        room.last["dating"] = seq
    out = []
    spread = 0.0
    for combo in cues.combos:
        if not any(n in fired for n in combo.needs):
            continue
        if all(seq - room.last.get(n, -10**9) <= combo.within for n in combo.needs):
            # the last need is the act (the ask, the fee, the tip); the others are its context. Each act
            # pairs once: one fee named in a dating show does not count again at every later 嘉宾 line
            act = room.last[combo.needs[-1]]
            if room.paired.get(combo.name) == act:
                continue
            room.paired[combo.name] = act
            out.append((f"combo:{combo.name}", combo.label, combo.weight))
            if any(0 < seq - earlier.get(n, room.last.get(n, seq)) <= combo.within for n in combo.needs):
                spread += combo.weight  # a need said in an earlier message too: the combo spans messages
    return out, spread
