"""One viewer repeating what the engine reads as a lure: porn, a bet or a contact on offer (issue 20, session 20).

A viewer's 弹幕 that the engine labels `porn`, `gambling` or `drainage` (its frames, word lists and learned heads:
`PREFIXES`, at `FLOOR`, as engine_read.py reads a viewer's 弹幕) is one viewer's share of a room problem
(engine_read.py); several viewers make a flood (witness.py). What no single 弹幕 shows is the *same* account coming
back with it: a spammer posting its lure again in other words. Each message of a viewer that the engine labels with a
label the same viewer's earlier message (within `SPAN`) already carried adds one `repeat:viewer` hit (`WEIGHT`, that
label), aimed at the viewers. On the tune rooms (r1–r6, unseen … unseen18) no innocent room had one viewer with two
such messages. Not `vulgar`: one viewer pressing a body request again is that viewer's, not the room's (session 18:
several viewers make a flood, one does not).

The room keeps, per labelled viewer, the (seq, label) of its last labelled messages (a bounded dict of tuples: not
tracked by the GC). Not while the host debunks (viewers quote the scripts they received).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .room import Room

Hit = tuple[str, str, float]
LABELS = frozenset({"porn", "gambling", "drainage"})
# not the writer bank (`semantic.`): on a 弹幕 of a few characters its nearest example votes for ordinary words
# ("你好漂亮" is `drainage` there), and a viewer says those again
PREFIXES = ("frame.", "lexicon.", "model.")
FLOOR = 0.6
WEIGHT = 1.0
SPAN = 30  # messages: a label said again within this many messages is a repeat
KEEP = 4  # labelled messages remembered per viewer
MAX_AUTHORS = 64  # labelled viewers a room remembers (least recent out)


def read(room: Room, author: str, found: Iterable[tuple[str, str, float, object]]) -> list[Hit]:
    """A viewer's 弹幕 and the engine's labels on it: remember its labels; a `repeat:viewer` hit when the same viewer
    already sent one of them within `SPAN` messages."""
    if not author:
        return []
    labels = sorted({label for label, rule, score, _ in found
                     if label in LABELS and score >= FLOOR and rule.startswith(PREFIXES)})
    if not labels:
        return []
    before = tuple(e for e in room.labelled.pop(author, ()) if room.seq - e[0] < SPAN)
    room.labelled[author] = (*before, *((room.seq, lab) for lab in labels))[-KEEP:]
    while len(room.labelled) > MAX_AUTHORS:
        room.labelled.pop(next(iter(room.labelled)))
    again = [lab for lab in labels if any(lab == old for _, old in before)]
    return [("repeat:viewer", again[0], WEIGHT)] if again else []
